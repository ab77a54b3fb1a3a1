/**
 * One cache policy per behavior. Each key holds exactly what the functions that run on a cache miss read
 * (design.md, reference 5.1), so nothing fragments the cache; the TTLs come from edge/config.ts.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { deviceClasses, ttl } from '../../edge/config.ts';

/** Default behavior (HTML and objects fetched by their own key): the viewer-request rewrite put the variant in the URI. */
export function htmlCachePolicy(stack: Stack, id: string): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(stack, id, {
    comment: 'HTML: the URI alone; origin-response sets the lifetime per object',
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(ttl.htmlEdge),
    // Lets origin-response keep /_img/ objects (fetched by their own key) a year.
    maxTtl: Duration.seconds(ttl.immutable),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/** The CloudFront-Is-*-Viewer headers origin-request reads, named by edge/config.ts. */
export const deviceHeaders = deviceClasses.classes.map((c) => c.header);

/** /images/*: the URI (colour and format already in it) plus the device headers origin-request reads, nothing else. */
export function imagesCachePolicy(stack: Stack, id: string): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(stack, id, {
    comment: 'Images: URI + CloudFront-Is-*-Viewer, the only inputs of origin-request',
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList(...deviceHeaders),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(ttl.immutable),
    maxTtl: Duration.seconds(ttl.immutable),
    enableAcceptEncodingGzip: false,
    enableAcceptEncodingBrotli: false,
  });
}

/** /_astro/*: content-hashed names never change content, so CloudFront keeps them whatever the origin says. */
export function assetsCachePolicy(stack: Stack, id: string): cloudfront.CachePolicy {
  const year = Duration.seconds(ttl.immutable);
  return new cloudfront.CachePolicy(stack, id, {
    comment: 'Hashed build assets: URI only, kept for ttl.immutable',
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    minTtl: year,
    defaultTtl: year,
    maxTtl: year,
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}
