/**
 * Cache lookup, revalidation and storage around the origin fetch (rule 3.5, 3.8, 5.2, 5.8):
 * a fresh entry is a Hit; a stale one is revalidated with a conditional request (304 -> RefreshHit);
 * otherwise the origin's answer is stored by the TTL rules and the error-caching rules.
 */
import type { CloudFrontRequest } from 'aws-lambda';
import { cloneHeaders, getHeader } from '../cf-headers.ts';
import type { InvocationContext } from '../edge-events.ts';
import { forwardsHeader } from '../origin/forwarded-request.ts';
import { fetchThroughOrigin } from '../origin/origin-fetch.ts';
import { customErrorResponse } from '../response/custom-error-response.ts';
import type { CacheResult, StoredResponse } from '../types.ts';
import { addNamedViewerHeaders } from '../viewer/viewer-headers.ts';
import { cacheKey, normalizeAcceptEncoding, selectQueryString } from './cache-key.ts';
import { compress } from './compress.ts';
import type { EdgeCache } from './edge-cache.ts';
import { responseTtl, servesStaleOnError } from './ttl.ts';

export interface CachedFetchResult {
  response: StoredResponse;
  cacheResult: CacheResult;
  ageSeconds?: number;
}

export async function cachedFetch(
  ctx: InvocationContext,
  cache: EdgeCache,
  now: () => number,
  request: CloudFrontRequest,
  viewer: { clientIp: string; cloudFrontHeaders: Map<string, string> },
): Promise<CachedFetchResult> {
  const { behavior } = ctx;
  const policy = behavior.cachePolicy;
  // The key sees CloudFront's own CloudFront-* values, never the viewer's (rule 4).
  const keyHeaders = cloneHeaders(request.headers);
  addNamedViewerHeaders(keyHeaders, viewer.cloudFrontHeaders, (n) => policy.headers.names.includes(n));
  const key = cacheKey(
    { method: request.method, uri: request.uri, querystring: request.querystring, headers: keyHeaders },
    policy,
  );
  const qs = selectQueryString(request.querystring, policy.queryStrings);
  const path = qs ? `${request.uri}?${qs}` : request.uri;
  const cacheable = behavior.cachedMethods.includes(request.method);
  const found = cacheable ? cache.get(key) : undefined;
  if (found?.fresh) {
    // A cached error is still reported as an error (X-Cache: Error from cloudfront).
    const cacheResult = found.entry.response.status >= 400 ? 'Error' : 'Hit';
    return { response: found.entry.response, cacheResult, ageSeconds: found.ageSeconds };
  }

  const stale = found?.entry;
  const revalidate = stale
    ? {
        etag: getHeader(stale.response.headers, 'etag'),
        lastModified: getHeader(stale.response.headers, 'last-modified'),
      }
    : undefined;
  const { response: fetched, generated } = await fetchThroughOrigin(ctx, { request, ...viewer, revalidate });
  const errorMinTtl = customErrorResponse(ctx.distribution, fetched.status)?.minTtl;

  if (stale && fetched.status === 304) {
    const headers = { ...stale.response.headers, ...pick(fetched, ['cache-control', 'expires']) };
    cache.refresh(stale, responseTtl(stale.response.status, headers, policy, now(), errorMinTtl));
    return { response: stale.response, cacheResult: 'RefreshHit', ageSeconds: 0 };
  }
  // An origin 5xx while a cached object has expired: CloudFront serves the stale object (rule 5.8),
  // within the origin's stale-if-error window when it sent one (rule 5.2).
  if (
    stale &&
    found &&
    fetched.status >= 500 &&
    servesStaleOnError(stale.response.headers, policy, found.ageSeconds, stale.ttlSeconds)
  )
    return { response: stale.response, cacheResult: 'RefreshHit', ageSeconds: found?.ageSeconds };

  let response = generated ? fetched : asCloudFrontStores(fetched, ctx);
  if (!generated && behavior.compress) {
    response = compress(
      response,
      normalizeAcceptEncoding(getHeader(request.headers, 'accept-encoding'), policy),
    );
  }
  if (cacheable)
    cache.put(
      key,
      path,
      response,
      responseTtl(response.status, response.headers, policy, now(), errorMinTtl),
    );
  return {
    response,
    cacheResult: generated ? 'LambdaGeneratedResponse' : response.status >= 400 ? 'Error' : 'Miss',
  };
}

function pick(response: StoredResponse, names: string[]) {
  return Object.fromEntries(
    names.filter((n) => response.headers[n]).map((n) => [n, response.headers[n] ?? []]),
  );
}

/**
 * What CloudFront does to an origin response before caching it (rule 4 "Response changes"):
 * Set-Cookie removed unless cookies are forwarded; Vary reduced to forwarded headers, Accept-Encoding
 * and Cookie (User-Agent too when device headers are forwarded).
 */
function asCloudFrontStores(response: StoredResponse, ctx: InvocationContext): StoredResponse {
  const b = ctx.behavior;
  const headers = { ...response.headers };
  const cookiesForwarded =
    b.cachePolicy.cookies.behavior !== 'none' ||
    (b.originRequestPolicy?.cookies.behavior ?? 'none') !== 'none' ||
    forwardsHeader(b, 'cookie');
  if (!cookiesForwarded) delete headers['set-cookie'];
  const vary = headers.vary?.map((h) => h.value).join(',');
  if (vary !== undefined) {
    const devices = ['desktop', 'mobile', 'tablet', 'smarttv'].some((d) =>
      forwardsHeader(b, `cloudfront-is-${d}-viewer`),
    );
    const kept = vary
      .split(',')
      .map((v) => v.trim())
      .filter((name) => {
        const n = name.toLowerCase();
        return (
          n === 'accept-encoding' || n === 'cookie' || (n === 'user-agent' && devices) || forwardsHeader(b, n)
        );
      });
    if (kept.length > 0) headers.vary = [{ key: headers.vary?.[0]?.key ?? 'Vary', value: kept.join(', ') }];
    else delete headers.vary;
  }
  return { ...response, headers };
}
