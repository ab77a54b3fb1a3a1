/**
 * One cache policy per behavior. Each key holds exactly what the functions that run on a cache miss read
 * (rule 5.1), so nothing fragments the cache; the TTLs come from edge/config.ts. The MinTTL of each policy
 * is the lifetime CloudFront gives the responses that origin-response marks `private` for the viewer: with
 * MinTTL > 0 CloudFront keeps them for MinTTL anyway (rule 5.2), while shared caches downstream may not.
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
    // The homepage variants are `private, no-cache` for the viewer; CloudFront keeps them htmlEdge anyway.
    minTtl: Duration.seconds(ttl.htmlEdge),
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
    // Every canonical image is `private` for the viewer (it follows Accept, the device, maybe a cookie).
    minTtl: Duration.seconds(ttl.immutable),
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
