import { describe, expect, it } from 'vitest';
import { managedCachePolicies } from '../assembly/managed-policies.ts';
import { errorTtl, successTtl } from '../cache/ttl.ts';
import type { CachePolicy } from '../model.ts';

const base = managedCachePolicies['658327ea-f89d-4fab-a63d-7e88639e58f6'] as CachePolicy;
const policy = (minTtl: number, defaultTtl: number, maxTtl: number): CachePolicy => ({
  ...base,
  minTtl,
  defaultTtl,
  maxTtl,
});
const cc = (value: string) => ({ 'cache-control': [{ key: 'Cache-Control', value }] });
const now = Date.parse('2026-01-01T00:00:00Z');

describe('TTL rules (rule 5.2)', () => {
  it('caps max-age at MaxTTL when MinTTL is 0 (rule 5.2)', () => {
    expect(successTtl(cc('max-age=500'), policy(0, 60, 100), now)).toBe(100);
    expect(successTtl(cc('max-age=50'), policy(0, 60, 100), now)).toBe(50);
  });

  it('clamps max-age between MinTTL and MaxTTL (rule 5.2)', () => {
    expect(successTtl(cc('max-age=5'), policy(30, 60, 100), now)).toBe(30);
  });

  it('prefers s-maxage over max-age (rule 5.2)', () => {
    expect(successTtl(cc('max-age=0, s-maxage=60'), policy(0, 10, 1000), now)).toBe(60);
  });

  it('uses Expires when there is no max-age, capped at MaxTTL (rule 5.2)', () => {
    const expires = { expires: [{ key: 'Expires', value: new Date(now + 50_000).toUTCString() }] };
    expect(successTtl(expires, policy(0, 10, 1000), now)).toBe(50);
    expect(successTtl(expires, policy(0, 10, 20), now)).toBe(20);
  });

  it('uses DefaultTTL, at least MinTTL, without caching headers (rule 5.2)', () => {
    expect(successTtl({}, policy(0, 60, 100), now)).toBe(60);
    expect(successTtl({}, policy(90, 60, 100), now)).toBe(90);
  });

  it('respects no-cache, no-store and private only down to MinTTL (rule 5.2)', () => {
    expect(successTtl(cc('no-store'), policy(0, 60, 100), now)).toBe(0);
    expect(successTtl(cc('private, max-age=60'), policy(5, 60, 100), now)).toBe(5);
  });
});

describe('error caching (rule 5.8)', () => {
  const p = policy(0, 60, 100);

  it('always caches 404, 414 and 5xx, for ErrorCachingMinTTL (default 10 s) (rule 5.8)', () => {
    expect(errorTtl(404, {}, p, now)).toBe(10);
    expect(errorTtl(503, {}, p, now, 30)).toBe(30);
    expect(errorTtl(404, cc('max-age=50'), p, now)).toBe(50);
  });

  it('caches 400, 403, 405, 412 and 415 only when the origin sent max-age or s-maxage (rule 5.8)', () => {
    expect(errorTtl(403, {}, p, now)).toBe(0);
    expect(errorTtl(403, cc('s-maxage=40'), p, now)).toBe(40);
  });

  it('never caches 416 (rule 5.8)', () => {
    expect(errorTtl(416, cc('max-age=40'), p, now)).toBe(0);
  });
});
