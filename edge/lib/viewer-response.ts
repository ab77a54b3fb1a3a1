import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import { stringifySetCookie } from 'cookie';
import { homepageExperiment } from '../config.ts';
import { firstHeader, setHeader } from './headers.ts';
import { isVariantId } from './homepage-experiment.ts';
import { cacheControl } from './origin-response.ts';

/** The Set-Cookie that keeps a visitor on the variant viewer-request just assigned. */
export function variantCookie(variant: string): string {
  return stringifySetCookie({
    name: homepageExperiment.cookie,
    value: variant,
    maxAge: homepageExperiment.maxAgeSeconds,
    path: '/',
    secure: true,
    sameSite: 'lax',
    // No script reads the variant (the page carries it as data-variant), so scripts need not see it.
    httpOnly: true,
  });
}

/**
 * Sets the variant cookie only for a fresh assignment, which viewer-request hands on in a request header
 * (viewer-response sees the request as viewer-request left it, rule 1.1). Everything else is left
 * alone: security headers come from the stack's response headers policy. A response that sets a cookie is
 * marked `private` whatever the cached copy says, so no shared cache stores one visitor's cookie.
 */
export function handleViewerResponse(
  request: CloudFrontRequest,
  response: CloudFrontResponse,
): CloudFrontResponse {
  const assigned = firstHeader(request.headers, homepageExperiment.assignmentHeader);
  if (!isVariantId(assigned)) return response;
  const cookies = response.headers['set-cookie'] ?? [];
  response.headers['set-cookie'] = [...cookies, { key: 'Set-Cookie', value: variantCookie(assigned) }];
  setHeader(response.headers, 'Cache-Control', cacheControl.perVisitorPage);
  return response;
}
