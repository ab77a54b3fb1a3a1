import { describe, expect, it } from 'vitest';
import { EdgeCache } from '../cache.ts';

const response = { status: 200, headers: {}, body: Buffer.from('x') };

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

describe('invalidation (reference 5.9)', () => {
  it('removes every variant (headers, cookies) of an invalidated path (reference 5.9)', () => {
    const cache = filled();
    expect(cache.invalidate(['/images/a'])).toBe(2);
    expect(cache.get('k3')).toBeDefined();
  });

  it('treats a trailing * as a prefix match (reference 5.9)', () => {
    expect(filled().invalidate(['/images/*'])).toBe(3);
    expect(filled().invalidate(['/im*'])).toBe(4);
    expect(filled().invalidate(['/*'])).toBe(6);
  });

  it('matches paths case-sensitively (reference 5.9)', () => {
    const cache = filled();
    cache.invalidate(['/images/*']);
    expect(cache.get('k5')).toBeDefined();
  });

  it('needs the query string, or a wildcard, when query strings are in the key (reference 5.9)', () => {
    expect(filled().invalidate(['/search'])).toBe(0);
    expect(filled().invalidate(['/search?q=1'])).toBe(1);
    expect(filled().invalidate(['/search*'])).toBe(1);
  });

  it('serves an entry as fresh until its TTL has passed (reference 5.2)', () => {
    let now = 0;
    const cache = new EdgeCache(() => now);
    cache.put('k', '/a', response, 10);
    now = 9_999;
    expect(cache.get('k')?.fresh).toBe(true);
    now = 10_000;
    expect(cache.get('k')?.fresh).toBe(false);
  });
});
