import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ColourId,
  type DeviceId,
  type FormatId,
  imageFormats,
  imageVariantKey,
  jacketColours,
  jacketImageName,
} from '../../edge/config.ts';
import { deviceWidth } from '../../edge/lib/device.ts';
import { jacketProduct, productPath } from '../src/data/catalogue.ts';
import { useBrowserOnEdge } from './browser.ts';
import { distFile } from './dist.ts';

const jacketPage = productPath(jacketProduct);
const other = (Object.keys(jacketColours.colours) as ColourId[]).find(
  (c) => c !== jacketColours.default,
) as ColourId;
/** The device class CloudFront derives from headless Chromium's User-Agent (a Linux desktop). */
const chromiumDevice: DeviceId = 'desktop';

const run = useBrowserOnEdge();
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await run.browser.newContext();
  page = await context.newPage();
});
afterEach(() => context?.close());

/** The image step's object for the jacket in that colour, for this browser's device, in that format. */
function jacketBytes(colour: ColourId, format: FormatId): Promise<Buffer> {
  return readFile(distFile(imageVariantKey(jacketImageName(colour), chromiumDevice, format)));
}

/** The picture's data: URL, read back as the format its MIME type names and its bytes. */
async function shownImage(): Promise<{ format: FormatId; bytes: Buffer }> {
  const src = (await page.locator('#product-image').getAttribute('src')) ?? '';
  const match = /^data:([^;,]+);base64,(.*)$/.exec(src);
  expect(match, 'the picture is swapped for the refetched image').not.toBeNull();
  const format = imageFormats.find((f) => f.mime === match?.[1])?.id;
  expect(format, `${match?.[1]} is one of the image formats`).toBeDefined();
  return { format: format as FormatId, bytes: Buffer.from(match?.[2] ?? '', 'base64') };
}

describe('the jacket colour swatches', () => {
  it('offer every colour as a radio button named after it, the default checked', async () => {
    await page.goto(`${run.edge.url}${jacketPage}`);
    for (const colour of Object.keys(jacketColours.colours)) {
      await expect(page.getByRole('radio', { name: new RegExp(`^${colour}$`, 'i') }).count()).resolves.toBe(
        1,
      );
    }
    expect(await page.getByRole('radio', { name: new RegExp(jacketColours.default, 'i') }).isChecked()).toBe(
      true,
    );
    expect(await page.locator('#product-image').getAttribute('src')).toBe(`/images/${jacketColours.image}`);
  });

  it('store the chosen colour in the cookie and show the picture the same URL now returns', async () => {
    await page.goto(`${run.edge.url}${jacketPage}`);
    await page.getByRole('radio', { name: new RegExp(`^${other}$`, 'i') }).check();
    await page.waitForFunction(() =>
      document.querySelector('#product-image')?.getAttribute('src')?.startsWith('data:'),
    );

    const cookie = (await context.cookies()).find((c) => c.name === jacketColours.cookie);
    expect(cookie).toMatchObject({ value: other, path: '/', sameSite: 'Lax', secure: false });
    expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + jacketColours.maxAgeSeconds - 60);
    const shown = await shownImage();
    expect(shown.bytes).toEqual(await jacketBytes(other, shown.format));
    expect(await page.getByRole('img', { name: new RegExp(other, 'i') }).count()).toBe(1);
  });

  it('check the colour stored in the cookie when the page loads', async () => {
    await context.addCookies([{ name: jacketColours.cookie, value: other, url: run.edge.url }]);
    await page.goto(`${run.edge.url}${jacketPage}`);
    await page.waitForLoadState('load');
    expect(await page.getByRole('radio', { name: new RegExp(`^${other}$`, 'i') }).isChecked()).toBe(true);
    expect(await page.locator('[data-colour-name]').textContent()).toMatch(new RegExp(other, 'i'));
  });

  it('take a malformed colour cookie as no choice: the default checked, the picker still working', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // `%E0` is a truncated escape: decodeURIComponent throws on it.
    await context.addCookies([{ name: jacketColours.cookie, value: '%E0', url: run.edge.url }]);
    await page.goto(`${run.edge.url}${jacketPage}`);
    await page.waitForLoadState('load');
    expect(
      await page.getByRole('radio', { name: new RegExp(`^${jacketColours.default}$`, 'i') }).isChecked(),
    ).toBe(true);
    await page.getByRole('radio', { name: new RegExp(`^${other}$`, 'i') }).check();
    await page.waitForFunction(() =>
      document.querySelector('#product-image')?.getAttribute('src')?.startsWith('data:'),
    );
    expect(errors, 'errors thrown in the page').toEqual([]);
  });
});

describe('without JavaScript', () => {
  it('the jacket page still shows the jacket and the default colour checked', async () => {
    const noScript = await run.browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${run.edge.url}${jacketPage}`);
      const size = await plain
        .locator('#product-image')
        .evaluate((img: HTMLImageElement) => img.naturalWidth);
      expect(size).toBe(deviceWidth(chromiumDevice));
      expect(
        await plain.getByRole('radio', { name: new RegExp(jacketColours.default, 'i') }).isChecked(),
      ).toBe(true);
    } finally {
      await noScript.close();
    }
  });
});
