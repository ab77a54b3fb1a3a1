import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ColourId,
  deviceClasses,
  imageVariantKey,
  jacketColours,
  jacketImageName,
} from '../../edge/config.ts';
import { launchChromium } from './browser.ts';
import { distFile } from './dist.ts';
import { startStaticServer } from './static-server.ts';

const jacketPage = `/products/${jacketColours.image}/`;
const other = (Object.keys(jacketColours.colours) as ColourId[]).find(
  (c) => c !== jacketColours.default,
) as ColourId;

let browser: Browser;
let server: Server;
let origin: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ origin, server } = await startStaticServer());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(() => context?.close());

/** The bytes the test server answers /images/jacket with for that colour (its stand-in for the edge). */
function jacketBytes(colour: ColourId): Promise<Buffer> {
  return readFile(distFile(imageVariantKey(jacketImageName(colour), deviceClasses.default, 'jpeg')));
}

async function shownImageBytes(): Promise<Buffer> {
  const src = await page.locator('#product-image').getAttribute('src');
  expect(src, 'the picture is swapped for the refetched image').toMatch(/^data:image\/jpeg;base64,/);
  return Buffer.from(src?.split(',')[1] ?? '', 'base64');
}

describe('the jacket colour swatches', () => {
  it('offer every colour as a radio button named after it, the default checked', async () => {
    await page.goto(`${origin}${jacketPage}`);
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
    await page.goto(`${origin}${jacketPage}`);
    await page.getByRole('radio', { name: new RegExp(`^${other}$`, 'i') }).check();
    await page.waitForFunction(() =>
      document.querySelector('#product-image')?.getAttribute('src')?.startsWith('data:'),
    );

    const cookie = (await context.cookies()).find((c) => c.name === jacketColours.cookie);
    expect(cookie).toMatchObject({ value: other, path: '/', sameSite: 'Lax', secure: false });
    expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + jacketColours.maxAgeSeconds - 60);
    expect(await shownImageBytes()).toEqual(await jacketBytes(other));
    expect(await page.getByRole('img', { name: new RegExp(other, 'i') }).count()).toBe(1);
  });

  it('check the colour stored in the cookie when the page loads', async () => {
    await context.addCookies([{ name: jacketColours.cookie, value: other, url: origin }]);
    await page.goto(`${origin}${jacketPage}`);
    await page.waitForLoadState('load');
    expect(await page.getByRole('radio', { name: new RegExp(`^${other}$`, 'i') }).isChecked()).toBe(true);
    expect(await page.locator('[data-colour-name]').textContent()).toMatch(new RegExp(other, 'i'));
  });
});

describe('without JavaScript', () => {
  it('the jacket page still shows the jacket and the default colour checked', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${origin}${jacketPage}`);
      const size = await plain
        .locator('#product-image')
        .evaluate((img: HTMLImageElement) => img.naturalWidth);
      expect(size).toBe(deviceClasses.classes.find((d) => d.id === deviceClasses.default)?.width);
      expect(
        await plain.getByRole('radio', { name: new RegExp(jacketColours.default, 'i') }).isChecked(),
      ).toBe(true);
    } finally {
      await noScript.close();
    }
  });
});
