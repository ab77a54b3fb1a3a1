import type { CloudFrontRequest } from 'aws-lambda';
import { homepageExperiment, imageRouting } from '../config.ts';
import { readCookie } from './cookies.ts';
import { setHeader } from './headers.ts';
import { drawVariant, isHomepage, isVariantId, variantPage } from './homepage-experiment.ts';
import { canonicalImageUri, isImageUri } from './image-request.ts';

/** Reference 1.3 / 2.5: the URL (URI, "?" and query string) must stay under 8,192 characters. */
const MAX_URL_CHARS = 8191;

function urlLength(request: CloudFrontRequest): number {
  return request.uri.length + (request.querystring ? request.querystring.length + 1 : 0);
}

/**
 * Everything the viewer-request function decides, as a plain function of the request. It runs before
 * the cache key is computed, so what it writes into the URI becomes part of the key (reference 3, step 4).
 */
export function handleViewerRequest(request: CloudFrontRequest, random: () => number): CloudFrontRequest {
  // Only the edge may set these; a viewer must not forge an assignment or an image-variant marker.
  delete request.headers[homepageExperiment.assignmentHeader];
  delete request.headers[imageRouting.variantMarkerHeader];

  const original = request.uri;
  request.uri = rewriteUri(request, random);
  // A rewrite that would overflow CloudFront's limit is dropped: the original URI was accepted, so it is safe.
  if (urlLength(request) > MAX_URL_CHARS) request.uri = original;
  return request;
}

function rewriteUri(request: CloudFrontRequest, random: () => number): string {
  if (isImageUri(request.uri)) return canonicalImageUri(request.uri, request.headers);
  if (isHomepage(request.uri)) {
    const cookie = readCookie(request.headers, homepageExperiment.cookie);
    const variant = isVariantId(cookie) ? cookie : drawVariant(random);
    if (variant !== cookie) setHeader(request.headers, homepageExperiment.assignmentHeader, variant);
    return variantPage(variant);
  }
  return withIndexDocument(request.uri);
}

/** S3's REST endpoint has no index documents, so `/catalogue/` and `/catalogue` become `.../index.html`. */
export function withIndexDocument(uri: string): string {
  if (uri.endsWith('/')) return `${uri}index.html`;
  const lastSegment = uri.slice(uri.lastIndexOf('/') + 1);
  return lastSegment.includes('.') ? uri : `${uri}/index.html`;
}
