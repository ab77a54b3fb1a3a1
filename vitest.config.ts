import { defineConfig } from 'vitest/config';

// Fastest first (design.md "Tests, fastest first"); the browser suite is Playwright's, in e2e/.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run count every suite in one summary line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      { test: { name: 'edge', include: ['edge/**/*.test.ts'] } },
      { test: { name: 'site', include: ['site/test/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'infra', include: ['infra/test/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'local-cloudfront',
          include: ['infra/local-cloudfront/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
