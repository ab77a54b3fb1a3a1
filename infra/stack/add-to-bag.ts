/**
 * The experiment's conversion behavior (edge/config.ts `addToBag`): a tiny static object that "Add to bag"
 * fetches so that CloudFront's standard log records the press with the visitor's cookies. It runs no
 * function, so a conversion costs no Lambda@Edge invocation. Its cache key holds neither cookies nor the
 * query string (the managed CachingOptimized policy), so every press is one cache entry's hit; toward the
 * viewer it says `no-store`, so no browser answers a press from its own cache, unlogged.
 */
import type { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { headersPolicy } from './response-headers-policies.ts';

export const conversionCacheControl = 'no-store';

export function addToBagBehavior(stack: Stack, origin: cloudfront.IOrigin): cloudfront.BehaviorOptions {
  return {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
    cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
    responseHeadersPolicy: headersPolicy(
      stack,
      'ConversionHeaders',
      [{ header: 'Cache-Control', value: conversionCacheControl, override: true }],
      'no-store for the conversion request',
    ),
  };
}
