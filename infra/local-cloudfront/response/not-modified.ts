/**
 * Viewer conditional requests: CloudFront answers a viewer's `If-None-Match` (or, without it,
 * `If-Modified-Since`) from the object it holds, with a 304 and no body when the object's validators
 * match (rule 3.5). AWS does not list the headers of that 304; it keeps what HTTP says a 304 carries
 * (RFC 9110 15.4.5: Cache-Control, Content-Location, Date, ETag, Expires, Vary) plus Last-Modified,
 * and CloudFront's own headers are added after it like on any response. Not when the behavior forwards
 * cookies: CloudFront's "Cache content based on cookies" page says conditional requests are then not
 * supported, so the viewer gets the whole object.
 */

import { type CloudFrontHeaders, getHeader } from '../cf-headers.ts';
import type { Behavior } from '../model.ts';
import { forwardsHeader } from '../origin/forwarded-request.ts';
import type { CacheResult, StoredResponse } from '../types.ts';

/** The headers a 304 keeps from the object it stands for (lowercase). */
export const notModifiedHeaders = [
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'last-modified',
  'vary',
] as const;

/** Results whose object is in the cache as the viewer gets it (a hit, a refreshed hit, a stored miss). */
const fromCachedObject: ReadonlySet<CacheResult> = new Set(['Hit', 'RefreshHit', 'Miss']);

function forwardsCookies(behavior: Behavior): boolean {
  return (
    behavior.cachePolicy.cookies.behavior !== 'none' ||
    (behavior.originRequestPolicy?.cookies.behavior ?? 'none') !== 'none' ||
    forwardsHeader(behavior, 'cookie')
  );
}

/** RFC 9110 8.8.3.2: If-None-Match compares weakly (`W/"x"` matches `"x"`); `*` matches any object. */
function etagMatches(condition: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return condition.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** True when the viewer already has this object: its validators match the request's conditions. */
export function viewerHasObject(requestHeaders: CloudFrontHeaders, object: CloudFrontHeaders): boolean {
  const ifNoneMatch = getHeader(requestHeaders, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    const etag = getHeader(object, 'etag');
    return etag !== undefined && etagMatches(ifNoneMatch, etag);
  }
  const ifModifiedSince = getHeader(requestHeaders, 'if-modified-since');
  const lastModified = getHeader(object, 'last-modified');
  if (ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/**
 * The 304 CloudFront sends instead of `response`, or undefined when the whole response goes out: only
 * for GET and HEAD, a 200 from the cache, and a behavior that does not forward cookies.
 */
export function notModifiedResponse(
  behavior: Behavior,
  request: { method: string; headers: CloudFrontHeaders },
  response: StoredResponse,
  cacheResult: CacheResult,
): StoredResponse | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  if (response.status !== 200 || !fromCachedObject.has(cacheResult)) return undefined;
  if (forwardsCookies(behavior) || !viewerHasObject(request.headers, response.headers)) return undefined;
  const headers: CloudFrontHeaders = {};
  for (const name of notModifiedHeaders) {
    const values = response.headers[name];
    if (values) headers[name] = values.map((h) => ({ ...h }));
  }
  return { status: 304, statusDescription: 'Not Modified', headers, body: Buffer.alloc(0) };
}
