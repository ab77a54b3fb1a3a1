/**
 * Conformance: CloudFront answers for the raw request target before any function runs (rule 1.3,
 * 2.5, 5.8), so viewer-request is never blamed (502) for a fragment, an absolute-form target or an
 * over-long URL.
 */
import { describe, expect, it } from 'vitest';
import { maxUriAndQueryLength, parseRequestTarget } from '../viewer/request-target.ts';
import { useLocalCloudFront } from './support/harness.ts';
import { rawRequest } from './support/raw-request.ts';

const t = useLocalCloudFront('Conformance');

describe('the request target before viewer-request (rule 1.3, 2.5)', () => {
  it('strips the fragment before viewer-request sees the query string (rule 1.3 "must not contain #")', async () => {
    expect(parseRequestTarget('/products/?a=b#c')).toEqual({ path: '/products/', querystring: 'a=b' });
    expect(parseRequestTarget('/products/#frag')).toEqual({ path: '/products/', querystring: '' });
    const res = await rawRequest(t.edge.url, '/a.txt?a=b#c');
    expect(res.status).toBe(200);
    expect(t.ran()).toContain('viewer-request');
    expect((await rawRequest(t.edge.url, '/a.txt#frag')).status).toBe(200);
  });

  it('reduces an absolute-form target to its path (rule 1.3 "uri must start with /")', async () => {
    expect(parseRequestTarget('http://evil/index.html?x=1')).toEqual({
      path: '/index.html',
      querystring: 'x=1',
    });
    expect(parseRequestTarget('evil/index.html')).toMatchObject({ status: 400 });
    const res = await rawRequest(t.edge.url, 'http://evil/a.txt');
    expect(res.status).toBe(200);
    expect(res.body).toBe('object a\n');
  });

  it('answers 414 from CloudFront when URI plus query string reach 8,192 characters, before any function (rule 2.5, 5.8)', async () => {
    const longPath = `/${'x'.repeat(maxUriAndQueryLength - 10)}?q=${'y'.repeat(20)}`;
    const res = await rawRequest(t.edge.url, longPath);
    expect(res.status).toBe(414);
    expect(res.headers['x-cache']).toBe('Error from cloudfront');
    expect(t.ran()).toEqual([]);
    expect(parseRequestTarget(`/${'x'.repeat(maxUriAndQueryLength - 2)}`)).toHaveProperty('path');
  });
});

describe('request header size (rule 2.5)', () => {
  it('accepts an 18 KB header: CloudFront allows 20,480 bytes of headers and query string (rule 2.5)', async () => {
    const res = await rawRequest(t.edge.url, '/a.txt', { headers: { 'x-big': 'h'.repeat(18 * 1024) } });
    expect(res.status).toBe(200);
  });
});

describe('literal S3 keys over HTTP (rule 6)', () => {
  it('answers a path with "/./" or "//" as a missing key, not as the collapsed file (rule 6 "Missing key")', async () => {
    for (const target of ['/./a.txt', '/dir//index.html']) {
      const res = await rawRequest(t.edge.url, target);
      expect({ target, status: res.status }).toEqual({ target, status: 404 });
      expect(res.body).toContain('fixture 404 page');
    }
  });
});
