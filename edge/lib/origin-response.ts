import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import { imageRouting, paths, ttl } from '../config.ts';
import { firstHeader, setHeader } from './headers.ts';

export const cacheControl = {
  /** Canonical /images/ answers: CloudFront keeps the variant, the browser asks again (cookies choose it). */
  imageVariant: `public, max-age=0, s-maxage=${ttl.immutable}`,
  /**
   * Objects requested by their own key: /_astro/ keys carry a content hash; /_img/ keys do not, but no page
   * links them (pages use the canonical /images/ URL), so only a hand-typed URL can hold a stale copy.
   */
  immutable: `public, max-age=${ttl.immutable}, immutable`,
  /** HTML and other unhashed files: short at the edge so a deploy shows quickly. */
  short: `public, max-age=0, s-maxage=${ttl.htmlEdge}, must-revalidate`,
  error: `public, max-age=0, s-maxage=${ttl.error}`,
} as const;

function isOwnKeyAsset(uri: string): boolean {
  return uri.startsWith(paths.hashedAssetPrefix) || uri.startsWith(paths.variantPrefix);
}

/** Which Cache-Control a response gets, from the request origin-request forwarded and the status. */
export function cacheControlFor(request: CloudFrontRequest, status: number): string {
  if (!(status >= 200 && status < 400)) return cacheControl.error;
  // The marker is set only by origin-request on the images behavior (viewer-request strips forged ones).
  if (firstHeader(request.headers, imageRouting.variantMarkerHeader) !== undefined)
    return cacheControl.imageVariant;
  if (isOwnKeyAsset(request.uri)) return cacheControl.immutable;
  return cacheControl.short;
}

/**
 * Without s3:ListBucket, S3 answers 403 AccessDenied for a key that does not exist (reference 6). Serving
 * that as 404 lets browsers and crawlers treat it as missing, not forbidden; the custom error response
 * then shows /404.html.
 */
function isS3MissingKey(request: CloudFrontRequest, status: number): boolean {
  return status === 403 && request.origin?.s3 !== undefined;
}

export function handleOriginResponse(
  request: CloudFrontRequest,
  response: CloudFrontResponse,
): CloudFrontResponse {
  let status = Number(response.status);
  if (isS3MissingKey(request, status)) {
    status = 404;
    response.status = '404';
    response.statusDescription = 'Not Found';
  }
  setHeader(response.headers, 'Cache-Control', cacheControlFor(request, status));
  return response;
}
