/**
 * How long CloudFront keeps a response: the TTL rules of rule 5.2 for successful responses and
 * the error-caching rules of 5.8 for errors.
 */
import type { CloudFrontHeaders } from '../cf-headers.ts';
import type { CachePolicy } from '../model.ts';

export interface CacheControl {
  maxAge?: number;
  sMaxAge?: number;
  noStore: boolean;
  staleIfError?: number;
}

export function parseCacheControl(value: string | undefined): CacheControl {
  const cc: CacheControl = { noStore: false };
  for (const part of (value ?? '').split(',')) {
    const [rawName = '', rawValue] = part.trim().split('=');
    const name = rawName.toLowerCase();
    const n = rawValue === undefined ? Number.NaN : Number(rawValue.replace(/"/g, ''));
    if (name === 'max-age' && Number.isFinite(n)) cc.maxAge = n;
    else if (name === 's-maxage' && Number.isFinite(n)) cc.sMaxAge = n;
    else if (name === 'stale-if-error' && Number.isFinite(n)) cc.staleIfError = n;
    else if (name === 'no-cache' || name === 'no-store' || name === 'private') cc.noStore = true;
  }
  return cc;
}

const clamp = (v: number, min: number, max: number) => Math.min(Math.max(v, min), max);

/** Seconds to keep a successful response (rule 5.2). 0 means not cached. */
export function successTtl(headers: CloudFrontHeaders, policy: CachePolicy, nowMs: number): number {
  const cc = parseCacheControl(headers['cache-control']?.map((h) => h.value).join(','));
  // no-cache/no-store/private are respected only down to MinTTL: "cached for MinTTL anyway".
  if (cc.noStore) return policy.minTtl;
  const fromOrigin = cc.sMaxAge ?? cc.maxAge ?? expiresSeconds(headers, nowMs);
  if (fromOrigin === undefined) return Math.max(policy.minTtl, policy.defaultTtl);
  return clamp(fromOrigin, policy.minTtl, policy.maxTtl);
}

function expiresSeconds(headers: CloudFrontHeaders, nowMs: number): number | undefined {
  const value = headers.expires?.[0]?.value;
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.floor((at - nowMs) / 1000));
}

const alwaysCachedErrors = new Set([404, 414, 500, 501, 502, 503, 504]);
const cachedWithMaxAge = new Set([400, 403, 405, 412, 415]);

/**
 * Seconds to keep an error response (rule 5.8): 404, 414 and 5xx always; 400, 403, 405, 412,
 * 415 only when the origin sent max-age or s-maxage; 416 never. `errorMinTtl` is the custom error
 * response's ErrorCachingMinTTL, 10 s by default.
 */
export function errorTtl(
  status: number,
  headers: CloudFrontHeaders,
  policy: CachePolicy,
  nowMs: number,
  errorMinTtl = 10,
): number {
  const cc = parseCacheControl(headers['cache-control']?.map((h) => h.value).join(','));
  const fromOrigin = cc.sMaxAge ?? cc.maxAge;
  if (status === 416) return 0;
  if (alwaysCachedErrors.has(status)) {
    return Math.max(errorMinTtl, fromOrigin === undefined ? 0 : Math.min(fromOrigin, policy.maxTtl));
  }
  if (cachedWithMaxAge.has(status)) {
    return fromOrigin === undefined ? 0 : Math.max(errorMinTtl, Math.min(fromOrigin, policy.maxTtl));
  }
  return successTtl(headers, policy, nowMs);
}

/** The TTL for any origin response: 5.8 for 4xx/5xx, 5.2 otherwise. */
export function responseTtl(
  status: number,
  headers: CloudFrontHeaders,
  policy: CachePolicy,
  nowMs: number,
  errorMinTtl?: number,
): number {
  return status >= 400
    ? errorTtl(status, headers, policy, nowMs, errorMinTtl)
    : successTtl(headers, policy, nowMs);
}

/**
 * May CloudFront answer an origin 5xx with this expired object? With the origin's `stale-if-error`, only
 * while age <= TTL + min(stale-if-error, MaxTTL), and never for `stale-if-error=0` (rule 5.2).
 * Without it, CloudFront serves the stale object (rule 5.8) for as long as it still holds it.
 */
export function servesStaleOnError(
  stored: CloudFrontHeaders,
  policy: CachePolicy,
  ageSeconds: number,
  ttlSeconds: number,
): boolean {
  const { staleIfError } = parseCacheControl(stored['cache-control']?.map((h) => h.value).join(','));
  if (staleIfError === undefined) return true;
  return staleIfError > 0 && ageSeconds <= ttlSeconds + Math.min(staleIfError, policy.maxTtl);
}
