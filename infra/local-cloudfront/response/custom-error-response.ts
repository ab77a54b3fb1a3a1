/**
 * The custom error response on the way back (rule 5.8): the configured page, fetched through the behavior that
 * matches its path and without viewer-request (rule 3.9).
 */
import type { CloudFrontRequest } from 'aws-lambda';
import type { CachedFetchResult } from '../cache/cached-fetch.ts';
import type { InvocationContext } from '../edge-events.ts';
import type { Distribution, ErrorResponse } from '../model.ts';
import type { StoredResponse } from '../types.ts';
import { selectBehavior } from '../viewer/behavior-matcher.ts';

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

/** The custom error response configured for a status, if any (rule 5.8). */
export function customErrorResponse(distribution: Distribution, status: number): ErrorResponse | undefined {
  return distribution.errorResponses.find((e) => e.errorCode === status);
}
