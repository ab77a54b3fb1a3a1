/**
 * Uploads the built site on every deploy in an order no cached page can outrun: first the hashed assets
 * and the image variants, kept across deploys (prune: false), so a page cached at the edge or open in a
 * browser never points at a removed file; then everything else (the HTML), which prunes only what it owns;
 * then one invalidation of `/*`. docs/stack.md#deploy-order says how to remove old
 * assets.
 */
import type { Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { paths } from '../../edge/config.ts';
import { requireBuilt } from './build-outputs.ts';

/** S3 key patterns (no leading slash) of the objects the pages reference and that never go away on a deploy. */
export const keptAcrossDeploys = [paths.hashedAssetPrefix, paths.variantPrefix].map(
  (prefix) => `${prefix.slice(1)}*`,
);

export function uploadSite(
  stack: Stack,
  siteDir: string,
  siteBucket: s3.IBucket,
  distribution: cloudfront.IDistribution,
): { assets: s3deploy.BucketDeployment; pages: s3deploy.BucketDeployment } {
  const source = s3deploy.Source.asset(requireBuilt(siteDir, '404.html', 'npm run build:site'));
  // The default 128 MB handler unzips and syncs every image variant slowly and can run out of memory.
  const memoryLimit = 1024;
  const assets = new s3deploy.BucketDeployment(stack, 'UploadAssets', {
    sources: [source],
    destinationBucket: siteBucket,
    exclude: ['*'],
    include: keptAcrossDeploys,
    prune: false,
    memoryLimit,
  });
  const pages = new s3deploy.BucketDeployment(stack, 'Upload', {
    sources: [source],
    destinationBucket: siteBucket,
    // Excluded keys are neither uploaded nor pruned by this deployment.
    exclude: keptAcrossDeploys,
    distribution,
    // Everything that can change in place: pages, /images/ answers (their /_img/ objects keep their keys).
    distributionPaths: ['/*'],
    memoryLimit,
  });
  pages.node.addDependency(assets);
  return { assets, pages };
}
