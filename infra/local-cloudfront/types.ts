/**
 * The seams between the local CloudFront's modules. Each module owns one CloudFront feature; these types
 * are how they talk. Change them only together with every user.
 */

import type { CloudFrontHeaders } from './cf-headers.ts';
import type { EdgeEvent, EdgeEventType } from './lambda-edge.ts';

export type { EdgeEvent, EdgeEventType };

/** A Lambda@Edge function as the template deploys it (resolved from the version a behavior associates). */
export interface EdgeFunctionSpec {
  /** Logical id of the AWS::Lambda::Function, for logs. */
  name: string;
  /** Folder holding the deployed code (the cdk.out asset folder). */
  codeDir: string;
  /** e.g. "index.handler" (Node) or "app.handler" (Python). */
  handler: string;
  /** e.g. "nodejs22.x", "python3.13". */
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
}

export interface FunctionAssociation {
  eventType: EdgeEventType;
  includeBody: boolean;
  fn: EdgeFunctionSpec;
}

/** Why an invocation failed, named as CloudFront names it in X-Cache (rule 2.4). */
export type InvocationFailure = 'LambdaValidationError' | 'LambdaExecutionError' | 'LambdaLimitExceeded';

export type InvocationOutcome =
  | {
      ok: true;
      /** The function's result, already checked against rule 2.1-2.5 for this event type. */
      result: unknown;
      durationMs: number;
      /** Header names, cookie names and query-string names the function read (for the cache-key linter). */
      reads: { headers: string[]; cookies: string[]; querystring: boolean };
      /** Accepted results that rely on something CloudFront does not document (validation/). */
      warnings?: string[];
    }
  | { ok: false; failure: InvocationFailure; message: string; durationMs: number };

/** Runs edge functions, each isolated with its own time and memory limits. */
export interface FunctionRuntime {
  invoke(association: FunctionAssociation, event: EdgeEvent): Promise<InvocationOutcome>;
  /** Drops loaded code so the next invocation loads the rebuilt bundle. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** What the CloudFront API subset needs from the running emulator. */
export interface DistributionControl {
  id: string;
  domainName: string;
  /** The DistributionConfig from the template, as plain JSON (intrinsics resolved where possible). */
  config: Record<string, unknown>;
  /** Removes cached objects per rule 5.9; returns how many entries were removed. */
  invalidate(paths: string[]): number;
}

/** A response as the pipeline carries it between stages and the cache stores it. */
export interface StoredResponse {
  status: number;
  statusDescription?: string;
  headers: CloudFrontHeaders;
  body: Buffer;
}

/** How a response was produced, as CloudFront names it in X-Cache and its logs. */
export type CacheResult =
  | 'Hit'
  | 'Miss'
  | 'RefreshHit'
  | 'LambdaGeneratedResponse'
  | 'Error'
  | 'Redirect'
  | 'LambdaValidationError'
  | 'LambdaExecutionError'
  | 'LambdaLimitExceeded';
