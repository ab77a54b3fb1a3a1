import { describe, expect, it } from 'vitest';
import { managedCachePolicies } from '../assembly/managed-policies.ts';
import { cacheKey, normalizeAcceptEncoding, selectCookies, selectQueryString } from '../cache/cache-key.ts';
import type { CachePolicy } from '../model.ts';

const optimized = managedCachePolicies['658327ea-f89d-4fab-a63d-7e88639e58f6'] as CachePolicy;
const h = (pairs: Record<string, string>) =>
  Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, [{ key: k, value: v }]]));
const policy = (p: Partial<CachePolicy>): CachePolicy => ({ ...optimized, ...p });

describe('cache key (rule 5.1)', () => {
  it('normalises Accept-Encoding to br,gzip, gzip or br for the encodings the policy enables (rule 5.1)', () => {
    expect(normalizeAcceptEncoding('gzip, deflate, br, zstd', optimized)).toBe('br,gzip');
    expect(normalizeAcceptEncoding('gzip;q=1.0, identity', optimized)).toBe('gzip');
    expect(normalizeAcceptEncoding('br', policy({ brotli: false }))).toBeUndefined();
    expect(normalizeAcceptEncoding('deflate', optimized)).toBeUndefined();
    expect(normalizeAcceptEncoding('gzip;q=0, br', optimized)).toBe('br');
  });

  it('keys two viewers with equivalent Accept-Encoding values together (rule 5.1)', () => {
    const base = { method: 'GET', uri: '/a', querystring: '' };
    const a = cacheKey({ ...base, headers: h({ 'accept-encoding': 'gzip, deflate, br' }) }, optimized);
    const b = cacheKey({ ...base, headers: h({ 'accept-encoding': 'br,gzip' }) }, optimized);
    const c = cacheKey({ ...base, headers: h({ 'accept-encoding': 'identity' }) }, optimized);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('leaves headers, cookies and query strings the policy does not name out of the key (rule 5.1)', () => {
    const base = { method: 'GET', uri: '/a', querystring: 'x=1' };
    const a = cacheKey({ ...base, headers: h({ cookie: 'a=1', 'user-agent': 'x' }) }, optimized);
    const b = cacheKey({ ...base, querystring: 'x=2', headers: h({ cookie: 'a=2' }) }, optimized);
    expect(a).toBe(b);
  });

  it('keys header names case-insensitively but values case-sensitively (rule 5.1)', () => {
    const p = policy({ headers: { behavior: 'whitelist', names: ['x-tenant'] } });
    const base = { method: 'GET', uri: '/a', querystring: '' };
    expect(cacheKey({ ...base, headers: h({ 'x-tenant': 'A' }) }, p)).not.toBe(
      cacheKey({ ...base, headers: h({ 'x-tenant': 'a' }) }, p),
    );
  });

  it('keeps query-string order and case, and selects by allow list or deny list (rule 5.1)', () => {
    expect(selectQueryString('b=2&a=1&c=3', { behavior: 'whitelist', names: ['a', 'b'] })).toBe('b=2&a=1');
    expect(selectQueryString('A=1&a=2', { behavior: 'whitelist', names: ['a'] })).toBe('a=2');
    expect(selectQueryString('a=1&b=2', { behavior: 'allExcept', names: ['a'] })).toBe('b=2');
  });

  it('selects cookies case-sensitively and sorts them by name (rule 4, 5.1)', () => {
    const cookies = selectCookies(h({ cookie: 'z=1; Keep=2; keep=3; a=4' }), {
      behavior: 'whitelist',
      names: ['keep', 'z'],
    });
    expect(cookies).toEqual([
      ['keep', '3'],
      ['z', '1'],
    ]);
  });

  it('keys OPTIONS apart from GET and HEAD (rule 5.1)', () => {
    const base = { uri: '/a', querystring: '', headers: {} };
    expect(cacheKey({ ...base, method: 'GET' }, optimized)).toBe(
      cacheKey({ ...base, method: 'HEAD' }, optimized),
    );
    expect(cacheKey({ ...base, method: 'OPTIONS' }, optimized)).not.toBe(
      cacheKey({ ...base, method: 'GET' }, optimized),
    );
  });
});
