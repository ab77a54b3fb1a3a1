import {
  originResponseEvent,
  type RequestInit,
  type ResponseInit,
} from '@edge-storefront/local-cloudfront/testing';
import { describe, expect, it } from 'vitest';
import { homepageExperiment, imageRouting, paths, ttl } from '../config.ts';
import { handler } from '../functions/origin-response.ts';

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

describe('origin-response: Cache-Control per kind of response (rule 5.2; it sees the request origin-request sent, 1.1)', () => {
  it('makes the jacket, which follows a cookie, private and revalidated (a 304 when unchanged)', async () => {
    expect(await cacheControl({ uri: '/_img/jacket-red/mobile.avif', headers: marked })).toBe(
      'private, no-cache',
    );
  });

  it.each(['/_img/hero/desktop.avif', '/_img/placeholder/desktop.jpeg'])(
    'lets the browser keep %s, which follows only device and Accept, for ttl.browserImage, privately',
    async (uri) => {
      expect(await cacheControl({ uri, headers: marked })).toBe(`private, max-age=${ttl.browserImage}`);
    },
  );

  it('keeps the image rule for a 304 revalidation', async () => {
    expect(await cacheControl({ uri: '/_img/hero/desktop.avif', headers: marked }, { status: '304' })).toBe(
      `private, max-age=${ttl.browserImage}`,
    );
  });

  it.each(['/_img/hero/desktop.avif', '/_img/jacket-red/mobile.avif', '/_astro/index.B1x2y3.css'])(
    'makes %s, requested by its own key, immutable for browsers too',
    async (uri) => {
      expect(await cacheControl({ uri })).toBe(`public, max-age=${ttl.immutable}, immutable`);
    },
  );

  it.each(homepageExperiment.variants.map((v) => v.page))(
    'makes the homepage variant %s private: "/" serves it by cookie',
    async (uri) => {
      expect(await cacheControl({ uri })).toBe('private, no-cache');
    },
  );

  it('lets browsers keep an unhashed file such as the favicon a day: every page references it', async () => {
    expect(await cacheControl({ uri: '/favicon.svg' })).toBe(`public, max-age=${ttl.browserFile}`);
  });

  it.each(['/catalogue/index.html', '/products/jacket/index.html'])(
    'keeps %s, the same for every viewer, short at the edge and revalidated by the browser',
    async (uri) => {
      expect(await cacheControl({ uri }, { headers: { 'Content-Type': 'text/html' } })).toBe(
        `public, max-age=0, s-maxage=${ttl.htmlEdge}, must-revalidate`,
      );
    },
  );

  it('never lets a browser or a shared cache keep the 404 page', async () => {
    expect(await cacheControl({ uri: paths.notFoundPage })).toBe('no-store');
  });

  it('replaces whatever Cache-Control the object was uploaded with', async () => {
    const { headers } = await respond(
      { uri: '/about/index.html' },
      { headers: { 'Cache-Control': 'public, max-age=31536000' } },
    );
    expect(headers['cache-control']).toEqual([
      { key: 'Cache-Control', value: `public, max-age=0, s-maxage=${ttl.htmlEdge}, must-revalidate` },
    ]);
  });

  it.each(['403', '404', '500', '503'])(
    'never lets anything but CloudFront keep a %s, hashed asset or image alike',
    async (status) => {
      expect(await cacheControl({ uri: '/_astro/missing.0000.js' }, { status })).toBe('no-store');
      expect(await cacheControl({ uri: '/_img/x/desktop.avif', headers: marked }, { status })).toBe(
        'no-store',
      );
    },
  );

  it('leaves the other headers as the origin sent them', async () => {
    const { headers } = await respond(
      { uri: '/a/index.html' },
      { headers: { ETag: '"abc"', Via: '1.1 s3' } },
    );
    expect(headers.etag).toEqual([{ key: 'ETag', value: '"abc"' }]);
    expect(headers.via).toEqual([{ key: 'Via', value: '1.1 s3' }]);
  });
});

describe('origin-response: the status stays as S3 sent it (rule 6)', () => {
  it.each([
    ['404', 'Not Found'],
    ['403', 'Forbidden'],
  ])('leaves a %s a %s: a 403 is a real denial, not a missing key', async (status, description) => {
    const result = await respond({ uri: '/nope/index.html' }, { status, statusDescription: description });
    expect(result).toMatchObject({ status, description });
  });
});
