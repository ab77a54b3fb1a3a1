/**
 * The request as CloudFront sends it to the origin (rule 3.6, 4, 5.1): the union of what the cache
 * policy and the origin request policy name, CloudFront-* values computed by CloudFront, Accept-Encoding
 * normalised, X-Forwarded-For and Via added, Host and User-Agent replaced unless forwarded.
 */
import type { CloudFrontRequest } from 'aws-lambda';
import { normalizeAcceptEncoding, selectCookies, selectQueryString, selects } from '../cache/cache-key.ts';
import { type CloudFrontHeaders, setHeader } from '../cf-headers.ts';
import type { Behavior, NameList, Origin } from '../model.ts';
import { addNamedViewerHeaders, forwardedFor, viaValue } from '../viewer/viewer-headers.ts';

/** Is this header forwarded to the origin by the behavior's policies? */
export function forwardsHeader(behavior: Behavior, name: string): boolean {
  if (selects(behavior.cachePolicy.headers, name)) return true;
  const orp = behavior.originRequestPolicy?.headers;
  if (!orp) return false;
  if (orp.behavior === 'allViewerAndWhitelistCloudFront')
    return name.startsWith('cloudfront-') ? orp.names.includes(name) : true;
  // "all viewer headers" are the viewer's own: CloudFront-* must be named to be added.
  if (name.startsWith('cloudfront-') && orp.behavior !== 'whitelist') return false;
  return selects(orp as NameList, name);
}

/**
 * What the two policies forward together (rule 5.1 "forward the union of both"): a name is forwarded
 * when either list selects it, so an exclusion survives unless the other list forwards that name.
 */
export function unionNameLists(a: NameList, b: NameList | undefined): NameList {
  if (!b || b.behavior === 'none') return a;
  if (a.behavior === 'none') return b;
  if (a.behavior === 'all' || b.behavior === 'all') return { behavior: 'all', names: [] };
  if (a.behavior === 'whitelist' && b.behavior === 'whitelist')
    return { behavior: 'whitelist', names: [...new Set([...a.names, ...b.names])] };
  if (a.behavior === 'allExcept' && b.behavior === 'allExcept')
    return { behavior: 'allExcept', names: a.names.filter((n) => b.names.includes(n)) };
  // One whitelist, one allExcept: everything but the excluded names the whitelist does not name.
  const [whitelist, allExcept] = a.behavior === 'whitelist' ? [a, b] : [b, a];
  return { behavior: 'allExcept', names: allExcept.names.filter((n) => !whitelist.names.includes(n)) };
}

export interface OriginRequestInput {
  /** The request after viewer-request (its headers are the viewer's, minus disallowed ones). */
  request: CloudFrontRequest;
  behavior: Behavior;
  origin: Origin;
  distributionId: string;
  clientIp: string;
  cloudFrontHeaders: Map<string, string>;
}

export function originFacingRequest(input: OriginRequestInput): CloudFrontRequest {
  const { request, behavior, origin } = input;
  const viewer = request.headers;
  const headers: CloudFrontHeaders = {};
  for (const [name, values] of Object.entries(viewer)) {
    if (!name.startsWith('cloudfront-') && forwardsHeader(behavior, name) && name !== 'cookie')
      headers[name] = values;
  }
  addNamedViewerHeaders(headers, input.cloudFrontHeaders, (name) => forwardsHeader(behavior, name));
  if (!forwardsHeader(behavior, 'host')) setHeader(headers, 'host', origin.domainName);
  if (!forwardsHeader(behavior, 'user-agent')) setHeader(headers, 'user-agent', 'Amazon CloudFront');
  const cookies = selectCookies(
    viewer,
    unionNameLists(behavior.cachePolicy.cookies, behavior.originRequestPolicy?.cookies),
  );
  if (cookies.length > 0) setHeader(headers, 'cookie', cookies.map(([n, v]) => `${n}=${v}`).join('; '));
  const encoding = normalizeAcceptEncoding(viewer['accept-encoding']?.[0]?.value, behavior.cachePolicy);
  setHeader(headers, 'accept-encoding', encoding ?? 'identity');
  setHeader(headers, 'x-forwarded-for', forwardedFor(viewer, input.clientIp));
  setHeader(headers, 'via', viaValue(input.distributionId, '2.0'));
  const querystring = selectQueryString(
    request.querystring,
    unionNameLists(behavior.cachePolicy.queryStrings, behavior.originRequestPolicy?.queryStrings),
  );
  const customHeaders: CloudFrontHeaders = {};
  for (const h of origin.customHeaders)
    customHeaders[h.name.toLowerCase()] = [{ key: h.name, value: h.value }];
  return {
    clientIp: request.clientIp,
    method: request.method,
    uri: request.uri,
    querystring,
    headers,
    ...(request.body ? { body: request.body } : {}),
    origin: {
      // OAC cannot be expressed here (rule 1.5, 6): CDK's S3 origins show as authMethod none.
      s3: {
        authMethod: 'none',
        customHeaders,
        domainName: origin.domainName,
        path: origin.originPath,
      },
    },
  };
}
