// Prints `N passed, N failed` over the Vitest and Playwright JSON reports. A missing report means that
// suite never ran (for example the build before it failed), which counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [vitestReport, playwrightReport] = process.argv.slice(2);
let passed = 0;
let failed = 0;

function read(path) {
  if (!existsSync(path)) {
    failed += 1;
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

const vitest = read(vitestReport);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
const playwright = read(playwrightReport);
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
}
console.log(`${passed} passed, ${failed} failed`);
