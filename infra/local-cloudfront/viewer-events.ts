/**
 * The viewer-facing steps around the cache (rule 3.2, 3.3, 3.9, 3.10): the viewer protocol
 * policy, viewer-request (a generated response ends the request), custom error pages fetched through
 * the behavior that matches their path, and viewer-response with its skip rules.
 */
import type { CloudFrontRequest, CloudFrontRequestEvent } from 'aws-lambda';
import { selectBehavior } from './behavior-matcher.ts';
import type { CacheResult, StoredResponse } from './cache.ts';
import type { CachedFetchResult } from './cached-fetch.ts';
import { type CloudFrontHeaders, getHeader, setHeader } from './cf-headers.ts';
import {
  buildEvent,
  type InvocationContext,
  invoke,
  isGeneratedResponse,
  toEventResponse,
  toStoredResponse,
} from './edge-events.ts';
import { cloudFrontErrorPage, customErrorResponse } from './error-responses.ts';
import type { Behavior } from './model.ts';
import { isDisallowed } from './validation/headers.ts';
import { countryOverrideHeader } from './viewer-headers.ts';

/** Local HTTP stands for the viewer's HTTPS; `X-Forwarded-Proto: http` plays a plain-HTTP viewer. */
export function protocolRedirect(
  behavior: Behavior,
  viewer: { method: string; url: string; headers: CloudFrontHeaders },
  requestId: string,
): { response: StoredResponse; cacheResult: CacheResult } | undefined {
  if (
    getHeader(viewer.headers, 'x-forwarded-proto') !== 'http' ||
    behavior.viewerProtocolPolicy === 'allow-all'
  )
    return undefined;
  if (behavior.viewerProtocolPolicy === 'https-only') {
    return {
      response: cloudFrontErrorPage(403, 'HTTPS is required for this distribution.', 'https-only', requestId),
      cacheResult: 'Error',
    };
  }
  const status = viewer.method === 'GET' || viewer.method === 'HEAD' ? 301 : 307;
  const response = cloudFrontErrorPage(status, 'Moved', 'redirect-to-https', requestId);
  response.statusDescription = status === 301 ? 'Moved Permanently' : 'Temporary Redirect';
  setHeader(
    response.headers,
    'location',
    `https://${getHeader(viewer.headers, 'host') ?? 'localhost'}${viewer.url}`,
  );
  return { response, cacheResult: 'Redirect' };
}

export async function runViewerRequest(
  ctx: InvocationContext,
  viewer: { method: string; headers: CloudFrontHeaders; body: Buffer; clientIp: string },
  uri: string,
  querystring: string,
): Promise<{ request: CloudFrontRequest } | { response: StoredResponse }> {
  const headers: CloudFrontHeaders = {};
  for (const [name, values] of Object.entries(viewer.headers)) {
    // Rule 2.3: never shown to functions (one list, the validator's).
    if (!isDisallowed(name) && name !== countryOverrideHeader) headers[name] = values.map((v) => ({ ...v }));
  }
  const request: CloudFrontRequest = {
    clientIp: viewer.clientIp,
    method: viewer.method,
    uri,
    querystring,
    headers,
  };
  const association = ctx.behavior.functions['viewer-request'];
  // The whole body travels on to the origin; the function sees it only with IncludeBody (rule 1.4).
  if (viewer.body.length > 0) request.body = bodyFor(viewer.body, Number.POSITIVE_INFINITY);
  if (!association) return { request };
  const { body: _hidden, ...withoutBody } = request;
  const exposed =
    association.includeBody && viewer.body.length > 0
      ? { ...withoutBody, body: bodyFor(viewer.body, 40 * 1024) }
      : withoutBody;
  const result = await invoke(ctx, association, buildEvent(ctx, 'viewer-request', exposed));
  if (isGeneratedResponse(result)) {
    const response = toStoredResponse(result);
    if (!response.headers.server) setHeader(response.headers, 'server', 'CloudFront');
    return { response };
  }
  const changed = result as CloudFrontRequestEvent['Records'][0]['cf']['request'];
  // Only `action: replace` changes the body the origin gets (rule 1.4).
  const body = changed.body?.action === 'replace' ? changed.body : request.body;
  return {
    request: { ...changed, clientIp: request.clientIp, method: request.method, ...(body ? { body } : {}) },
  };
}

function bodyFor(body: Buffer, limit: number): NonNullable<CloudFrontRequest['body']> {
  return {
    inputTruncated: body.length > limit,
    action: 'read-only',
    encoding: 'base64',
    data: body.subarray(0, Math.min(body.length, limit)).toString('base64'),
  };
}

/**
 * Rule 5.8: the configured page, fetched through the behavior matching its path (3.9: without
 * viewer-request), with the configured status; a missing page gives the status its origin returned.
 */
export async function withCustomErrorResponse(
  ctx: InvocationContext,
  response: StoredResponse,
  fetchPage: (ctx: InvocationContext, request: CloudFrontRequest) => Promise<CachedFetchResult>,
  request: CloudFrontRequest,
): Promise<StoredResponse | undefined> {
  if (response.status < 400) return undefined;
  const configured = customErrorResponse(ctx.distribution, response.status);
  if (!configured?.responsePagePath) return undefined;
  const behavior = selectBehavior(ctx.distribution.behaviors, configured.responsePagePath);
  const method = request.method === 'HEAD' ? 'HEAD' : 'GET';
  const { body: _none, ...withoutBody } = request;
  const ranBefore = ctx.functions.length;
  const page = await fetchPage(
    { ...ctx, behavior },
    { ...withoutBody, method, uri: configured.responsePagePath, querystring: '' },
  );
  for (const run of ctx.functions.slice(ranBefore)) run.errorPage = configured.responsePagePath;
  if (page.response.status >= 400) return page.response;
  return {
    ...page.response,
    status: configured.responseCode ?? response.status,
    statusDescription: undefined,
  };
}

/** Rule 3.10: runs on hits and misses, not for a final status >= 400; its status may not change. */
export async function runViewerResponse(
  ctx: InvocationContext,
  request: CloudFrontRequest,
  response: StoredResponse,
): Promise<StoredResponse> {
  const association = ctx.behavior.functions['viewer-response'];
  if (!association || response.status >= 400) return response;
  const { body: _readOnly, ...viewerRequest } = request;
  // Runtimes copy the event (postMessage) and must not change it: no defensive clone on the hit path.
  const event = buildEvent(ctx, 'viewer-response', viewerRequest, toEventResponse(response));
  const result = toStoredResponse(await invoke(ctx, association, event), response.body);
  return { ...result, status: response.status, statusDescription: response.statusDescription };
}
