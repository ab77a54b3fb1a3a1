import type { CloudFrontRequest } from 'aws-lambda';
import { homepageExperiment } from '../config.ts';
import { readCookie } from './cookies.ts';
import { setHeader } from './headers.ts';
import { drawVariant, isHomepage, isVariantId, variantPage } from './homepage-experiment.ts';

/**
 * Everything the viewer-request function decides, as a plain function of the request. It runs before
 * the cache key is computed, so what it writes into the URI becomes part of the key (reference 3.4).
 */
export function handleViewerRequest(request: CloudFrontRequest, random: () => number): CloudFrontRequest {
  // Only viewer-request may hand an assignment to viewer-response; a viewer must not forge one.
  delete request.headers[homepageExperiment.assignmentHeader];

  if (isHomepage(request.uri)) {
    const cookie = readCookie(request.headers, homepageExperiment.cookie);
    const variant = isVariantId(cookie) ? cookie : drawVariant(random);
    if (variant !== cookie) setHeader(request.headers, homepageExperiment.assignmentHeader, variant);
    request.uri = variantPage(variant);
    return request;
  }

  request.uri = withIndexDocument(request.uri);
  return request;
}

/** S3's REST endpoint has no index documents, so `/catalogue/` and `/catalogue` become `.../index.html`. */
export function withIndexDocument(uri: string): string {
  if (uri.endsWith('/')) return `${uri}index.html`;
  const lastSegment = uri.slice(uri.lastIndexOf('/') + 1);
  return lastSegment.includes('.') ? uri : `${uri}/index.html`;
}
