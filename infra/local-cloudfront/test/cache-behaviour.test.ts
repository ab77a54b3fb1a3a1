/**
 * Conformance: the cache (rule 3.5, 5.1, 5.2, 5.8, 5.9) and the headers CloudFront adds (4),
 * over HTTP against the fixture stack `Conformance`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { userAgents } from '../testing/user-agents.ts';
import { siteDir } from './fixtures/paths.ts';
import { useLocalCloudFront } from './support/harness.ts';

const t = useLocalCloudFront('Conformance');
const iphone = userAgents.iphone;
type Recorded = {
  generated: number;
  request: { uri: string; querystring: string; headers: Record<string, [{ value: string }]> };
};
const record = async (p: string, headers: Record<string, string> = {}) =>
  (await (await t.get(p, headers)).json()) as Recorded;
const header = (r: Recorded, name: string) => r.request.headers[name]?.[0]?.value;

describe('cache (rule 3.5, 5.2, 5.8, 5.9)', () => {
  it('serves a hit with an Age header counting the seconds in cache (rule 4)', async () => {
    expect((await t.get('/a.txt')).headers.get('x-cache')).toBe('Miss from cloudfront');
    t.advance(5_000);
    const hit = await t.get('/a.txt');
    expect(hit.headers.get('x-cache')).toBe('Hit from cloudfront');
    expect(hit.headers.get('age')).toBe('5');
  });

  it('revalidates an expired object with a conditional request: RefreshHit, origin events run (rule 3.5)', async () => {
    await t.get('/b.txt');
    t.advance(61_000); // the fixture policy's DefaultTTL is 60 s
    const refreshed = await t.get('/b.txt');
    expect(refreshed.headers.get('x-cache')).toBe('RefreshHit from cloudfront');
    expect(t.ran()).toContain('origin-response');
    expect(await refreshed.text()).toBe('object b\n');
    expect((await t.get('/b.txt')).headers.get('x-cache')).toBe('Hit from cloudfront');
  });

  it('keeps an object for the max-age the origin sent, within the policy bounds (rule 5.2)', async () => {
    const first = await record('/record/ttl');
    t.advance(59_000);
    expect((await record('/record/ttl')).generated).toBe(first.generated);
    t.advance(2_000);
    expect((await record('/record/ttl')).generated).toBeGreaterThan(first.generated);
  });

  it('does not cache a 403 without max-age, but caches a 404 for the error caching TTL (rule 5.8)', async () => {
    await t.get('/missing-403.txt');
    await t.get('/missing-403.txt');
    expect(t.ran()).toContain('origin-response');
    await t.get('/gone/cached');
    const cached = await t.get('/gone/cached');
    expect(cached.headers.get('x-cache')).toBe('Error from cloudfront');
    expect(t.ran()).not.toContain('origin-response');
    t.advance(11_000);
    await t.get('/gone/cached');
    expect(t.ran()).toContain('origin-response');
  });

  it('removes invalidated paths from the cache (rule 5.9)', async () => {
    await t.get('/dir/index.html');
    expect((await t.get('/dir/index.html')).headers.get('x-cache')).toBe('Hit from cloudfront');
    expect(t.edge.invalidate(['/dir/*'])).toBeGreaterThan(0);
    expect((await t.get('/dir/index.html')).headers.get('x-cache')).toBe('Miss from cloudfront');
  });

  it('keys equivalent Accept-Encoding values together (rule 5.1)', async () => {
    await t.get('/static/tiny.css', { 'accept-encoding': 'gzip, deflate, br' });
    const res = await t.get('/static/tiny.css', { 'accept-encoding': 'br;q=1.0, gzip;q=0.8' });
    expect(res.headers.get('x-cache')).toBe('Hit from cloudfront');
  });

  it('compresses compressible objects of 1,000 bytes or more when the viewer accepts gzip (rule 5.1)', async () => {
    const res = await t.get('/static/big.css', { 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes the gzip body itself: equal bytes prove it was valid gzip of the object.
    expect(
      Buffer.from(await res.arrayBuffer()).equals(readFileSync(path.join(siteDir, 'static/big.css'))),
    ).toBe(true);
    const tiny = await t.get('/static/tiny.css', { 'accept-encoding': 'gzip' });
    expect(tiny.headers.get('content-encoding')).toBeNull();
  });

  it('passes binary objects through byte for byte (rule 6)', async () => {
    const res = await t.get('/static/blob.bin', { 'accept-encoding': 'gzip, br' });
    expect(
      Buffer.from(await res.arrayBuffer()).equals(readFileSync(path.join(siteDir, 'static/blob.bin'))),
    ).toBe(true);
  });

  it('reports hits, misses and errors in the statistics', () => {
    const stats = t.edge.stats();
    expect(stats.hits).toBeGreaterThan(0);
    expect(stats.misses).toBeGreaterThan(0);
    expect(stats.requests).toBe(t.logs.length);
  });
});

describe('headers CloudFront adds (rule 4)', () => {
  it('adds the device headers a policy names, only for origin events, overwriting the viewer value (rule 4)', async () => {
    const r = await record('/record/device', {
      'user-agent': iphone,
      'cloudfront-is-mobile-viewer': 'false',
    });
    expect(header(r, 'cloudfront-is-mobile-viewer')).toBe('true');
    expect(header(r, 'cloudfront-is-desktop-viewer')).toBeUndefined();
    const echo = (await (await t.get('/vr/echo', { 'user-agent': iphone })).json()) as Recorded;
    expect(Object.keys(echo.request.headers).filter((h) => h.startsWith('cloudfront-'))).toEqual([]);
  });

  it('puts the named CloudFront headers into the cache key (rule 3.4, 4)', async () => {
    const desktop = await record('/record/keyed');
    const phone = await record('/record/keyed', { 'user-agent': iphone });
    expect(phone.generated).not.toBe(desktop.generated);
    expect((await record('/record/keyed', { 'user-agent': iphone })).generated).toBe(phone.generated);
  });

  it('takes the viewer country from the x-local-cloudfront-country override (rule 4)', async () => {
    const r = await record('/record/country', { 'x-local-cloudfront-country': 'de' });
    expect(header(r, 'cloudfront-viewer-country')).toBe('DE');
    expect(header(r, 'x-local-cloudfront-country')).toBeUndefined();
  });

  it('adds X-Forwarded-For and Via, and replaces Host and User-Agent unless forwarded (rule 3.6, 4)', async () => {
    const r = await record('/record/added', { 'x-forwarded-for': '198.51.100.7' });
    expect(header(r, 'x-forwarded-for')).toBe('198.51.100.7, 127.0.0.1');
    expect(header(r, 'via')).toMatch(/^2\.0 [0-9a-f]+\.cloudfront\.net \(CloudFront\)$/);
    expect(header(r, 'host')).toMatch(/\.s3\.us-east-1\.amazonaws\.com$/);
    expect(header(r, 'user-agent')).toBe('Amazon CloudFront');
  });

  it('forwards what the cache and origin request policies name and nothing else (rule 5.1)', async () => {
    const r = await record('/record/forwarded?z=1&q=2', {
      cookie: 'zeta=1; keep=2',
      'x-orp-only': 'yes',
      'x-not-named': 'no',
    });
    expect(r.request.querystring).toBe('q=2');
    expect(header(r, 'cookie')).toBe('keep=2');
    expect(header(r, 'x-orp-only')).toBe('yes');
    expect(header(r, 'x-not-named')).toBeUndefined();
  });

  it('warns once when an origin-facing function reads a forwarded value the cache key leaves out (design "Cache-key discipline")', async () => {
    await record('/record/lint-1', { 'x-orp-only': 'a' });
    await record('/record/lint-2', { 'x-orp-only': 'b' });
    const lint = t.warnings.filter((w) => w.includes('reads header x-orp-only'));
    expect(lint).toHaveLength(1);
    expect(lint[0]).toMatch(
      /origin-request, behavior \/record\/\*\) reads header x-orp-only, which is not in the cache key/,
    );
  });

  it('normalises the Accept-Encoding the origin sees, identity when the viewer accepts neither (rule 5.1)', async () => {
    expect(header(await record('/record/ae-none', { 'accept-encoding': 'deflate' }), 'accept-encoding')).toBe(
      'identity',
    );
  });

  it('answers with X-Cache, Via, X-Amz-Cf-Pop and X-Amz-Cf-Id (rule 4)', async () => {
    const res = await t.get('/a.txt');
    expect(res.headers.get('via')).toMatch(/^1\.1 [0-9a-f]+\.cloudfront\.net \(CloudFront\)$/);
    expect(res.headers.get('x-amz-cf-pop')).toMatch(/^[A-Z0-9]+-[A-Z0-9]+$/);
    expect(res.headers.get('x-amz-cf-id')).toMatch(/^[A-Za-z0-9_-]{54}==$/);
  });

  it('keeps only Accept-Encoding, Cookie and forwarded headers in a cached Vary (rule 4)', async () => {
    expect((await t.get('/ores/set-cookie')).headers.get('vary')).toBe('Accept-Encoding, Cookie');
  });

  it('removes Set-Cookie from cached responses when cookies are not forwarded (rule 4)', async () => {
    expect((await t.get('/ores/set-cookie')).headers.get('set-cookie')).toBeNull();
  });
});

describe('response headers policy (rule 5.5)', () => {
  it('adds, overrides and removes headers on every response, hits and errors included (rule 5.5)', async () => {
    for (const p of ['/a.txt', '/a.txt', '/missing.txt']) {
      const res = await t.get(p);
      expect(res.headers.get('x-override-policy')).toBe('from policy');
      expect(res.headers.get('x-remove-me')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await t.get('/a.txt')).headers.get('x-fixture-policy')).toBe('from origin-response');
  });
});
