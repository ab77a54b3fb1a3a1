import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import { stringifySetCookie } from 'cookie';
import { homepageExperiment } from '../config.ts';
import { firstHeader, setHeader } from './headers.ts';
import { isVariantId } from './homepage-experiment.ts';
import { cacheControl } from './origin-response.ts';
import { isVisitorId } from './visitor-id.ts';

/**
 * A Set-Cookie of the experiment. Both its cookies get the same attributes and lifetime: Path=/ so the browser
 * sends them with every request and CloudFront's standard log records them (cs(Cookie), rule 10.1), and the
 * variant's 30 days so an id never outlives its assignment.
 */
function experimentCookie(name: string, value: string): string {
  return stringifySetCookie({
    name,
    value,
    maxAge: homepageExperiment.maxAgeSeconds,
    path: '/',
    secure: true,
    sameSite: 'lax',
    // No script reads either (the page carries the variant as data-variant), so scripts need not see them.
    httpOnly: true,
  });
}

/** The Set-Cookie that keeps a visitor on the variant viewer-request just assigned. */
export function variantCookie(variant: string): string {
  return experimentCookie(homepageExperiment.cookie, variant);
}

/** The Set-Cookie that carries the visitor id viewer-request created with the assignment. */
export function visitorCookie(id: string): string {
  return experimentCookie(homepageExperiment.visitorCookie, id);
}

/**
 * Sets the experiment's cookies only for a fresh assignment, which viewer-request hands on in request headers
 * (viewer-response sees the request as viewer-request left it, rule 1.1): the variant, and the visitor id
 * created with it. Each is checked again before it goes into a cookie. The variant cookie does not wait for
 * the id, as a precaution: should a viewer-request that hands on no id ever run with this function (an older
 * version while a deploy spreads), its visitors still keep their variant. Everything else is left alone: security headers come from the stack's response headers policy. A
 * response that sets a cookie is marked `private` whatever the cached copy says, so no shared cache stores
 * one visitor's cookie.
 */
export function handleViewerResponse(
  request: CloudFrontRequest,
  response: CloudFrontResponse,
): CloudFrontResponse {
  const assigned = firstHeader(request.headers, homepageExperiment.assignmentHeader);
  if (!isVariantId(assigned)) return response;
  const id = firstHeader(request.headers, homepageExperiment.visitorIdHeader);
  const cookies = [
    ...(response.headers['set-cookie'] ?? []),
    { key: 'Set-Cookie', value: variantCookie(assigned) },
  ];
  if (isVisitorId(id)) cookies.push({ key: 'Set-Cookie', value: visitorCookie(id) });
  response.headers['set-cookie'] = cookies;
  setHeader(response.headers, 'Cache-Control', cacheControl.perVisitorPage);
  return response;
}
