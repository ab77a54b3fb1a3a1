import { expect, test } from '@playwright/test';
import { imageFormats } from '../edge/config.ts';
import { deviceWidth } from '../edge/lib/device.ts';
import { deviceOf } from './support.ts';

test.describe('images sized for the device class', () => {
  test('the hero image the page shows has its device class width', async ({ page }, testInfo) => {
    const device = deviceOf(testInfo);
    await page.goto('/');
    const hero = page.locator('main img').first();
    await expect(hero).toBeVisible();
    await expect
      .poll(() => hero.evaluate((img: HTMLImageElement) => img.naturalWidth), {
        message: `natural width of the hero on a ${device}`,
      })
      .toBe(deviceWidth(device));
  });

  test('the browser gets the best format it accepts', async ({ page }) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/images/')),
      page.goto('/'),
    ]);
    // Chromium advertises AVIF first in its image Accept header, the top of our preference order.
    expect(response.headers()['content-type']).toBe(imageFormats[0].mime);
  });

  for (const format of imageFormats) {
    test(`an Accept header that lists only ${format.id} gets ${format.mime}`, async ({ request }) => {
      const response = await request.get('/images/hero', { headers: { Accept: `${format.mime},*/*;q=0.5` } });
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe(format.mime);
    });
  }

  test('an Accept header with no image format gets the fallback JPEG', async ({ request }) => {
    const response = await request.get('/images/hero', { headers: { Accept: '*/*' } });
    expect(response.headers()['content-type']).toBe('image/jpeg');
  });
});
