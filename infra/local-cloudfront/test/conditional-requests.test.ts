/**
 * Conformance: viewer conditional requests (rule 3.5, 3.10) over HTTP against the fixture stack
 * `Conformance`. The default behavior runs viewer-request, origin-response and viewer-response; its
 * cache policy keeps objects 60 s and forwards no cookies. `/record/origin/*` forwards the cookie `keep`.
 */
import { describe, expect, it } from 'vitest';
import { viewerHasObject } from '../response/not-modified.ts';
import type { EdgeEvent, StoredResponse } from '../types.ts';
import { useLocalCloudFront } from './support/harness.ts';

const t = useLocalCloudFront('Conformance', { trace: true });

async function validators(p: string) {
  const res = await t.get(p);
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return { etag: res.headers.get('etag') ?? '', lastModified: res.headers.get('last-modified') ?? '' };
}

describe('viewer conditional requests (rule 3.5)', () => {
  it('answers a cached object whose ETag matches If-None-Match with 304, no body, and the headers of a 304', async () => {
    const { etag, lastModified } = await validators('/a.txt');
    const res = await t.get('/a.txt', { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('x-cache')).toBe('Hit from cloudfront');
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.headers.get('last-modified')).toBe(lastModified);
    expect(res.headers.get('age')).not.toBeNull();
    expect(res.headers.get('content-type')).toBeNull();
    expect(res.headers.get('content-length')).toBeNull();
    // Headers only origin-response put on the object are not part of a 304.
    expect(res.headers.get('x-ores-request-id')).toBeNull();
    // CloudFront's own headers and the response headers policy still apply (rule 4, 5.5).
    expect(res.headers.get('via')).toMatch(/cloudfront\.net \(CloudFront\)$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('runs viewer-response on the 304 and shows it status 304 (rule 3.10: only >= 400 skips it)', async () => {
    const { etag } = await validators('/a.txt');
    const res = await t.get('/a.txt', { 'if-none-match': etag });
    expect(res.status).toBe(304);
    expect(t.ran()).toEqual(['viewer-request', 'viewer-response']);
    expect(res.headers.get('x-vres-request-id')).toBe(t.logs.at(-1)?.requestId);
    const vres = t.logs.at(-1)?.trace?.find((s) => s.eventType === 'viewer-response');
    expect((vres?.input as EdgeEvent | undefined)?.Records[0]?.cf).toMatchObject({
      response: { status: '304' },
    });
  });

  it('compares If-None-Match weakly, accepts a list and *, and answers 200 with the body when none match', async () => {
    const { etag } = await validators('/b.txt');
    expect((await t.get('/b.txt', { 'if-none-match': `W/${etag}` })).status).toBe(304);
    expect((await t.get('/b.txt', { 'if-none-match': `"other", ${etag}` })).status).toBe(304);
    expect((await t.get('/b.txt', { 'if-none-match': '*' })).status).toBe(304);
    const full = await t.get('/b.txt', { 'if-none-match': '"other"' });
    expect(full.status).toBe(200);
    expect(await full.text()).toBe('object b\n');
  });

  it('answers If-Modified-Since at or after Last-Modified with 304, and earlier with 200', async () => {
    const { lastModified } = await validators('/a.txt');
    expect((await t.get('/a.txt', { 'if-modified-since': lastModified })).status).toBe(304);
    const before = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await t.get('/a.txt', { 'if-modified-since': before })).status).toBe(200);
    expect((await t.get('/a.txt', { 'if-modified-since': 'not a date' })).status).toBe(200);
  });

  it('lets If-None-Match decide when both are sent', async () => {
    const { lastModified } = await validators('/a.txt');
    const res = await t.get('/a.txt', { 'if-none-match': '"other"', 'if-modified-since': lastModified });
    expect(res.status).toBe(200);
  });

  it('answers a HEAD with 304 too, and never a POST or an error', async () => {
    const { etag } = await validators('/a.txt');
    expect((await t.get('/a.txt', { 'if-none-match': etag }, { method: 'HEAD' })).status).toBe(304);
    const missing = await t.get('/missing.txt', { 'if-none-match': '*' });
    expect(missing.status).toBe(404);
  });

  it('weakens a strong ETag on an object it compresses, and a 304 answers the weak one', async () => {
    const res = await t.get('/static/big.css', { 'accept-encoding': 'gzip' });
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
    const again = await t.get('/static/big.css', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('sends the stale object validators to the origin when it revalidates, and then answers the viewer 304', async () => {
    const { etag, lastModified } = await validators('/oreq/rewrite');
    t.advance(25 * 3600 * 1000); // past the 24 h default TTL of the behavior's managed policy
    const res = await t.get('/oreq/rewrite', { 'if-none-match': etag });
    expect(res.headers.get('x-cache')).toBe('RefreshHit from cloudfront');
    expect(res.status).toBe(304);
    const oreq = t.logs.at(-1)?.trace?.find((s) => s.eventType === 'origin-request');
    const sent = (oreq?.input as EdgeEvent | undefined)?.Records[0]?.cf.request.headers;
    expect(sent?.['if-none-match']?.[0]?.value).toBe(etag);
    expect(sent?.['if-modified-since']?.[0]?.value).toBe(lastModified);
  });

  it('does not answer 304 where the behavior forwards cookies (CloudFront: "Cache content based on cookies")', async () => {
    const { etag } = await validators('/record/origin/conditional');
    expect(etag).not.toBe('');
    const res = await t.get('/record/origin/conditional', { 'if-none-match': etag });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('Hit from cloudfront');
  });
});

describe('viewerHasObject (RFC 9110 13.1.2, 13.1.3)', () => {
  const object: StoredResponse['headers'] = {
    etag: [{ key: 'ETag', value: '"abc"' }],
    'last-modified': [{ key: 'Last-Modified', value: 'Tue, 01 Dec 2026 10:00:00 GMT' }],
  };
  const req = (h: Record<string, string>) =>
    Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [{ key: k, value: v }]]));

  it('matches an ETag weakly in either direction', () => {
    expect(viewerHasObject(req({ 'if-none-match': 'W/"abc"' }), object)).toBe(true);
    const weak = { ...object, etag: [{ key: 'ETag', value: 'W/"abc"' }] };
    expect(viewerHasObject(req({ 'if-none-match': '"abc"' }), weak)).toBe(true);
    expect(viewerHasObject(req({ 'if-none-match': '"abd"' }), object)).toBe(false);
  });

  it('needs an ETag on the object for If-None-Match, and a Last-Modified for If-Modified-Since', () => {
    expect(viewerHasObject(req({ 'if-none-match': '"abc"' }), {})).toBe(false);
    expect(viewerHasObject(req({ 'if-modified-since': 'Tue, 01 Dec 2026 10:00:00 GMT' }), {})).toBe(false);
    expect(viewerHasObject(req({}), object)).toBe(false);
  });
});
