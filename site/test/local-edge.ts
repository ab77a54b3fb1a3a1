import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestCloudFront, type TestCloudFront } from '@edge-storefront/local-cloudfront/testing';

/**
 * The edge the browser tests load pages through: the synthesized stack (infra/cdk.out, with the real
 * edge bundles and the site as its S3 content) served by the local CloudFront on 127.0.0.1. Routing,
 * image negotiation and security headers are the shipped ones, never a stand-in's.
 */

export const cdkOutDir = fileURLToPath(new URL('../../infra/cdk.out', import.meta.url));

/** Fails with an instruction, not a loader error, when the stack has not been synthesized. */
export function requireCdkOut(): void {
  const manifest = path.join(cdkOutDir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`${path.relative(process.cwd(), manifest)} is missing: run \`npm run build\` first`);
  }
}

/** Plain HTTP on loopback stands for the viewer's HTTPS (the local CloudFront's rule). */
export function startLocalEdge(): Promise<TestCloudFront> {
  requireCdkOut();
  return startTestCloudFront({ cdkOut: cdkOutDir });
}
