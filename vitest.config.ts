import { defineConfig } from 'vitest/config';

// The projects run side by side (the workshop's after the rest); the browser suite is Playwright's, in e2e/.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run count every suite in one summary line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { test: { name: 'edge', include: ['edge/**/*.test.ts'] } },
      // The Chromium resolver every browser test uses (e2e/browser.ts); the browser suite itself is Playwright's.
      { test: { name: 'browser', include: ['e2e/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'site',
          include: ['site/test/**/*.test.ts'],
          testTimeout: 60_000,
          // Resolves the browser once (e2e/browser.ts); every test file that launches it reuses the path.
          globalSetup: ['site/test/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'infra',
          include: ['infra/test/**/*.test.ts'],
          testTimeout: 60_000,
          // Synthesizes the app once for every infra test file (infra/test/synth.ts, sharedSynthesis).
          globalSetup: ['infra/test/global-setup.ts'],
          // Files share one module cache per worker: aws-cdk-lib loads once, and the two tests that need an
          // app of their own synthesize on a warm CDK (asset fingerprints cached) instead of a cold one.
          isolate: false,
        },
      },
      {
        test: {
          name: 'local-cloudfront',
          include: ['infra/local-cloudfront/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      // The experiment report; its browser test drives the local CloudFront started as `npm start` would.
      { test: { name: 'experiment', include: ['infra/experiment/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'workshop',
          include: ['workshop/**/*.test.ts'],
          // Every lab solved and built in a scratch copy: minutes, not seconds.
          testTimeout: 900_000,
          // After the other projects, alone: its builds would otherwise slow their timed tests on two cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
