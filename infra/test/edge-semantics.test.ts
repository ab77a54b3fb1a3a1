/**
 * The stack's cache and error semantics through the local CloudFront (the same bundles, the synthesized
 * template): the generated 301, a missing hashed asset's 404, HSTS, and that no path or query string can
 * make the bucket list itself although CloudFront may list it. The e2e suite checks the same on the real site.
 */

import { startTestCloudFront, type TestCloudFront } from '@edge-storefront/local-cloudfront/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../edge/config.ts';
import { sharedSynthesis } from './synth.ts';

let local: TestCloudFront;
beforeAll(async () => {
  local = await startTestCloudFront({
    cdkOut: sharedSynthesis().assembly.directory,
  });
});
afterAll(async () => {
  await local?.close();
});

const get = (path: string) => fetch(`${local.url}${path}`, { redirect: 'manual' });

describe('a directory without its slash (rule 3 step 3: a generated response)', () => {
  it('answers 301 to the path with its slash, query string kept, from viewer-request alone', async () => {
    const before = local.stats().invocations;
    const res = await get('/products/jacket?utm_source=mail&q=%20x');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/products/jacket/?utm_source=mail&q=%20x');
    expect(res.headers.get('x-cache')).toBe('LambdaGeneratedResponse from cloudfront');
    const after = local.stats().invocations;
    // Nothing reached the cache or the origin: only viewer-request ran.
    expect(after).toEqual({ ...before, 'viewer-request': before['viewer-request'] + 1 });
  });
});

describe('a missing hashed asset during a deploy', () => {
  it('is a 404 that no browser or shared cache keeps, let alone as immutable', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get('/_astro/missing.0000.js');
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('HSTS', () => {
  it('is sent for this host only unless the config opts into includeSubDomains and preload', async () => {
    const res = await get('/_astro/missing.0000.js');
    expect(res.headers.get('strict-transport-security')).toBe(
      `max-age=${securityHeaders.strictTransportSecurity.maxAgeSeconds}`,
    );
  });
});

describe('no bucket listing through the distribution (rule 6)', () => {
  it('may list the bucket: the proof below is about paths, not about a missing grant', () => {
    expect(local.distribution().origins.some((o) => o.s3?.listGranted)).toBe(true);
  });

  it.each([
    '/?list-type=2',
    '/?prefix=',
    '/?list-type=2&prefix=_astro/&delimiter=/',
    '//',
    '//?list-type=2',
    '/index.html?list-type=2',
    '/%2F',
    '/.',
    '/./',
    '/images/',
    '/images/..',
    '/images/%2E%2E/',
    '/_astro/',
    '/_astro/..',
    '/_astro/%2e%2e/',
    '/_astro/%2F',
    '/?versions',
    '/?location',
  ])('%s never answers with a listing', async (path) => {
    const res = await get(path);
    const body = await res.text();
    expect(body, `${path} -> ${res.status}`).not.toContain('ListBucketResult');
    expect(body).not.toContain('<Contents>');
  });
});
