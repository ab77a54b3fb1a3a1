import { expect, request, test } from '@playwright/test';
import { homepageExperiment, jacketColours } from '../edge/config.ts';

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
