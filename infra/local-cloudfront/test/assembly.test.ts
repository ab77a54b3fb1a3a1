import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { distributionId, loadDistribution } from '../assembly/load-distribution.ts';
import { grantsCloudFrontList } from '../assembly/origins.ts';
import type { Distribution } from '../model.ts';
import { fixtureCdkOut } from './support/synth.ts';

let cdkOut: string;
let conformance: Distribution;
beforeAll(async () => {
  cdkOut = await fixtureCdkOut();
  conformance = loadDistribution(cdkOut, 'Conformance');
}, 90_000);

describe('assembly loader (rule 7)', () => {
  it('reads the behaviors in template order with the default behavior last (rule 5.6, 7)', () => {
    expect(conformance.behaviors.map((b) => b.pathPattern)).toEqual([
      '/record/*',
      '/oreq/*',
      '/body/*',
      '/nobody/*',
      '/slow/*',
      '/nocache/*',
      '/static/*',
      '/errors/*',
      '*',
    ]);
  });

  it('resolves managed cache policies by ID and template policies by reference (rule 5.3, 7)', () => {
    const byPattern = (p: string) => conformance.behaviors.find((b) => b.pathPattern === p);
    expect(byPattern('/nocache/*')?.cachePolicy).toMatchObject({ name: 'CachingDisabled', maxTtl: 0 });
    expect(byPattern('*')?.cachePolicy).toMatchObject({
      defaultTtl: 60,
      maxTtl: 3600,
      gzip: true,
      brotli: true,
    });
    expect(byPattern('/record/*')?.cachePolicy.headers.names).toEqual([
      'cloudfront-is-mobile-viewer',
      'cloudfront-viewer-country',
    ]);
    expect(byPattern('/record/*')?.originRequestPolicy?.headers.names).toEqual(['x-orp-only']);
  });

  it('finds the deployed code of each associated version in its cdk.out asset folder (rule 7)', () => {
    const fn = conformance.behaviors.find((b) => b.pathPattern === '*')?.functions['viewer-request']?.fn;
    expect(fn).toMatchObject({ handler: 'index.handler', runtime: 'nodejs22.x', timeoutSeconds: 5 });
    expect(existsSync(path.join(fn?.codeDir ?? '', 'index.mjs'))).toBe(true);
  });

  it('serves the BucketDeployment source asset as the bucket content (rule 7)', () => {
    const layer = conformance.origins[0]?.s3?.layers[0];
    expect(existsSync(path.join(layer?.dir ?? '', 'a.txt'))).toBe(true);
    expect(conformance.origins[0]?.s3?.listGranted).toBe(false);
  });

  it('reads custom error responses with their caching TTL, 10 s by default (rule 5.8)', () => {
    expect(conformance.errorResponses).toEqual([
      { errorCode: 403, responseCode: 404, responsePagePath: '/errors/404.html', minTtl: 5 },
      { errorCode: 404, responseCode: 404, responsePagePath: '/errors/404.html', minTtl: 10 },
      { errorCode: 500, responseCode: 500, responsePagePath: '/oreq/rewrite', minTtl: 10 },
    ]);
  });

  it('follows an EdgeFunction outside us-east-1 to its code through the support stack (rule 7)', () => {
    const crossRegion = loadDistribution(cdkOut, 'CrossRegion');
    const fn = crossRegion.behaviors[0]?.functions['viewer-response']?.fn;
    expect(existsSync(path.join(fn?.codeDir ?? '', 'index.mjs'))).toBe(true);
    expect(crossRegion.warnings.join('\n')).toMatch(/has no BucketDeployment/);
  });

  it('reads s3:ListBucket granted to CloudFront, by OAC service principal or OAI, from the bucket policy (rule 6)', () => {
    const allow = (Principal: unknown, Action: unknown) => ({ Effect: 'Allow', Principal, Action });
    expect(
      grantsCloudFrontList(allow({ Service: 'cloudfront.amazonaws.com' }, ['s3:GetObject', 's3:ListBucket'])),
    ).toBe(true);
    expect(grantsCloudFrontList(allow({ CanonicalUser: 'abc' }, 's3:List*'))).toBe(true);
    expect(grantsCloudFrontList(allow({ Service: 'cloudfront.amazonaws.com' }, 's3:GetObject'))).toBe(false);
    expect(grantsCloudFrontList(allow({ AWS: 'arn:aws:iam::1:role/Other' }, 's3:ListBucket'))).toBe(false);
  });

  it('derives a stable distribution id from stack and logical id', () => {
    expect(conformance.id).toBe(distributionId('Conformance', conformance.logicalId));
    expect(conformance.id).toMatch(/^E[0-9A-F]{13}$/);
  });

  it('names the stacks it found when none has a distribution', () => {
    expect(() => loadDistribution(cdkOut, 'NoSuchStack')).toThrow(/stacks: Conformance, ListGranted/);
  });
});
