import { expect, test } from '@playwright/test';
import { homepageExperiment } from '../edge/config.ts';

const variantIds = homepageExperiment.variants.map((v) => v.id);

test('the homepage is served through CloudFront as one of the experiment variants', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status(), 'status of /').toBe(200);
  const variant = await page.locator('body').getAttribute('data-variant');
  expect(variantIds, 'the variant the page marks').toContain(variant);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
