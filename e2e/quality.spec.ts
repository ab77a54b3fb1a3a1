import { readdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { homepageExperiment } from '../edge/config.ts';
import { jacketProduct, productPath } from '../site/src/data/catalogue.ts';
import { deviceOf } from './support.ts';

const siteDist = path.resolve(import.meta.dirname, '../site/dist');
const missingPage = '/this-page-does-not-exist/';

/**
 * Every page the build produced, as the URL a shopper uses: `/products/index.html` is `/products/`, the
 * variant pages are reached at `/` (each variant by its cookie), and a missing path shows the 404 page.
 */
function shopperUrls(): { url: string; variant?: string }[] {
  const variantPages = new Set<string>(homepageExperiment.variants.map((v) => v.page));
  const pages = readdirSync(siteDist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('index.html'))
    .map((f) => `/${f.split(path.sep).join('/')}`)
    .filter((p) => !variantPages.has(p))
    .map((p) => ({ url: p.replace(/index\.html$/, '') }));
  const homepages = homepageExperiment.variants.map((v) => ({ url: '/', variant: v.id }));
  return [...homepages, ...pages, { url: missingPage }];
}

test.describe('quality on every page', () => {
  for (const { url, variant } of shopperUrls()) {
    test(`${url}${variant ? ` (variant ${variant})` : ''}: no serious accessibility violations, no console errors`, async ({
      page,
      context,
      baseURL,
    }) => {
      if (variant) {
        await context.addCookies([{ name: homepageExperiment.cookie, value: variant, url: baseURL ?? '' }]);
      }
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        // The browser reports the missing page's own 404 status as a console error; that one is expected.
        const expected = url === missingPage && m.text().includes('404');
        if (m.type() === 'error' && !expected) errors.push(m.text());
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      if (variant) await expect(page.locator('body')).toHaveAttribute('data-variant', variant);

      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`),
        `axe on ${url}`,
      ).toEqual([]);
      expect(errors, `console errors on ${url}`).toEqual([]);
    });
  }
});

test('the product page lays out for the device: one column on a phone, two on a tablet or desktop', async ({
  page,
}, testInfo) => {
  await page.goto(productPath(jacketProduct));
  // Computed grid-template-columns lists one length per column, e.g. "292px 292px".
  const columns = await page
    .locator('.product-layout')
    .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
  const width = page.viewportSize()?.width;
  expect(columns, `columns at ${width}px`).toBe(deviceOf(testInfo) === 'mobile' ? 1 : 2);
});
