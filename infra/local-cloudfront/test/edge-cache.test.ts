import { describe, expect, it } from 'vitest';
import { EdgeCache, entrySize } from '../cache/edge-cache.ts';
import type { StoredResponse } from '../types.ts';

const response = { status: 200, headers: { etag: [{ key: 'ETag', value: '"x"' }] }, body: Buffer.from('x') };

function filled(): EdgeCache {
  const cache = new EdgeCache(() => 0);
  for (const [key, path] of [
    ['k1', '/images/a'],
    ['k2', '/images/a'],
    ['k3', '/images/b/c'],
    ['k4', '/img.png'],
    ['k5', '/Images/a'],
    ['k6', '/search?q=1'],
  ] as const)
    cache.put(key, path, response, 60);
  return cache;
}

describe('invalidation (rule 5.9)', () => {
  it('removes every variant (headers, cookies) of an invalidated path (rule 5.9)', () => {
    const cache = filled();
    expect(cache.invalidate(['/images/a'])).toBe(2);
    expect(cache.get('k3')).toBeDefined();
  });

  it('treats a trailing * as a prefix match (rule 5.9)', () => {
    expect(filled().invalidate(['/images/*'])).toBe(3);
    expect(filled().invalidate(['/im*'])).toBe(4);
    expect(filled().invalidate(['/*'])).toBe(6);
  });

  it('matches paths case-sensitively (rule 5.9)', () => {
    const cache = filled();
    cache.invalidate(['/images/*']);
    expect(cache.get('k5')).toBeDefined();
  });

  it('needs the query string, or a wildcard, when query strings are in the key (rule 5.9)', () => {
    expect(filled().invalidate(['/search'])).toBe(0);
    expect(filled().invalidate(['/search?q=1'])).toBe(1);
    expect(filled().invalidate(['/search*'])).toBe(1);
  });

  it('serves an entry as fresh until its TTL has passed (rule 5.2)', () => {
    let now = 0;
    const cache = new EdgeCache(() => now);
    cache.put('k', '/a', response, 10);
    now = 9_999;
    expect(cache.get('k')?.fresh).toBe(true);
    now = 10_000;
    expect(cache.get('k')?.fresh).toBe(false);
  });
});

describe('a bounded cache (rule 5.2: rarely requested objects may be evicted before they expire)', () => {
  const object = (
    bytes: number,
    headers: StoredResponse['headers'] = { etag: [{ key: 'ETag', value: '"e"' }] },
  ) => ({
    status: 200,
    headers,
    body: Buffer.alloc(bytes),
  });
  const budget = 12 * 1024; // three 3,000-byte objects with their headers and keys fit, four do not

  it('evicts the least recently used entries to stay within its byte budget, and counts them', () => {
    const cache = new EdgeCache(() => 0, budget);
    for (let i = 0; i < 5; i++) cache.put(`k${i}`, `/o${i}`, object(3000), 60);
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(budget);
    expect(stats.entries).toBe(3);
    expect(stats.evictions).toBe(2);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k4')).toBeDefined();
  });

  it('keeps an entry that was just read over one that was not (least recently used goes first)', () => {
    const cache = new EdgeCache(() => 0, budget);
    for (let i = 0; i < 3; i++) cache.put(`k${i}`, `/o${i}`, object(3000), 60);
    cache.get('k0');
    cache.put('k3', '/o3', object(3000), 60);
    expect(cache.get('k0')).toBeDefined();
    expect(cache.get('k1')).toBeUndefined();
  });

  it('reports the bytes it holds, counting headers and keys as well as bodies', () => {
    const cache = new EdgeCache(() => 0, budget);
    cache.put('k', '/o', object(1000), 60);
    expect(cache.stats().bytes).toBe(entrySize('k', '/o', object(1000)));
    expect(cache.stats().bytes).toBeGreaterThan(1000);
    expect(cache.stats().budgetBytes).toBe(budget);
  });

  it('does not store an object larger than the whole budget', () => {
    const cache = new EdgeCache(() => 0, budget);
    cache.put('small', '/s', object(100), 60);
    cache.put('huge', '/h', object(budget + 1), 60);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('small')).toBeDefined();
  });

  it('keeps an expired object with a validator for revalidation, and drops an expired error or one without', () => {
    let now = 0;
    const cache = new EdgeCache(() => now, budget);
    cache.put('validated', '/v', object(10), 10);
    cache.put('plain', '/p', object(10, {}), 10);
    cache.put('error', '/e', { ...object(10), status: 404 }, 10);
    now = 11_000;
    expect(cache.get('validated')?.fresh).toBe(false);
    expect(cache.get('plain')).toBeUndefined();
    expect(cache.purgeExpired()).toBe(1);
    expect(cache.get('error')).toBeUndefined();
    const stats = cache.stats();
    expect(stats.expiredDropped).toBe(2);
    expect(stats.entries).toBe(1);
  });

  it('stays within its budget under a flood of unique paths', () => {
    const cache = new EdgeCache(() => 0, 1024 * 1024);
    for (let i = 0; i < 20_000; i++)
      cache.put(`/missing/${i}`, `/missing/${i}`, { ...object(300), status: 404 }, 10);
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(stats.evictions).toBe(20_000 - stats.entries);
  });

  it('refuses a budget that is not a positive size, in words', () => {
    expect(() => new EdgeCache(() => 0, Number.NaN)).toThrow(/cache budget must be a positive size/);
    expect(() => new EdgeCache(() => 0, 0)).toThrow(/--cache-mb/);
  });
});
