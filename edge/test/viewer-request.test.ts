import { type RequestInit, viewerRequestEvent } from '@edge-storefront/local-cloudfront/testing';
import { describe, expect, it } from 'vitest';
import { homepageExperiment, imageRouting, jacketColours, jacketImageName, ttl } from '../config.ts';
import { handler } from '../functions/viewer-request.ts';
import { drawVariant } from '../lib/homepage-experiment.ts';
import { isVisitorId } from '../lib/visitor-id.ts';
import { colourIds } from './image-manifests.ts';

const { cookie, variants, assignmentHeader, visitorCookie, visitorIdHeader } = homepageExperiment;
const knownId = 'AAECAwQFBgcICQoLDA0ODw';
const idOf = (request: { headers: Record<string, { value: string }[] | undefined> }) =>
  request.headers[visitorIdHeader]?.[0]?.value;
const chrome = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

async function run(init: RequestInit) {
  const result = await handler(viewerRequestEvent(init));
  if (!result || !('uri' in result)) throw new Error('viewer-request must continue with a request');
  return result;
}

describe('viewer-request: homepage experiment (rule 1.1, 3.3)', () => {
  it.each(variants)(
    'keeps a visitor with a valid variant and id on variant $id and assigns nothing new',
    async (v) => {
      const request = await run({
        uri: '/',
        headers: { Cookie: `other=1; ${cookie}=${v.id}; ${visitorCookie}=${knownId}` },
      });
      expect(request.uri).toBe(v.page);
      expect(request.headers[assignmentHeader]).toBeUndefined();
      expect(request.headers[visitorIdHeader]).toBeUndefined();
    },
  );

  it('assigns a new visitor to a configured variant with a new visitor id and hands both on', async () => {
    const request = await run({ uri: '/index.html' });
    const assigned = request.headers[assignmentHeader]?.[0]?.value;
    const variant = variants.find((v) => v.id === assigned);
    expect(variant, `assigned ${assigned}`).toBeDefined();
    expect(request.uri).toBe(variant?.page);
    expect(isVisitorId(idOf(request)), idOf(request)).toBe(true);
  });

  it.each(variants)(
    'gives a visitor whose $id cookie predates the id the same variant, a new id, and both cookies again',
    async (v) => {
      const request = await run({ uri: '/', headers: { Cookie: `${cookie}=${v.id}` } });
      expect(request.uri).toBe(v.page);
      expect(request.headers[assignmentHeader]?.[0]?.value).toBe(v.id);
      expect(isVisitorId(idOf(request))).toBe(true);
    },
  );

  it.each([
    ['empty', ''],
    ['too short', knownId.slice(1)],
    ['too long', `${knownId}A`],
    ['oversized', 'A'.repeat(4000)],
    ['hostile', `${knownId}%3B%20Domain%3Devil.example`],
    ['malformed escape', '%E0%A4%A'],
  ])('replaces a %s id, keeping the variant', async (_, value) => {
    const request = await run({ uri: '/', headers: { Cookie: `${cookie}=b; ${visitorCookie}=${value}` } });
    expect(request.headers[assignmentHeader]?.[0]?.value).toBe('b');
    expect(idOf(request)).not.toBe(value);
    expect(isVisitorId(idOf(request))).toBe(true);
  });

  it.each(['zz', '', '%E0%A4%A', '__proto__'])(
    'replaces the invalid variant %j with a fresh assignment and a fresh id, never the old id',
    async (value) => {
      const request = await run({
        uri: '/',
        headers: { Cookie: `${cookie}=${value}; ${visitorCookie}=${knownId}` },
      });
      expect(variants.map((v) => v.id)).toContain(request.headers[assignmentHeader]?.[0]?.value);
      expect(isVisitorId(idOf(request))).toBe(true);
      expect(idOf(request)).not.toBe(knownId);
    },
  );

  it('hands on no id away from the homepage: the id is created with the assignment only', async () => {
    for (const uri of ['/catalogue/', '/products/jacket/', '/images/hero', '/bag/add.json']) {
      const request = await run({ uri, headers: { Cookie: `${cookie}=a` } });
      expect(request.headers[visitorIdHeader], uri).toBeUndefined();
    }
  });

  it('assigns a new visitor to a variant by weight', () => {
    const total = variants.reduce((sum, v) => sum + v.weight, 0);
    const draws = 1000;
    const counts = new Map<string, number>();
    // An evenly spread "random" source makes the expected split exact.
    for (let i = 0; i < draws; i++) {
      const id = drawVariant(() => (i + 0.5) / draws);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const v of variants) expect(counts.get(v.id) ?? 0).toBeCloseTo((draws * v.weight) / total, -1);
  });

  it('falls back to the last variant if a random source ever returns 1', () => {
    expect(drawVariant(() => 1)).toBe(variants[variants.length - 1]?.id);
  });

  it('ignores an assignment header, a visitor id header or an image-variant marker sent by the viewer', async () => {
    const request = await run({
      uri: '/about/',
      headers: {
        [assignmentHeader]: 'b',
        [visitorIdHeader]: knownId,
        [imageRouting.variantMarkerHeader]: '1',
      },
    });
    expect(request.headers[assignmentHeader]).toBeUndefined();
    expect(request.headers[visitorIdHeader]).toBeUndefined();
    expect(request.headers[imageRouting.variantMarkerHeader]).toBeUndefined();
  });
});

describe('viewer-request: index documents for the S3 REST origin (rule 5.7)', () => {
  it.each([
    ['/catalogue/', '/catalogue/index.html'],
    ['/products/jacket/', '/products/jacket/index.html'],
    ['/_astro/app.1234.css', '/_astro/app.1234.css'],
    ['/favicon.svg', '/favicon.svg'],
  ])('rewrites %s to %s', async (uri, expected) => {
    expect((await run({ uri })).uri).toBe(expected);
  });

  it('leaves a URI alone when the rewrite would reach 8,192 characters with the query string (rule 2.5)', async () => {
    const uri = `/${'a'.repeat(8000)}/`;
    expect((await run({ uri, querystring: 'q'.repeat(186) })).uri).toBe(uri);
  });

  it('counts the "?" before the query string towards the 8,192 characters (rule 2.5)', async () => {
    // Rewritten: 8,171 + "index.html" (10) + "?" + 10 = 8,192 characters, one too many.
    const uri = `/${'a'.repeat(8169)}/`;
    expect((await run({ uri, querystring: 'q'.repeat(10) })).uri).toBe(uri);
    expect((await run({ uri, querystring: 'q'.repeat(9) })).uri).toBe(`${uri}index.html`);
  });
});

describe('viewer-request: a directory without its slash is a 301 generated at the edge (rule 3 step 3)', () => {
  async function redirect(uri: string, querystring = '') {
    const result = await handler(viewerRequestEvent({ uri, querystring }));
    if (!result || !('status' in result)) throw new Error(`${uri}: expected a generated response`);
    return {
      status: result.status,
      location: result.headers?.location?.[0]?.value,
      cacheControl: result.headers?.['cache-control']?.[0]?.value,
    };
  }

  it.each([
    ['/products/jacket', '', '/products/jacket/'],
    ['/catalogue', '', '/catalogue/'],
    ['/products/jacket', 'utm_source=mail&x=%20', '/products/jacket/?utm_source=mail&x=%20'],
    ['/no-such-page', '', '/no-such-page/'],
  ])('sends %s?%s to %s, the query string kept', async (uri, querystring, location) => {
    expect(await redirect(uri, querystring)).toEqual({
      status: '301',
      location,
      cacheControl: `public, max-age=${ttl.slashRedirect}`,
    });
  });

  it.each([
    '//evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '/a//b',
    '/a b',
    '/index.html',
    '/',
    '/images/hero',
    '/images/jacket',
  ])('never redirects %j (a Location that could leave the site, a file, an image)', async (uri) => {
    const result = await handler(viewerRequestEvent({ uri }));
    expect(result && 'status' in result, uri).toBe(false);
  });
});

describe('viewer-request: image choices go into the URI, not the cache key (cache-key discipline, rule 3 step 4)', () => {
  it.each(colourIds)('serves the %s jacket to a viewer whose colour cookie says so', async (colour) => {
    const request = await run({
      uri: '/images/jacket',
      headers: { Cookie: `${jacketColours.cookie}=${colour}`, Accept: chrome },
    });
    expect(request.uri).toBe(`/images/${jacketImageName(colour)}.avif`);
  });

  it.each([
    ['missing', undefined],
    ['unknown', `${jacketColours.cookie}=pink`],
    ['malformed', `${jacketColours.cookie}=%E0%A4%A`],
    ['inherited property', `${jacketColours.cookie}=constructor`],
    ['wrong case', `${jacketColours.cookie}=RED`],
  ])('serves the default colour when the colour cookie is %s', async (_, cookieHeader) => {
    const request = await run({
      uri: '/images/jacket',
      headers: cookieHeader ? { Cookie: cookieHeader } : {},
    });
    expect(request.uri).toBe(`/images/${jacketImageName(jacketColours.default)}.jpeg`);
  });

  it.each([
    [chrome, 'avif'],
    ['image/webp,*/*', 'webp'],
    ['image/avif;q=0,image/webp,*/*;q=0.8', 'webp'],
    ['image/avif;q=0.5,image/webp;q=0.9', 'webp'],
    ['image/webp;q=0.8,image/avif;q=0.8', 'avif'],
    ['IMAGE/AVIF', 'avif'],
    ['image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5', 'jpeg'],
    ['image/avif;q=0,image/webp;q=0.000,image/jpeg;q=0', 'jpeg'],
    ['image/avif;q=abc', 'jpeg'],
    ['', 'jpeg'],
  ])('normalises Accept %j to the %s object', async (accept, format) => {
    expect((await run({ uri: '/images/hero', headers: { Accept: accept } })).uri).toBe(
      `/images/hero.${format}`,
    );
  });

  it('reads every Accept header a viewer sent', async () => {
    const request = await run({ uri: '/images/hero', headers: { Accept: ['text/html', 'image/webp'] } });
    expect(request.uri).toBe('/images/hero.webp');
  });

  it('treats a missing Accept header as accepting only the fallback format', async () => {
    expect((await run({ uri: '/images/hero' })).uri).toBe('/images/hero.jpeg');
  });

  it.each([
    '/images/',
    '/images/hero.avif',
    '/images/../../etc/passwd',
    '/images//hero',
    '/images/hero/',
    '/images/%68ero',
    '/images/%',
    '/images/%E0%A4%A',
    '/images/Hero',
    '/images/-hero',
  ])('turns the non-canonical image URL %s into the placeholder', async (uri) => {
    const request = await run({ uri, headers: { Accept: 'image/webp' } });
    expect(request.uri).toBe(`/images/${imageRouting.placeholder}.webp`);
  });
});
