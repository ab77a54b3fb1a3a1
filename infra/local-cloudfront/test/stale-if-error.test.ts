/**
 * Conformance: an origin 5xx for an expired object (rule 5.2 stale-if-error, 5.8). The fixture's
 * origin-response plays the origin on /record/origin/*: `x-orp-only: fail` is a 503, `cc:<value>` the
 * origin's Cache-Control (the header is forwarded but not in the cache key, so one object is involved).
 */
import { describe, expect, it } from 'vitest';
import { managedCachePolicies } from '../assembly/managed-policies.ts';
import { servesStaleOnError } from '../cache/ttl.ts';
import type { CachePolicy } from '../model.ts';
import { useLocalCloudFront } from './support/harness.ts';

const t = useLocalCloudFront('Conformance');
const origin = (p: string, play: string) => t.get(`/record/origin/${p}`, { 'x-orp-only': play });

describe('stale objects on an origin 5xx (rule 5.2, 5.8)', () => {
  it('serves the stale object on an origin 5xx while age <= TTL + stale-if-error, then the 5xx (rule 5.2 stale-if-error)', async () => {
    expect((await origin('window', 'cc:max-age=10, stale-if-error=30')).status).toBe(200);
    t.advance(20_000);
    const within = await origin('window', 'fail');
    expect(within.status).toBe(200);
    expect(await within.text()).toBe('object a\n');
    t.advance(30_000);
    expect((await origin('window', 'fail')).status).toBe(503);
  });

  it('never serves a stale object for stale-if-error=0 (rule 5.2 "send stale-if-error=0")', async () => {
    expect((await origin('zero', 'cc:max-age=10, stale-if-error=0')).status).toBe(200);
    t.advance(10_000);
    expect((await origin('zero', 'fail')).status).toBe(503);
  });

  it('serves the stale object on an origin 5xx when the origin sent no stale-if-error (rule 5.8)', async () => {
    expect((await origin('default', 'cc:max-age=10')).status).toBe(200);
    t.advance(3_600_000);
    const stale = await origin('default', 'fail');
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe('object a\n');
  });

  it('caps the stale-if-error window at MaxTTL (rule 5.2 "capped at MaxTTL")', () => {
    const base = managedCachePolicies['658327ea-f89d-4fab-a63d-7e88639e58f6'] as CachePolicy;
    const policy = { ...base, maxTtl: 100 };
    const sie = { 'cache-control': [{ key: 'Cache-Control', value: 'max-age=10, stale-if-error=1000' }] };
    expect(servesStaleOnError(sie, policy, 110, 10)).toBe(true);
    expect(servesStaleOnError(sie, policy, 111, 10)).toBe(false);
  });
});
