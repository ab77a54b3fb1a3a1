import { expect, test } from '@playwright/test';
import { contentSecurityPolicy, securityHeaders } from '../edge/config.ts';

const hsts = securityHeaders.strictTransportSecurity;
const expectedHeaders: Record<string, string> = {
  // includeSubDomains and preload only when edge/config.ts opts in (docs/edge.md#hsts).
  'strict-transport-security': [
    `max-age=${hsts.maxAgeSeconds}`,
    ...(hsts.includeSubDomains ? ['includeSubDomains'] : []),
    ...(hsts.preload ? ['preload'] : []),
  ].join('; '),
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

  test('a missing hashed asset is a 404 no cache keeps, never immutable', async ({ request }) => {
    // Twice: the second answer comes from CloudFront's error cache and must say the same.
    for (let i = 0; i < 2; i++) {
      const response = await request.get('/_astro/missing.0000.js');
      expect(response.status()).toBe(404);
      const cacheControl = response.headers()['cache-control'] ?? '';
      expect(cacheControl).toBe('no-store');
      expect(cacheControl).not.toContain('immutable');
    }
  });

  test('a page path without its slash is a 301 to the path with it, query string kept', async ({
    request,
  }) => {
    const response = await request.get('/products/jacket?utm_source=mail', { maxRedirects: 0 });
    expect(response.status()).toBe(301);
    expect(response.headers().location).toBe('/products/jacket/?utm_source=mail');
    // The redirect comes from viewer-request: no origin, no cache (rule 3 step 3).
    expect(response.headers()['x-cache']).toBe('LambdaGeneratedResponse from cloudfront');
  });

  test('a browser following the 301 lands on the canonical page', async ({ page }) => {
    const response = await page.goto('/products/jacket?ref=e2e');
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/products/jacket/?ref=e2e');
  });

  // Playwright's request API refuses a path starting "//" (a network-path reference); infra/test/edge-semantics
  // sends those raw to the local CloudFront.
  for (const path of ['/?list-type=2', '/?prefix=', '/?list-type=2&prefix=_astro/', '/_astro/', '/images/']) {
    test(`no path or query string lists the bucket: ${path}`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      const body = await response.text();
      expect(body, `${path} -> ${response.status()}`).not.toContain('ListBucketResult');
      expect(response.headers()['content-type'] ?? '').not.toContain('xml');
    });
  }
});
