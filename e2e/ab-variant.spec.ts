import { expect, request, test } from '@playwright/test';
import { homepageExperiment } from '../edge/config.ts';
import { cookieAttributes, oneProject } from './support.ts';

const { cookie: cookieName, variants, maxAgeSeconds } = homepageExperiment;
const variantIds = variants.map((v) => v.id);

test.describe('homepage A/B experiment', () => {
  test('a new visitor gets a variant and a cookie with the right attributes', async ({ page, context }) => {
    const response = await page.goto('/');
    const variant = await page.locator('body').getAttribute('data-variant');
    expect(variantIds, 'variant marked in the page').toContain(variant);

    const setCookie = (await response?.headerValue('set-cookie')) ?? '';
    const { name, value, attrs } = cookieAttributes(setCookie);
    expect(name, `Set-Cookie: ${setCookie}`).toBe(cookieName);
    expect(value, 'the cookie names the variant the page shows').toBe(variant);
    expect(attrs.get('path')).toBe('/');
    expect(attrs.get('samesite')?.toLowerCase()).toBe('lax');
    expect(attrs.has('secure'), 'Secure attribute').toBe(true);
    expect(Number(attrs.get('max-age'))).toBe(maxAgeSeconds);
    // The browser kept it for this site, and no script on the page can read it (HttpOnly).
    const stored = (await context.cookies()).find((c) => c.name === cookieName);
    expect(stored, 'cookie stored by the browser').toMatchObject({
      value: variant,
      path: '/',
      httpOnly: true,
    });
    expect(await page.evaluate(() => document.cookie)).not.toContain(`${cookieName}=`);
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
    const { value } = cookieAttributes((await response?.headerValue('set-cookie')) ?? '');
    expect(value, 'the replacement cookie names the shown variant').toBe(variant);
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
