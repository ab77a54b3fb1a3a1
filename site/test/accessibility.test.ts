import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { homepageExperiment, paths, type VariantId } from '../../edge/config.ts';
import { jacketProduct, productPath, shopPath } from '../src/data/catalogue.ts';
import { useBrowserOnEdge, viewports } from './browser.ts';
import { htmlPages } from './dist.ts';

const run = useBrowserOnEdge();

/**
 * One page per template (axe takes seconds a page on this 2-core machine); product pages share one. The
 * homepage variants are visited where viewers see them, at "/", with the experiment cookie choosing one.
 */
const templates: { path: string; homeVariant?: VariantId }[] = [
  ...homepageExperiment.variants.map((v) => ({ path: '/', homeVariant: v.id })),
  { path: shopPath },
  { path: productPath(jacketProduct) },
  { path: paths.notFoundPage },
];

async function visit(context: BrowserContext, page: Page, { path, homeVariant }: (typeof templates)[number]) {
  if (homeVariant) {
    const cookie = { name: homepageExperiment.cookie, value: homeVariant, url: run.edge.url };
    await context.addCookies([cookie]);
  }
  await page.goto(`${run.edge.url}${path}`);
  if (homeVariant) {
    expect(await page.locator('body').getAttribute('data-variant'), 'the cookie picks the variant').toBe(
      homeVariant,
    );
  }
}

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
    const context = await run.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
    });
    try {
      for (const template of templates) {
        await visit(context, page, template);
        expect(await seriousViolations(page)).toEqual([]);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('no page scrolls sideways (overflow breaks taps under mobile emulation)', async () => {
    const pages = (await htmlPages()).map((p) => p.replace(/index\.html$/, ''));
    const context = await run.browser.newContext({ viewport });
    const page = await context.newPage();
    try {
      for (const path of pages) {
        await page.goto(`${run.edge.url}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} is ${overflow}px wider than the viewport`).toBeLessThanOrEqual(0);
      }
    } finally {
      await context.close();
    }
  });
});
