import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';

const missingPage = '/this-page-does-not-exist/';

/** Every page a shopper can reach by following links from the homepage, the 404 page included. */
async function crawl(page: Page): Promise<string[]> {
  const seen = new Set<string>(['/', missingPage]);
  const queue = ['/'];
  while (queue.length > 0) {
    const path = queue.shift() as string;
    await page.goto(path);
    const hrefs = await page
      .locator('a[href^="/"]')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const href of hrefs) {
      if (!seen.has(href)) {
        seen.add(href);
        queue.push(href);
      }
    }
  }
  return [...seen];
}

test.describe('quality on every page', () => {
  test('no serious accessibility violations and no console errors', async ({ page }) => {
    const pages = await crawl(page);
    expect(pages.length, 'pages reached from the homepage').toBeGreaterThan(6);
    let errors: string[] = [];
    let path = '';
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // The browser reports the missing page's own 404 status as a console error; that one is expected.
      const expected = path === missingPage && m.text().includes('404');
      if (m.type() === 'error' && !expected) errors.push(m.text());
    });
    for (path of pages) {
      errors = [];
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => `${v.id}: ${v.help}`),
        `axe on ${path}`,
      ).toEqual([]);
      expect(errors, `console errors on ${path}`).toEqual([]);
    }
  });
});
