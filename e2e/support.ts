import type { TestInfo } from '@playwright/test';
import type { DeviceId } from '../edge/config.ts';

/** True when the suite runs against the local CloudFront rather than a deployed distribution. */
export const isLocal = !process.env.BASE_URL;

/** The device class CloudFront derives from each project's User-Agent (see playwright.config.ts). */
const projectDevice: Record<string, DeviceId> = { desktop: 'desktop', phone: 'mobile', tablet: 'tablet' };

export function deviceOf(testInfo: TestInfo): DeviceId {
  const device = projectDevice[testInfo.project.name];
  if (!device) throw new Error(`no device class mapped for project ${testInfo.project.name}`);
  return device;
}

/** Reads one cookie's attributes from a Set-Cookie header value. */
export function cookieAttributes(setCookie: string): {
  name: string;
  value: string;
  attrs: Map<string, string>;
} {
  const [pair = '', ...rest] = setCookie.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const attrs = new Map(
    rest.map((a) => {
      const i = a.indexOf('=');
      return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
    }),
  );
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attrs };
}

/**
 * Tag for a test of the edge alone, whose outcome no device changes: playwright.config.ts runs it in the desktop
 * project only, instead of the test skipping itself in the others.
 */
export const oneProject = '@one-project';
