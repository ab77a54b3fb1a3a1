import { existsSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';

/**
 * The Chromium to drive: CHROMIUM_PATH if set, else Debian's `chromium`, else Playwright's own download.
 * Machines without internet access cannot download Playwright's browser, so the system one comes first.
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const system = candidates.find((p): p is string => Boolean(p) && existsSync(p as string));
  if (system) return system;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium found: install one with `sudo apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set CHROMIUM_PATH.',
  );
}

/** Flags that keep a headless Chromium quiet on a machine with no network but loopback. */
export const chromiumArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Chromium as the e2e projects launch it, for suites that drive it outside Playwright's runner (site/test). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
}
