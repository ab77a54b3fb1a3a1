/**
 * Builds the Lambda@Edge events (rule 1, 8) and invokes the associated function through the
 * runtime: one record, `config` with the shared requestId, `origin` only in origin events. A failed
 * invocation becomes a FunctionFailure, which the pipeline turns into CloudFront's error response.
 */
import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import type { CloudFrontHeaders } from './cf-headers.ts';
import type { CacheKeyLinter } from './logs/cache-key-linter.ts';
import type { FunctionRun, TraceStep } from './logs/request-log.ts';
import type { Behavior, Distribution } from './model.ts';
import type {
  EdgeEvent,
  EdgeEventType,
  FunctionAssociation,
  FunctionRuntime,
  InvocationFailure,
  StoredResponse,
} from './types.ts';

export interface InvocationContext {
  requestId: string;
  distribution: Distribution;
  behavior: Behavior;
  runtime: FunctionRuntime;
  linter: CacheKeyLinter;
  functions: FunctionRun[];
  trace?: TraceStep[];
  /** Request headers origin-request added (origin-response may read them freely). */
  derivedHeaders?: Set<string>;
}

export class FunctionFailure extends Error {
  constructor(
    readonly failure: InvocationFailure,
    message: string,
    readonly functionName: string,
    readonly eventType: EdgeEventType,
  ) {
    super(message);
  }
}

export function distributionDomainName(distribution: Distribution): string {
  return `d${distribution.id.slice(1, 14).toLowerCase()}.cloudfront.net`;
}

export function buildEvent(
  ctx: InvocationContext,
  eventType: EdgeEventType,
  request: CloudFrontRequest,
  response?: CloudFrontResponse,
): EdgeEvent {
  const config = {
    distributionDomainName: distributionDomainName(ctx.distribution),
    distributionId: ctx.distribution.id,
    eventType,
    requestId: ctx.requestId,
  };
  const cf = response ? { config, request, response } : { config, request };
  return { Records: [{ cf }] } as EdgeEvent;
}

/** Runs one association; returns the validated result or throws FunctionFailure. */
export async function invoke(
  ctx: InvocationContext,
  association: FunctionAssociation,
  event: EdgeEvent,
): Promise<unknown> {
  const input = ctx.trace ? structuredClone(event) : undefined;
  const outcome = await ctx.runtime.invoke(association, event);
  const run: FunctionRun = {
    eventType: association.eventType,
    name: association.fn.name,
    ms: outcome.durationMs,
  };
  ctx.functions.push(run);
  if (!outcome.ok) {
    run.failure = outcome.failure;
    ctx.trace?.push({
      eventType: association.eventType,
      function: association.fn.name,
      input,
      output: { [outcome.failure]: outcome.message },
    });
    throw new FunctionFailure(outcome.failure, outcome.message, association.fn.name, association.eventType);
  }
  ctx.trace?.push({
    eventType: association.eventType,
    function: association.fn.name,
    input,
    output: outcome.result,
  });
  if (outcome.warnings?.length) run.warnings = outcome.warnings;
  ctx.linter.check(association, ctx.behavior, outcome.reads, ctx.derivedHeaders);
  return outcome.result;
}

/** A result of a request event is a generated response when it carries a status (rule 2.1). */
export function isGeneratedResponse(result: unknown): boolean {
  return typeof result === 'object' && result !== null && 'status' in result;
}

interface ResultResponse {
  status: string | number;
  statusDescription?: string;
  headers?: CloudFrontHeaders;
  body?: string;
  bodyEncoding?: 'text' | 'base64';
}

/** A generated or replaced response; an unset body keeps `keepBody` (origin-response, rule 2.1). */
export function toStoredResponse(result: unknown, keepBody: Buffer = Buffer.alloc(0)): StoredResponse {
  const r = result as ResultResponse;
  const body =
    r.body === undefined || r.body === null
      ? keepBody
      : Buffer.from(r.body, r.bodyEncoding === 'base64' ? 'base64' : 'utf8');
  return { status: Number(r.status), statusDescription: r.statusDescription, headers: r.headers ?? {}, body };
}

export function toEventResponse(response: StoredResponse): CloudFrontResponse {
  return {
    status: String(response.status),
    statusDescription: response.statusDescription ?? '',
    headers: response.headers,
  };
}
