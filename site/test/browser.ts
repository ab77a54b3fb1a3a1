import type { TestCloudFront } from '@edge-storefront/local-cloudfront/testing';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../e2e/browser.ts';
import { startLocalEdge } from './local-edge.ts';

/** Viewports the pages must work at: a phone (where overflow breaks taps) and a desktop. */
export const viewports = {
  mobile: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
} as const;

export interface BrowserOnEdge {
  readonly edge: TestCloudFront;
  readonly browser: Browser;
}

/**
 * One local CloudFront and one Chromium for the whole test file (each takes seconds on this machine),
 * closed after it; tests open their own browser contexts.
 */
export function useBrowserOnEdge(): BrowserOnEdge {
  const started: { edge?: TestCloudFront; browser?: Browser } = {};
  beforeAll(async () => {
    // Each is kept as soon as it is up, so afterAll closes it even when the other fails to start.
    await Promise.all([
      startLocalEdge().then((edge) => {
        started.edge = edge;
      }),
      launchChromium().then((browser) => {
        started.browser = browser;
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([started.browser?.close(), started.edge?.close()]);
  });
  return {
    get edge() {
      return required(started.edge, 'local CloudFront');
    },
    get browser() {
      return required(started.browser, 'Chromium');
    },
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (!value) throw new Error(`${what} is not running: useBrowserOnEdge() starts it in beforeAll`);
  return value;
}
