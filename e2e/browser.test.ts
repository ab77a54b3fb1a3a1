/**
 * The browser resolver every suite uses (e2e/browser.ts): the user's CHROMIUM_PATH first, one resolution per
 * process, and the Chromium from the npm package that lets `npm test` run on a machine with no browser at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chromiumArgs, npmPackageChromium, resolveChromium } from './browser.ts';

const resolvedPathVariable = 'EDGE_STOREFRONT_CHROMIUM';

describe('resolveChromium', () => {
  // Saved and put back key by key: process.env must stay the real environment, which the resolver writes.
  const touched = [resolvedPathVariable, 'CHROMIUM_PATH'];
  const saved = touched.map((name) => [name, process.env[name]] as const);
  beforeEach(() => {
    delete process.env[resolvedPathVariable];
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.restoreAllMocks();
  });

  it('takes CHROMIUM_PATH before any other browser, prints it once and keeps it for the process', async () => {
    // Any executable file will do: resolution checks the file, the launch is the runner's.
    process.env.CHROMIUM_PATH = process.execPath;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await resolveChromium()).toBe(process.execPath);
    expect(log.mock.calls).toEqual([[`browser: CHROMIUM_PATH: ${process.execPath}`]]);

    process.env.CHROMIUM_PATH = '/somewhere/else';
    expect(await resolveChromium(), 'the first resolution holds').toBe(process.execPath);
    expect(log, 'printed once').toHaveBeenCalledTimes(1);
  });

  it('names a CHROMIUM_PATH that is not an executable file instead of quietly using another browser', async () => {
    process.env.CHROMIUM_PATH = '/dev/null';
    await expect(resolveChromium()).rejects.toThrow('CHROMIUM_PATH=/dev/null is not an executable file');
  });
});

describe('the Chromium inside the npm package @sparticuz/chromium', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'browser-resolver-'));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('unpacks once into its own folder, then renders a page and decodes AVIF', async () => {
    const found = await npmPackageChromium(root);
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      expect(found, 'the package ships a Linux x64 build only').toBeUndefined();
      return;
    }
    expect(path.relative(root, found?.executablePath ?? '')).toMatch(
      /^edge-storefront-chromium-[\d.]+\/chromium$/,
    );
    expect(found?.source).toMatch(/unpacked in/);
    const again = await npmPackageChromium(root);
    expect(again, 'the second use reuses the unpacked folder').toEqual({
      executablePath: found?.executablePath,
      source: expect.not.stringMatching(/unpacked/),
    });

    // An AVIF encoded with the settings the shop's image step uses for photos (sharp, effort 3, 4:2:0 chroma):
    // the browser must decode what the build writes. 64 px wide, so the test checks the decoded width.
    const avif = (
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1f3a5f' } })
        .avif({ effort: 3, chromaSubsampling: '4:2:0', quality: 55 })
        .toBuffer()
    ).toString('base64');
    const browser = await chromium.launch({ executablePath: found?.executablePath, args: chromiumArgs });
    try {
      const page = await browser.newPage();
      await page.setContent(`<img alt="" src="data:image/avif;base64,${avif}">`);
      const width = await page
        .locator('img')
        .evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
      expect(width, 'the AVIF decoded').toBe(64);
      expect((await page.screenshot()).subarray(1, 4).toString(), 'a PNG screenshot').toBe('PNG');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
