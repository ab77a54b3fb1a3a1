import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import { homepageExperiment, imageRouting, jacketColours, paths, ttl } from '../config.ts';
import { firstHeader, setHeader } from './headers.ts';

/**
 * One Cache-Control per kind of response (docs/edge.md#cache-control). It is stored with the object, so it
 * reaches the viewer on every hit at no invocation cost. `private` keeps every shared cache between the
 * viewer and CloudFront from storing a response that depends on the viewer's cookie, Accept header or
 * device; CloudFront itself still keeps it for its cache policy's MinTTL (rule 5.2: with MinTTL > 0,
 * `private` and `no-cache` are "cached for MinTTL anyway"), so the behaviors that serve these kinds have
 * MinTTL set to the lifetime CloudFront should give them.
 */
export const cacheControl = {
  /** The jacket follows the colour cookie: the browser asks every time and gets a 304 when unchanged. */
  cookieImage: 'private, no-cache',
  /** Other canonical images follow only the device and Accept, which do not change for one browser. */
  deviceImage: `private, max-age=${ttl.browserImage}`,
  /** The homepage variants: `/` serves one by cookie (and a new visitor's Set-Cookie rides on it). */
  perVisitorPage: 'private, no-cache',
  /**
   * Objects requested by their own key: /_astro/ keys carry a content hash; /_img/ keys do not, but no page
   * links them (pages use the canonical /images/ URL), so only a hand-typed URL can hold a stale copy.
   */
  immutable: `public, max-age=${ttl.immutable}, immutable`,
  /** Other HTML: the same for everyone, short at the edge so a deploy shows quickly. */
  short: `public, max-age=0, s-maxage=${ttl.htmlEdge}, must-revalidate`,
  /**
   * Unhashed files other than HTML (the favicon): the same for everyone and referenced by every page, so
   * kept a day by browsers and CloudFront alike; a deploy invalidates CloudFront's copy.
   */
  file: `public, max-age=${ttl.browserFile}`,
  /**
   * Errors, and the 404 page CloudFront serves for them: never kept by a browser or a shared cache, so a
   * 404 seen during a deploy is gone on the next request; CloudFront's own error caching applies (rule 5.8).
   */
  error: 'no-store',
} as const;

const perVisitorPages = new Set<string>(homepageExperiment.variants.map((v) => v.page));
const cookieImagePrefix = `${paths.variantPrefix}${jacketColours.image}-`;

function isOwnKeyAsset(uri: string): boolean {
  return uri.startsWith(paths.hashedAssetPrefix) || uri.startsWith(paths.variantPrefix);
}

/** Which Cache-Control a response gets, from the request origin-request forwarded and the status. */
export function cacheControlFor(request: CloudFrontRequest, status: number): string {
  if (!(status >= 200 && status < 400)) return cacheControl.error;
  // The marker is set only by origin-request on the images behavior (viewer-request strips forged ones).
  if (firstHeader(request.headers, imageRouting.variantMarkerHeader) !== undefined)
    return request.uri.startsWith(cookieImagePrefix) ? cacheControl.cookieImage : cacheControl.deviceImage;
  if (isOwnKeyAsset(request.uri)) return cacheControl.immutable;
  if (request.uri === paths.notFoundPage) return cacheControl.error;
  if (perVisitorPages.has(request.uri)) return cacheControl.perVisitorPage;
  return request.uri.endsWith('.html') ? cacheControl.short : cacheControl.file;
}

/**
 * The status is left as the origin sent it: the stack grants CloudFront s3:ListBucket, so S3 itself
 * answers 404 for a missing key (rule 6), and a 403 is a real denial that must stay visible.
 */
export function handleOriginResponse(
  request: CloudFrontRequest,
  response: CloudFrontResponse,
): CloudFrontResponse {
  setHeader(response.headers, 'Cache-Control', cacheControlFor(request, Number(response.status)));
  return response;
}
