import { expect, request, test } from '@playwright/test';
import { homepageExperiment, jacketColours, ttl } from '../edge/config.ts';
import { cacheControl } from '../edge/lib/origin-response.ts';
import { jacketProduct, productPath, shopPath } from '../site/src/data/catalogue.ts';

const xCache = (headers: Record<string, string>) => headers['x-cache'] ?? '';

test.describe('caching at the edge', () => {
  test('the second request for an object is a cache hit', async ({ request }) => {
    const first = await request.get('/images/hero', { headers: { Accept: 'image/webp' } });
    expect(first.status()).toBe(200);
    const second = await request.get('/images/hero', { headers: { Accept: 'image/webp' } });
    expect(xCache(second.headers()), 'X-Cache of the second request').toBe('Hit from cloudfront');
    expect(Number(second.headers().age ?? -1), 'Age on a hit').toBeGreaterThanOrEqual(0);
  });

  test("one visitor's variant never reaches another visitor", async ({ baseURL }) => {
    const visitors = await Promise.all(
      homepageExperiment.variants.map(async (variant) => ({
        variant: variant.id,
        context: await request.newContext({
          baseURL,
          extraHTTPHeaders: { Cookie: `${homepageExperiment.cookie}=${variant.id}` },
        }),
      })),
    );
    // Interleaved, so every visitor after the first is served from a warm cache.
    for (let round = 0; round < 3; round++) {
      for (const { variant, context } of visitors) {
        const html = await (await context.get('/')).text();
        expect(
          /data-variant="([^"]+)"/.exec(html)?.[1],
          `visitor of variant ${variant}, round ${round}`,
        ).toBe(variant);
      }
    }
    await Promise.all(visitors.map((v) => v.context.dispose()));
  });

  test("one visitor's jacket colour never reaches another visitor", async ({ baseURL }) => {
    const colours = Object.keys(jacketColours.colours).slice(0, 3);
    const bodies = new Map<string, Buffer>();
    for (let round = 0; round < 2; round++) {
      for (const colour of colours) {
        const visitor = await request.newContext({
          baseURL,
          extraHTTPHeaders: { Cookie: `${jacketColours.cookie}=${colour}`, Accept: 'image/webp' },
        });
        const body = await (await visitor.get(`/images/${jacketColours.image}`)).body();
        await visitor.dispose();
        const earlier = bodies.get(colour);
        if (earlier)
          expect(body.equals(earlier), `${colour} jacket is the same object every time`).toBe(true);
        bodies.set(colour, body);
      }
    }
    const distinct = new Set([...bodies.values()].map((b) => b.toString('base64')));
    expect(distinct.size, 'each colour is its own object').toBe(colours.length);
  });
});

/** A response a shared cache (a proxy between the viewer and CloudFront) may store for everyone. */
function sharedCacheMayStore(value: string): boolean {
  const directives = value.split(',').map((d) => d.trim().toLowerCase());
  return !directives.includes('private') && !directives.includes('no-store');
}

test.describe('Cache-Control per kind of response (docs/edge.md#cache-control)', () => {
  test('the homepage follows a cookie: private and revalidated, with or without a Set-Cookie', async ({
    baseURL,
  }) => {
    const newVisitor = await request.newContext({ baseURL });
    const first = await newVisitor.get('/');
    expect(first.headers()['set-cookie'], 'a new visitor is assigned a variant').toContain(
      `${homepageExperiment.cookie}=`,
    );
    expect(first.headers()['cache-control']).toBe(cacheControl.perVisitorPage);
    // The same visitor again, cookie sent: the cached copy, still private.
    const again = await newVisitor.get('/');
    expect(again.headers()['set-cookie']).toBeUndefined();
    expect(again.headers()['cache-control']).toBe(cacheControl.perVisitorPage);
    for (const r of [first, again])
      expect(sharedCacheMayStore(r.headers()['cache-control'] ?? '')).toBe(false);
    await newVisitor.dispose();
  });

  test('the jacket follows a cookie: private, revalidated, with a validator', async ({ request }) => {
    const jacket = await request.get(`/images/${jacketColours.image}`);
    expect(jacket.headers()['cache-control']).toBe(cacheControl.cookieImage);
    expect(sharedCacheMayStore(jacket.headers()['cache-control'] ?? '')).toBe(false);
    expect(jacket.headers().etag, 'an ETag to revalidate with').toMatch(/^(W\/)?"[^"]+"$/);
  });

  test('an image that follows only device and Accept: private, kept by the browser', async ({ request }) => {
    const hero = await request.get('/images/hero');
    const value = hero.headers()['cache-control'] ?? '';
    expect(value).toBe(cacheControl.deviceImage);
    expect(sharedCacheMayStore(value)).toBe(false);
    expect(Number(/max-age=(\d+)/.exec(value)?.[1])).toBe(ttl.browserImage);
  });

  test('a page the same for everyone: public, short at the edge, revalidated by the browser', async ({
    request,
  }) => {
    const page = await request.get(productPath(jacketProduct));
    expect(page.headers()['cache-control']).toBe(cacheControl.short);
    expect(page.headers()['set-cookie']).toBeUndefined();
  });

  test('a hashed asset is immutable; its 404 is not', async ({ request }) => {
    const html = await (await request.get(productPath(jacketProduct))).text();
    const asset = /(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset, 'the page links a hashed stylesheet').toBeDefined();
    expect((await request.get(asset ?? '')).headers()['cache-control']).toBe(cacheControl.immutable);
    expect((await request.get('/_astro/missing.0000.css')).headers()['cache-control']).toBe(
      cacheControl.error,
    );
  });

  test('the jacket revalidates with a 304 when unchanged', async ({ request }) => {
    // Needs viewer conditional requests in the local CloudFront (answered 304 from its cache).
    const first = await request.get(`/images/${jacketColours.image}`);
    const etag = first.headers().etag ?? '';
    const revalidated = await request.get(`/images/${jacketColours.image}`, {
      headers: { 'If-None-Match': etag },
    });
    expect(revalidated.status()).toBe(304);
    expect(revalidated.headers()['cache-control']).toBe(cacheControl.cookieImage);
  });
});

test.describe('a returning page view in a real browser', () => {
  test("reaches CloudFront only for the HTML and the jacket's revalidation", async ({ page }) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const sent = new Map<string, string>();
    const servedFromCache = new Set<string>();
    cdp.on('Network.requestWillBeSent', (e) => sent.set(e.requestId, new URL(e.request.url).pathname));
    cdp.on('Network.requestServedFromCache', (e) => servedFromCache.add(e.requestId));
    // The favicon is fetched by the browser process: its cache hit shows only on the response.
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.fromDiskCache) servedFromCache.add(e.requestId);
    });

    await page.goto('/');
    await page.waitForLoadState('networkidle');
    await page.goto(shopPath);
    await page.waitForLoadState('networkidle');
    sent.clear();
    servedFromCache.clear();
    // Back to the homepage by a normal navigation (not a reload), as a returning visitor would.
    await page.goto('/');
    await page.waitForLoadState('networkidle');

    const reached = [...sent].filter(([id]) => !servedFromCache.has(id)).map(([, path]) => path);
    expect(reached.sort()).toEqual(['/', `/images/${jacketColours.image}`]);
  });
});
