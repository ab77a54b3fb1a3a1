import { expect, test } from '@playwright/test';
import { contentSecurityPolicy, securityHeaders } from '../edge/config.ts';

const hsts = securityHeaders.strictTransportSecurity;
const expectedHeaders: Record<string, string> = {
  'strict-transport-security': `max-age=${hsts.maxAgeSeconds}; includeSubDomains; preload`,
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': securityHeaders.contentTypeOptions,
  'referrer-policy': securityHeaders.referrerPolicy,
  'x-frame-options': securityHeaders.frameOptions,
  'permissions-policy': securityHeaders.permissionsPolicy,
};

test.describe('security headers and errors', () => {
  for (const path of ['/', '/images/hero', '/no-such-page/']) {
    test(`every response carries the security headers: ${path}`, async ({ request }) => {
      const response = await request.get(path);
      for (const [name, value] of Object.entries(expectedHeaders)) {
        expect(response.headers()[name], `${name} on ${path}`).toBe(value);
      }
    });
  }

  test('a missing page gets the 404 page with status 404', async ({ page }) => {
    const response = await page.goto('/no/such/page/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(/not found/i);
  });

  test('a missing asset is a 404, not S3 access denied', async ({ request }) => {
    const response = await request.get('/_astro/missing.0000.js');
    expect(response.status()).toBe(404);
  });
});
