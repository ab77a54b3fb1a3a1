import { expect, type Response, request, test } from '@playwright/test';
import { homepageExperiment } from '../edge/config.ts';
import { cookieAttributes, oneProject } from './support.ts';

const { cookie: cookieName, variants, maxAgeSeconds, visitorCookie } = homepageExperiment;
const variantIds = variants.map((v) => v.id);
const visitorIdPattern = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** The response's Set-Cookie headers by cookie name (Playwright keeps each Set-Cookie as its own value). */
async function setCookies(response: Response | null) {
  const values = (await response?.headerValues('set-cookie')) ?? [];
  return new Map(values.map((value) => [cookieAttributes(value).name, cookieAttributes(value)]));
}

test.describe('homepage A/B experiment', () => {
  test('a new visitor gets a variant and a visitor id, two cookies with the same attributes', async ({
    page,
    context,
  }) => {
    const response = await page.goto('/');
    const variant = await page.locator('body').getAttribute('data-variant');
    expect(variantIds, 'variant marked in the page').toContain(variant);

    const cookies = await setCookies(response);
    expect([...cookies.keys()].sort()).toEqual([cookieName, visitorCookie].sort());
    expect(cookies.get(cookieName)?.value, 'the cookie names the variant the page shows').toBe(variant);
    expect(cookies.get(visitorCookie)?.value).toMatch(visitorIdPattern);
    for (const { name, attrs } of cookies.values()) {
      expect(attrs.get('path'), name).toBe('/');
      expect(attrs.get('samesite')?.toLowerCase(), name).toBe('lax');
      expect(attrs.has('secure'), `${name}: Secure attribute`).toBe(true);
      expect(Number(attrs.get('max-age')), `${name}: the lifetime of the variant`).toBe(maxAgeSeconds);
    }
    // The browser kept both for this site, and no script on the page can read them (HttpOnly).
    const stored = await context.cookies();
    expect(
      stored.find((c) => c.name === cookieName),
      'cookie stored by the browser',
    ).toMatchObject({
      value: variant,
      path: '/',
      httpOnly: true,
    });
    expect(stored.find((c) => c.name === visitorCookie)).toMatchObject({
      value: cookies.get(visitorCookie)?.value,
      httpOnly: true,
    });
    const scriptCookies = await page.evaluate(() => document.cookie);
    expect(scriptCookies).not.toContain(`${cookieName}=`);
    expect(scriptCookies).not.toContain(`${visitorCookie}=`);
  });

  test('a variant cookie from before the visitor id keeps its variant and gets an id', async ({
    page,
    context,
    baseURL,
  }) => {
    await context.addCookies([{ name: cookieName, value: 'b', url: baseURL ?? '' }]);
    const response = await page.goto('/');
    await expect(page.locator('body')).toHaveAttribute('data-variant', 'b');
    const cookies = await setCookies(response);
    expect(cookies.get(cookieName)?.value, 'the variant set again, with the id, for one lifetime').toBe('b');
    expect(cookies.get(visitorCookie)?.value).toMatch(visitorIdPattern);
  });

  test('the variant stays on reload and in a new tab', async ({ page, context }) => {
    await page.goto('/');
    const first = await page.locator('body').getAttribute('data-variant');
    for (let i = 0; i < 3; i++) {
      const reload = await page.reload();
      expect(await reload?.headerValue('set-cookie'), 'no new assignment on reload').toBeNull();
      await expect(page.locator('body')).toHaveAttribute('data-variant', first ?? '');
    }
    const tab = await context.newPage();
    await tab.goto('/');
    await expect(tab.locator('body'), 'same variant in a new tab').toHaveAttribute(
      'data-variant',
      first ?? '',
    );
  });

  test('an invalid cookie is replaced by a valid assignment', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: cookieName, value: 'not-a-variant', url: baseURL ?? '' }]);
    const response = await page.goto('/');
    const variant = await page.locator('body').getAttribute('data-variant');
    expect(variantIds).toContain(variant);
    const cookies = await setCookies(response);
    expect(cookies.get(cookieName)?.value, 'the replacement cookie names the shown variant').toBe(variant);
    expect(cookies.get(visitorCookie)?.value).toMatch(visitorIdPattern);
  });

  // Tagged to run in one project (playwright.config.ts): the split is a property of the edge, not of the device.
  test('over 240 fresh visitors the split matches the configured weights', { tag: oneProject }, async ({
    baseURL,
  }) => {
    const visitors = 240;
    const counts = new Map<string, number>(variantIds.map((id) => [id, 0]));
    for (let batch = 0; batch < visitors / 20; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          // A fresh request context has no cookies: a new visitor each time.
          const visitor = await request.newContext({ baseURL });
          const html = await (await visitor.get('/')).text();
          const id = /data-variant="([^"]+)"/.exec(html)?.[1] ?? 'none';
          counts.set(id, (counts.get(id) ?? 0) + 1);
          await visitor.dispose();
        }),
      );
    }
    // Each count is binomial(n, p). Allowing 4.5 standard deviations keeps a false alarm below 1 in 100,000
    // runs while still catching a skew of about 15 points at this sample size.
    const totalWeight = variants.reduce((sum, v) => sum + v.weight, 0);
    for (const v of variants) {
      const p = v.weight / totalWeight;
      const expected = visitors * p;
      const bound = 4.5 * Math.sqrt(visitors * p * (1 - p));
      const seen = counts.get(v.id) ?? 0;
      expect(
        Math.abs(seen - expected),
        `variant ${v.id}: ${seen} of ${visitors}, expected ${expected} ± ${bound.toFixed(1)}`,
      ).toBeLessThanOrEqual(bound);
    }
    expect(counts.get('none') ?? 0, 'every visitor got a variant page').toBe(0);
  });
});
