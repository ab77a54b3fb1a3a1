/**
 * The viewer-facing steps before the cache (rule 3.2, 3.3): the viewer protocol policy, then viewer-request
 * (a generated response ends the request: no cache, no viewer-response).
 */
import type { CloudFrontRequest, CloudFrontRequestEvent } from 'aws-lambda';
import { type CloudFrontHeaders, getHeader, setHeader } from '../cf-headers.ts';
import {
  buildEvent,
  type InvocationContext,
  invoke,
  isGeneratedResponse,
  toStoredResponse,
} from '../edge-events.ts';
import type { Behavior } from '../model.ts';
import { cloudFrontErrorPage } from '../response/error-responses.ts';
import type { CacheResult, StoredResponse } from '../types.ts';
import { isDisallowed } from '../validation/headers.ts';
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
