/** Uploads the built site to the site bucket on every deploy, then invalidates the distribution. */
import type { Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { requireBuilt } from './build-outputs.ts';

export function uploadSite(
  stack: Stack,
  siteDir: string,
  siteBucket: s3.IBucket,
  distribution: cloudfront.IDistribution,
): s3deploy.BucketDeployment {
  return new s3deploy.BucketDeployment(stack, 'Upload', {
    sources: [s3deploy.Source.asset(requireBuilt(siteDir, '404.html', 'npm run build:site'))],
    destinationBucket: siteBucket,
    distribution,
    distributionPaths: ['/*'],
    // The default 128 MB unzips and syncs every image variant slowly and can run out of memory.
    memoryLimit: 1024,
  });
}
