import { existsSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';

/** Debian's Chromium (see toolchain.md); CHROMIUM_PATH overrides it on machines that have another. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Viewports the pages must work at: a phone (where overflow breaks taps) and a desktop. */
export const viewports = {
  mobile: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
} as const;
