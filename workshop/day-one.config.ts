import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:day-one`: its own config, so `vitest run` (npm test) never picks it up.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['workshop/day-one.suite.ts'],
    // The whole of `npm test` in a copy, then a build for the dry run: tens of minutes on two cores.
    testTimeout: 3_600_000,
    hookTimeout: 300_000,
  },
});
