import { resolveChromium } from '../../e2e/browser.ts';

/** Finds (and prints) the browser once for the whole run; the test files' workers inherit its path. */
export async function setup(): Promise<void> {
  await resolveChromium();
}
