import type { CloudFrontRequest, CloudFrontResultResponse } from 'aws-lambda';
import { homepageExperiment, imageRouting, ttl, type VariantId } from '../config.ts';
import { readCookies } from './cookies.ts';
import { setHeader } from './headers.ts';
import { drawVariant, isHomepage, isVariantId, variantPage } from './homepage-experiment.ts';
import { canonicalImageUri, isImageUri } from './image-request.ts';
import { isVisitorId, newVisitorId } from './visitor-id.ts';

/** Rule 1.3 / 2.5: the URL (URI, "?" and query string) must stay under 8,192 characters. */
const MAX_URL_CHARS = 8191;

function urlLength(request: CloudFrontRequest): number {
  return request.uri.length + (request.querystring ? request.querystring.length + 1 : 0);
}

/**
 * Everything the viewer-request function decides, as a plain function of the request. It runs before
 * the cache key is computed, so what it writes into the URI becomes part of the key (rule 3, step 4).
 * A directory path without its slash gets a generated 301 instead (rule 3, step 3: nothing reaches the
 * cache or the origin).
 */
export function handleViewerRequest(
  request: CloudFrontRequest,
  random: () => number,
  newId: () => string = newVisitorId,
): CloudFrontRequest | CloudFrontResultResponse {
  // Only the edge may set these; a viewer must not forge an assignment, a visitor id or an image-variant marker.
  delete request.headers[homepageExperiment.assignmentHeader];
  delete request.headers[homepageExperiment.visitorIdHeader];
  delete request.headers[imageRouting.variantMarkerHeader];

  if (!isImageUri(request.uri) && isSlashlessDirectory(request.uri)) return slashRedirect(request);
  const original = request.uri;
  request.uri = rewriteUri(request, random, newId);
  // A rewrite that would overflow CloudFront's limit is dropped: the original URI was accepted, so it is safe.
  if (urlLength(request) > MAX_URL_CHARS) request.uri = original;
  return request;
}

function rewriteUri(request: CloudFrontRequest, random: () => number, newId: () => string): string {
  if (isImageUri(request.uri)) return canonicalImageUri(request.uri, request.headers);
  if (isHomepage(request.uri)) return variantPage(assignVisitor(request, random, newId));
  return withIndexDocument(request.uri);
}

/**
 * The homepage is the experiment's exposure: the visitor keeps or gets a variant and a visitor id here, and
 * only here. The URI (the cache key, rule 3 step 4) depends on the variant alone; the id travels in a
 * request header to viewer-response (rule 1.1), which sets the cookies, and never reaches the cache key.
 *
 * - No valid variant cookie: a fresh draw and a fresh id, even if an id cookie survives. An id belongs to one
 *   assignment; keeping it across a new draw would show one visitor in two variants.
 * - A valid variant cookie without a valid id (cookies from before the id existed, or a mangled id): the same
 *   variant, a new id, and both cookies set again, so they expire together.
 * - Both valid: nothing to set; the response stays cacheable by the browser as before.
 */
function assignVisitor(request: CloudFrontRequest, random: () => number, newId: () => string): VariantId {
  const cookies = readCookies(request.headers);
  const cookie = cookies[homepageExperiment.cookie];
  if (!isVariantId(cookie)) return assign(request, drawVariant(random), newId());
  if (!isVisitorId(cookies[homepageExperiment.visitorCookie])) return assign(request, cookie, newId());
  return cookie;
}

function assign(request: CloudFrontRequest, variant: VariantId, id: string): VariantId {
  setHeader(request.headers, homepageExperiment.assignmentHeader, variant);
  setHeader(request.headers, homepageExperiment.visitorIdHeader, id);
  return variant;
}

/** S3's REST endpoint has no index documents, so `/catalogue/` becomes `/catalogue/index.html`. */
export function withIndexDocument(uri: string): string {
  return uri.endsWith('/') ? `${uri}index.html` : uri;
}

/**
 * Segments of URL path characters (RFC 3986 pchar, percent-escapes kept as sent), none empty. Anything
 * else, `//host` or a backslash above all, gets no redirect: a Location built from it could leave the site.
 */
const SAFE_PATH = /^(?:\/[\w\-.~%!$&'()*+,;=:@]+)+$/;

/**
 * A directory path written without its trailing slash: every path whose last segment has no extension
 * (`/products/jacket`). The site's pages are all directories and every other file has an extension, so
 * the rule needs no page list in the bundle; a path that names nothing gets the 301, then the 404.
 */
export function isSlashlessDirectory(uri: string): boolean {
  if (!SAFE_PATH.test(uri)) return false;
  return !uri.slice(uri.lastIndexOf('/') + 1).includes('.');
}

/** 301 to the same path with its slash, query string kept, so each page has one canonical URL. */
export function slashRedirect(request: CloudFrontRequest): CloudFrontResultResponse {
  const location = `${request.uri}/${request.querystring ? `?${request.querystring}` : ''}`;
  return {
    status: '301',
    statusDescription: 'Moved Permanently',
    headers: {
      location: [{ key: 'Location', value: location }],
      'cache-control': [{ key: 'Cache-Control', value: `public, max-age=${ttl.slashRedirect}` }],
    },
  };
}
