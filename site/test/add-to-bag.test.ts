import type { Page } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { addToBag } from '../../edge/config.ts';
import { productPath, products } from '../src/data/catalogue.ts';
import { useBrowserOnEdge } from './browser.ts';

const run = useBrowserOnEdge();
const [first, second] = products as [(typeof products)[number], (typeof products)[number]];

async function withPage<T>(
  use: (page: Page, errors: string[]) => Promise<T>,
  javaScriptEnabled = true,
): Promise<T> {
  const context = await run.browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    return await use(page, errors);
  } finally {
    await context.close();
  }
}

const storedBag = (page: Page) => page.evaluate((key) => localStorage.getItem(key), addToBag.storageKey);

describe('"Add to bag" on a product page', () => {
  it('is a visible button on every product page', async () => {
    await withPage(async (page) => {
      for (const product of products) {
        await page.goto(`${run.edge.url}${productPath(product)}`);
        expect(await page.getByRole('button', { name: 'Add to bag' }).isVisible(), product.slug).toBe(true);
      }
    });
  });

  it('is not offered without JavaScript, where it could do nothing', async () => {
    await withPage(async (page) => {
      await page.goto(`${run.edge.url}${productPath(first)}`);
      expect(await page.getByRole('button', { name: 'Add to bag' }).count()).toBe(0);
    }, false);
  });

  it('keeps the bag in localStorage, announces it, and sends each press to CloudFront, never the browser cache', async () => {
    await withPage(async (page) => {
      const conversions: { url: string; cfId: string | undefined }[] = [];
      page.on('response', (r) => {
        if (r.url().includes(addToBag.path))
          conversions.push({ url: r.url(), cfId: r.headers()['x-amz-cf-id'] });
      });
      await page.goto(`${run.edge.url}${productPath(first)}`);
      const button = page.getByRole('button', { name: 'Add to bag' });
      await button.click();
      await page.getByRole('status').filter({ hasText: 'Your bag holds 1 item.' }).waitFor();
      await button.click();
      await page.getByRole('status').filter({ hasText: 'Your bag holds 2 items.' }).waitFor();
      await page.goto(`${run.edge.url}${productPath(second)}`);
      await page.getByRole('button', { name: 'Add to bag' }).click();
      await page.getByRole('status').filter({ hasText: 'Your bag holds 3 items.' }).waitFor();

      expect(JSON.parse((await storedBag(page)) ?? '')).toEqual({ [first.slug]: 2, [second.slug]: 1 });
      await expect.poll(() => conversions.length).toBe(3);
      expect(conversions.map((c) => new URL(c.url).search)).toEqual([
        `?sku=${first.slug}`,
        `?sku=${first.slug}`,
        `?sku=${second.slug}`,
      ]);
      // Each answer came from CloudFront with its own request id: none was replayed from the browser's cache.
      expect(new Set(conversions.map((c) => c.cfId)).size).toBe(3);
      expect(conversions.every((c) => c.cfId)).toBe(true);
    });
  });

  it.each(['not json', '[1,2]', 'null', '{"jacket":"two","../x":3}', '{"__proto__":{"x":1}}'])(
    'starts a fresh bag over malformed storage %j without a script error',
    async (malformed) => {
      await withPage(async (page, errors) => {
        await page.goto(`${run.edge.url}${productPath(first)}`);
        await page.evaluate(
          ([key, value]) => localStorage.setItem(key as string, value as string),
          [addToBag.storageKey, malformed],
        );
        await page.reload();
        await page.getByRole('button', { name: 'Add to bag' }).click();
        await page.getByRole('status').filter({ hasText: 'Your bag holds 1 item.' }).waitFor();
        expect(JSON.parse((await storedBag(page)) ?? '')).toEqual({ [first.slug]: 1 });
        expect(errors).toEqual([]);
      });
    },
  );
});
