import type { CloudFrontResponseEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { imageRouting, ttl } from '../config.ts';
import { handler } from '../functions/origin-response.ts';
import { theRecord } from '../lib/records.ts';
import { originResponseEvent, type RequestInit, type ResponseInit } from './events.ts';

const marked = { [imageRouting.variantMarkerHeader]: '1' };

async function respond(req: RequestInit, res: ResponseInit = {}, event = originResponseEvent(req, res)) {
  const result = await handler(event);
  if (!result || !('status' in result)) throw new Error('origin-response must return the response');
  return {
    status: String(result.status),
    description: result.statusDescription,
    headers: result.headers ?? {},
  };
}

const cacheControl = async (req: RequestInit, res: ResponseInit = {}) =>
  (await respond(req, res)).headers['cache-control']?.[0]?.value;

describe('origin-response: Cache-Control (reference 5.2; it sees the request origin-request sent, 1.1)', () => {
  it('lets CloudFront keep an image variant a year while the browser revalidates the cookie-dependent URL', async () => {
    expect(await cacheControl({ uri: '/_img/jacket-red/mobile.avif', headers: marked })).toBe(
      `public, max-age=0, s-maxage=${ttl.immutable}`,
    );
  });

  it('keeps the variant rule for a 304 revalidation', async () => {
    expect(await cacheControl({ uri: '/_img/hero/desktop.avif', headers: marked }, { status: '304' })).toBe(
      `public, max-age=0, s-maxage=${ttl.immutable}`,
    );
  });

  it.each(['/_img/hero/desktop.avif', '/_astro/index.B1x2y3.css'])(
    'makes %s, requested by its own key, immutable for browsers too',
    async (uri) => {
      expect(await cacheControl({ uri })).toBe(`public, max-age=${ttl.immutable}, immutable`);
    },
  );

  it.each(['/home/a/index.html', '/catalogue/index.html', '/favicon.svg'])(
    'keeps %s short at the edge and revalidated by the browser',
    async (uri) => {
      expect(await cacheControl({ uri }, { headers: { 'Content-Type': 'text/html' } })).toBe(
        `public, max-age=0, s-maxage=${ttl.htmlEdge}, must-revalidate`,
      );
    },
  );

  it('replaces whatever Cache-Control the object was uploaded with', async () => {
    const { headers } = await respond(
      { uri: '/about/index.html' },
      { headers: { 'Cache-Control': 'no-store' } },
    );
    expect(headers['cache-control']).toEqual([
      { key: 'Cache-Control', value: `public, max-age=0, s-maxage=${ttl.htmlEdge}, must-revalidate` },
    ]);
  });

  it.each(['404', '500', '503'])('keeps a %s short, image or not', async (status) => {
    expect(await cacheControl({ uri: '/_img/x/desktop.avif', headers: marked }, { status })).toBe(
      `public, max-age=0, s-maxage=${ttl.error}`,
    );
  });

  it('leaves the other headers as the origin sent them', async () => {
    const { headers } = await respond(
      { uri: '/a/index.html' },
      { headers: { ETag: '"abc"', Via: '1.1 s3' } },
    );
    expect(headers.etag).toEqual([{ key: 'ETag', value: '"abc"' }]);
    expect(headers.via).toEqual([{ key: 'Via', value: '1.1 s3' }]);
  });
});

describe("origin-response: S3's 403 for a missing key (reference 6)", () => {
  it('becomes a 404 Not Found, cached briefly', async () => {
    const result = await respond(
      { uri: '/nope/index.html' },
      { status: '403', statusDescription: 'Forbidden' },
    );
    expect(result).toMatchObject({ status: '404', description: 'Not Found' });
    expect(result.headers['cache-control']?.[0]?.value).toBe(`public, max-age=0, s-maxage=${ttl.error}`);
  });

  it('stays a 403 when the origin is not S3', async () => {
    const event = originResponseEvent({ uri: '/x' }, { status: '403', statusDescription: 'Forbidden' });
    const cf = theRecord(event.Records).cf as unknown as { request: Record<string, unknown> };
    cf.request.origin = { custom: { domainName: 'example.com', port: 443, protocol: 'https', path: '' } };
    expect((await respond({}, {}, event as CloudFrontResponseEvent)).status).toBe('403');
  });
});
