/**
 * One viewer request through the emulated edge, in the order of rule 3: behavior by the original
 * path, viewer protocol policy, viewer-request, cache (and on a miss origin-request, S3, origin-response),
 * custom error responses, viewer-response, then the response headers policy and CloudFront's headers.
 */
import { randomBytes } from 'node:crypto';
import type { CloudFrontRequest } from 'aws-lambda';
import { cachedFetch } from './cache/cached-fetch.ts';
import type { EdgeCache } from './cache/edge-cache.ts';
import type { CloudFrontHeaders } from './cf-headers.ts';
import { FunctionFailure, type InvocationContext } from './edge-events.ts';
import type { CacheKeyLinter } from './logs/cache-key-linter.ts';
import type { RequestLog } from './logs/request-log.ts';
import type { Distribution } from './model.ts';
import { withCustomErrorResponse } from './response/custom-error-response.ts';
import { cloudFrontErrorPage, lambdaFailureResponse } from './response/error-responses.ts';
import { finalizeHeaders } from './response/finalize.ts';
import { notModifiedResponse } from './response/not-modified.ts';
import { runViewerResponse } from './response/viewer-response.ts';
import type { CacheResult, FunctionRuntime, StoredResponse } from './types.ts';
import { behaviorForTarget, parseRequestTarget, refusedTargetText } from './viewer/request-target.ts';
import { cloudFrontViewerHeaders } from './viewer/viewer-headers.ts';
import { protocolRedirect, runViewerRequest } from './viewer/viewer-request.ts';

export interface ViewerRequest {
  method: string;
  /** Path and query exactly as the viewer sent them. */
  url: string;
  headers: CloudFrontHeaders;
  body: Buffer;
  clientIp: string;
  clientPort?: number;
}

export interface PipelineDeps {
  distribution: Distribution;
  runtime: FunctionRuntime;
  cache: EdgeCache;
  linter: CacheKeyLinter;
  now: () => number;
  country?: string;
  trace: boolean;
}

export interface PipelineResult {
  response: StoredResponse;
  log: RequestLog;
}

/** CloudFront request ids: 56 URL-safe base64 characters, like the X-Amz-Cf-Id values seen in the wild. */
export function newRequestId(): string {
  if (idPoolOffset + 40 > idPool.length) {
    idPool = randomBytes(40 * 256);
    idPoolOffset = 0;
  }
  const bytes = idPool.subarray(idPoolOffset, idPoolOffset + 40);
  idPoolOffset += 40;
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}
// One random fill per 256 requests: randomBytes per request showed in the hit-path profile.
let idPool = Buffer.alloc(0);
let idPoolOffset = 0;

export async function runPipeline(deps: PipelineDeps, viewer: ViewerRequest): Promise<PipelineResult> {
  const started = performance.now();
  const requestId = newRequestId();
  const target = parseRequestTarget(viewer.url);
  const behavior = behaviorForTarget(deps.distribution.behaviors, target);
  const ctx: InvocationContext = {
    requestId,
    distribution: deps.distribution,
    behavior,
    runtime: deps.runtime,
    linter: deps.linter,
    functions: [],
    ...(deps.trace ? { trace: [] } : {}),
  };
  let outcome: { response: StoredResponse; cacheResult: CacheResult; ageSeconds?: number };
  try {
    outcome =
      'path' in target
        ? await handleRequest(deps, ctx, viewer, target.path, target.querystring)
        : {
            response: cloudFrontErrorPage(
              target.status,
              refusedTargetText[target.status],
              target.reason,
              requestId,
            ),
            cacheResult: 'Error',
          };
  } catch (error) {
    if (!(error instanceof FunctionFailure)) throw error;
    const response = lambdaFailureResponse(
      error.failure,
      error.message,
      requestId,
      `${error.functionName} (${error.eventType})`,
    );
    outcome = { response, cacheResult: error.failure };
  }
  deps.cache.record(outcome.cacheResult);
  const response = { ...outcome.response, headers: { ...outcome.response.headers } };
  finalizeHeaders(response, { behavior, distribution: deps.distribution, requestId, ...outcome });
  const log: RequestLog = {
    requestId,
    method: viewer.method,
    path: viewer.url,
    behavior: behavior.pathPattern,
    functions: ctx.functions,
    cacheResult: outcome.cacheResult,
    status: response.status,
    totalMs: performance.now() - started,
    ...(ctx.trace ? { trace: ctx.trace } : {}),
  };
  return { response, log };
}

async function handleRequest(
  deps: PipelineDeps,
  ctx: InvocationContext,
  viewer: ViewerRequest,
  path: string,
  querystring: string,
) {
  const redirect = protocolRedirect(ctx.behavior, viewer, ctx.requestId);
  if (redirect) return redirect;
  if (!ctx.behavior.allowedMethods.includes(viewer.method)) {
    const response = cloudFrontErrorPage(
      403,
      'This distribution is not configured to allow the HTTP request method that was used for this request.',
      `allowed: ${ctx.behavior.allowedMethods.join(', ')}`,
      ctx.requestId,
    );
    return { response, cacheResult: 'Error' as const };
  }
  const cloudFrontHeaders = cloudFrontViewerHeaders(viewer.headers, {
    clientIp: viewer.clientIp,
    clientPort: viewer.clientPort,
    country: deps.country,
  });
  const afterViewerRequest = await runViewerRequest(ctx, viewer, path, querystring);
  if ('response' in afterViewerRequest)
    return { response: afterViewerRequest.response, cacheResult: 'LambdaGeneratedResponse' as const };
  const request: CloudFrontRequest = afterViewerRequest.request;
  // Rule 5.7: only "/" gets the default root object; applied after viewer-request (9.2 unverified).
  const dro = deps.distribution.defaultRootObject;
  const originBound = request.uri === '/' && dro ? { ...request, uri: `/${dro}` } : request;
  const fetched = await cachedFetch(ctx, deps.cache, deps.now, originBound, {
    clientIp: viewer.clientIp,
    cloudFrontHeaders,
  });
  const errorPage = await withCustomErrorResponse(
    ctx,
    fetched.response,
    (pageCtx, pageRequest) =>
      cachedFetch(pageCtx, deps.cache, deps.now, pageRequest, {
        clientIp: viewer.clientIp,
        cloudFrontHeaders,
      }),
    originBound,
  );
  if (errorPage) return { ...fetched, response: errorPage };
  // The viewer's validators are checked against the object CloudFront holds; viewer-response then runs
  // on the 304 like on any status below 400 (rule 3.10), and sees status 304.
  const notModified = notModifiedResponse(ctx.behavior, request, fetched.response, fetched.cacheResult);
  const response = await runViewerResponse(ctx, request, notModified ?? fetched.response);
  return { ...fetched, response };
}
