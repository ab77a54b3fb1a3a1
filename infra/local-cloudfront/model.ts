/**
 * The distribution as the local CloudFront runs it: what the assembly loader reads out of a synthesized
 * template, already resolved (policies looked up, functions located, S3 content found on disk).
 */
import type { EdgeEventType, FunctionAssociation } from './types.ts';

export type ListBehavior = 'none' | 'all' | 'whitelist' | 'allExcept';
export interface NameList {
  behavior: ListBehavior;
  /** Header names lowercase; cookie and query-string names as written (they are case-sensitive, 5.1). */
  names: string[];
}

/** Cache policy (rule 5.1-5.3): what goes into the key (and so is forwarded) and the TTL bounds. */
export interface CachePolicy {
  name: string;
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  headers: NameList;
  cookies: NameList;
  queryStrings: NameList;
  gzip: boolean;
  brotli: boolean;
}

/** Origin request policy (rule 5.4): forwarded to the origin without entering the key. */
export interface OriginRequestPolicy {
  name: string;
  /** `all` = allViewer; `allViewerAndWhitelistCloudFront` = all viewer headers plus the named CloudFront-*. */
  headers: { behavior: ListBehavior | 'allViewerAndWhitelistCloudFront'; names: string[] };
  cookies: NameList;
  queryStrings: NameList;
}

export interface CustomHeader {
  name: string;
  value: string;
  override: boolean;
}

/** Response headers policy (rule 5.5), flattened to the headers it sets and removes. */
export interface ResponseHeadersPolicy {
  name: string;
  /** Security and CORS headers and custom headers, each with CloudFront's override flag. */
  headers: CustomHeader[];
  remove: string[];
}

/** One BucketDeployment source as S3 holds it: its files, where, which of them, and their metadata. */
export interface S3Layer {
  dir: string;
  prefix: string;
  /** `aws s3 sync` filters, excludes then includes; the last one a file matches decides (rule 7). */
  filters?: { kind: 'exclude' | 'include'; pattern: string }[];
  /** Headers S3 serves with every object of the deployment (x-amz-meta-*, Cache-Control, ...). */
  headers?: { name: string; value: string }[];
}

export interface S3Content {
  /** Folders that make up the bucket, in deployment order (a later one wins, like BucketDeployment). */
  layers: S3Layer[];
  /** s3:ListBucket granted to CloudFront: a missing key is 404 NoSuchKey instead of 403 (rule 6). */
  listGranted: boolean;
}

export interface Origin {
  id: string;
  domainName: string;
  /** OriginPath: prepended to every key. */
  originPath: string;
  customHeaders: CustomHeader[];
  s3?: S3Content;
}

export type ViewerProtocolPolicy = 'allow-all' | 'redirect-to-https' | 'https-only';

export interface Behavior {
  pathPattern: string;
  originId: string;
  viewerProtocolPolicy: ViewerProtocolPolicy;
  compress: boolean;
  allowedMethods: string[];
  cachedMethods: string[];
  cachePolicy: CachePolicy;
  originRequestPolicy?: OriginRequestPolicy;
  responseHeadersPolicy?: ResponseHeadersPolicy;
  functions: Partial<Record<EdgeEventType, FunctionAssociation>>;
}

export interface ErrorResponse {
  errorCode: number;
  responseCode?: number;
  responsePagePath?: string;
  /** ErrorCachingMinTTL, seconds (default 10, rule 5.8). */
  minTtl: number;
}

export interface Distribution {
  stackName: string;
  logicalId: string;
  /** Deterministic 'E' + 13 hex characters from stack and logical id. */
  id: string;
  /** The DistributionConfig with intrinsics resolved where possible (for the API). */
  config: Record<string, unknown>;
  defaultRootObject?: string;
  origins: Origin[];
  /** Additional behaviors in template order, then the default behavior (pattern '*'). */
  behaviors: Behavior[];
  errorResponses: ErrorResponse[];
  /** Template features that are not emulated, one sentence each (printed at startup). */
  warnings: string[];
}
