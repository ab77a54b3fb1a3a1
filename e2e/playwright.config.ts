import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, resolveChromium } from './browser.ts';
import { oneProject } from './support.ts';

/**
 * Runs against the local CloudFront by default (Playwright starts it), or against a deployed
 * distribution when BASE_URL is set (`npm run test:e2e:deployed` sets it from the stack outputs).
 */
const deployedUrl = process.env.BASE_URL || undefined;
const localPort = Number(process.env.E2E_PORT ?? 3100);
const baseURL = deployedUrl ?? `http://127.0.0.1:${localPort}`;
// Resolved (and printed) once, when the runner loads this file; its workers load it again and reuse the path.
const launchOptions = { executablePath: await resolveChromium(), args: chromiumArgs };
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: { baseURL, trace: 'on-first-retry', launchOptions },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], browserName: 'chromium', launchOptions },
      grepInvert: new RegExp(oneProject),
    },
    {
      name: 'tablet',
      use: { ...devices['Galaxy Tab S9'], browserName: 'chromium', launchOptions },
      grepInvert: new RegExp(oneProject),
    },
  ],
  webServer: deployedUrl
    ? undefined
    : {
        command: `local-cloudfront --cdk-out ../infra/cdk.out --port ${localPort}`,
        url: `${baseURL}/`,
        reuseExistingServer: !ci,
        timeout: 60_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
