import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homepageExperiment, paths } from '../../edge/config.ts';
import { jacketSlug } from '../src/data/catalogue.ts';
import { launchChromium, viewports } from './browser.ts';
import { htmlPages } from './dist.ts';
import { startStaticServer } from './static-server.ts';

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  ({ origin, server } = await startStaticServer());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** One page per template (axe takes seconds a page on this 2-core machine); product pages share one. */
const templates = [
  ...homepageExperiment.variants.map((v) => v.page.replace(/index\.html$/, '')),
  '/products/',
  `/products/${jacketSlug}/`,
  paths.notFoundPage,
];

async function seriousViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself, without opening a blank page per run (the site has no frames).
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${page.url()}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

describe.each(Object.entries(viewports))('at %s width', (_name, viewport) => {
  it('each page template has no serious or critical axe violation (WCAG 2.1 A/AA)', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    try {
      for (const path of templates) {
        await page.goto(`${origin}${path}`);
        expect(await seriousViolations(page)).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('no page scrolls sideways (overflow breaks taps under mobile emulation)', async () => {
    const pages = (await htmlPages()).map((p) => p.replace(/index\.html$/, ''));
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    try {
      for (const path of pages) {
        await page.goto(`${origin}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} is ${overflow}px wider than the viewport`).toBeLessThanOrEqual(0);
      }
    } finally {
      await context.close();
    }
  });
});
