/**
 * Reads CachePolicy, OriginRequestPolicy and ResponseHeadersPolicy resources from a template, or the
 * managed policy an ID names (rule 5.1-5.5, 7 "Policy constructs").
 */

import type {
  CachePolicy,
  CustomHeader,
  ListBehavior,
  NameList,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
} from '../model.ts';
import {
  managedCachePolicies,
  managedOriginRequestPolicies,
  managedResponseHeadersPolicies,
} from './managed-policies.ts';
import { asList, asObject, type Json, refTarget, type Template } from './template.ts';

function nameList(behavior: unknown, names: unknown, lower: boolean): NameList {
  const b = (typeof behavior === 'string' ? behavior : 'none') as ListBehavior;
  const n = asList(names).map(String);
  return { behavior: b, names: lower ? n.map((x) => x.toLowerCase()) : n };
}

/** CloudFront's default when a behavior names no cache policy is CachingOptimized (CDK's default, rule 7). */
export const defaultCachePolicyId = '658327ea-f89d-4fab-a63d-7e88639e58f6';

export function resolveCachePolicy(template: Template, id: unknown, warn: (m: string) => void): CachePolicy {
  if (typeof id === 'string') {
    if (Object.hasOwn(managedCachePolicies, id)) return managedCachePolicies[id] as CachePolicy;
    warn(`cache policy ${id} is neither managed nor in the template; using CachingOptimized`);
  }
  const resource = refTarget(template, id, 'AWS::CloudFront::CachePolicy');
  if (!resource && id !== undefined && typeof id !== 'string') {
    warn(`cache policy ${JSON.stringify(id)} is not a cache policy of the template; using CachingOptimized`);
  }
  if (!resource) return managedCachePolicies[defaultCachePolicyId] as CachePolicy;
  const c = asObject(resource.resource.Properties?.CachePolicyConfig);
  const p = asObject(c.ParametersInCacheKeyAndForwardedToOrigin);
  const headers = asObject(p.HeadersConfig);
  const cookies = asObject(p.CookiesConfig);
  const qs = asObject(p.QueryStringsConfig);
  return {
    name: String(c.Name ?? resource.logicalId),
    minTtl: Number(c.MinTTL ?? 0),
    defaultTtl: Number(c.DefaultTTL ?? 86_400),
    maxTtl: Number(c.MaxTTL ?? 31_536_000),
    headers: nameList(headers.HeaderBehavior, headers.Headers, true),
    cookies: nameList(cookies.CookieBehavior, cookies.Cookies, false),
    queryStrings: nameList(qs.QueryStringBehavior, qs.QueryStrings, false),
    gzip: p.EnableAcceptEncodingGzip === true,
    brotli: p.EnableAcceptEncodingBrotli === true,
  };
}

/** A policy resource of the template, with its logical id. */
type PolicyResource = NonNullable<ReturnType<typeof refTarget>>;

function readOriginRequestPolicy(resource: PolicyResource): OriginRequestPolicy {
  const c = asObject(resource.resource.Properties?.OriginRequestPolicyConfig);
  const headers = asObject(c.HeadersConfig);
  const hb = String(headers.HeaderBehavior ?? 'none');
  const behavior = hb === 'allViewer' ? 'all' : (hb as OriginRequestPolicy['headers']['behavior']);
  return {
    name: String(c.Name ?? resource.logicalId),
    headers: { behavior, names: asList(headers.Headers).map((n) => String(n).toLowerCase()) },
    cookies: nameList(asObject(c.CookiesConfig).CookieBehavior, asObject(c.CookiesConfig).Cookies, false),
    queryStrings: nameList(
      asObject(c.QueryStringsConfig).QueryStringBehavior,
      asObject(c.QueryStringsConfig).QueryStrings,
      false,
    ),
  };
}

function readResponseHeadersPolicy(
  resource: PolicyResource,
  warn: (m: string) => void,
): ResponseHeadersPolicy {
  const c = asObject(resource.resource.Properties?.ResponseHeadersPolicyConfig);
  const name = String(c.Name ?? resource.logicalId);
  const headers = [
    ...securityHeaders(asObject(c.SecurityHeadersConfig)),
    ...corsHeaders(asObject(c.CorsConfig), name, warn),
  ];
  for (const item of asList(asObject(c.CustomHeadersConfig).Items)) {
    const i = asObject(item);
    headers.push({ name: String(i.Header), value: String(i.Value), override: i.Override === true });
  }
  if (c.ServerTimingHeadersConfig) warn(`response headers policy ${name}: Server-Timing is not emulated`);
  const remove = asList(asObject(c.RemoveHeadersConfig).Items).map((i) =>
    String(asObject(i).Header).toLowerCase(),
  );
  return { name, headers, remove };
}

/** How to find and read one kind of optional policy: its managed ids, its resource type, its reader. */
interface OptionalPolicyKind<T> {
  label: string;
  /** What an unknown managed id means locally, for the warning. */
  ifUnknown: string;
  managed: Record<string, T>;
  type: string;
  read: (resource: PolicyResource, warn: (m: string) => void) => T;
}

export const optionalPolicies: {
  originRequest: OptionalPolicyKind<OriginRequestPolicy>;
  responseHeaders: OptionalPolicyKind<ResponseHeadersPolicy>;
} = {
  originRequest: {
    label: 'origin request policy',
    ifUnknown: 'no extra values are forwarded',
    managed: managedOriginRequestPolicies,
    type: 'AWS::CloudFront::OriginRequestPolicy',
    read: readOriginRequestPolicy,
  },
  responseHeaders: {
    label: 'response headers policy',
    ifUnknown: 'it is not applied',
    managed: managedResponseHeadersPolicies,
    type: 'AWS::CloudFront::ResponseHeadersPolicy',
    read: readResponseHeadersPolicy,
  },
};

/**
 * A behavior's origin request or response headers policy: a managed policy's id (a string), or a `{Ref}` to one
 * the template defines. No id is none; an unknown managed id or a reference to nothing of that type is none
 * too, with a startup warning (a template feature is never silently ignored).
 */
export function resolveOptionalPolicy<T>(
  kind: OptionalPolicyKind<T>,
  template: Template,
  id: unknown,
  warn: (m: string) => void,
): T | undefined {
  if (id === undefined) return undefined;
  if (typeof id === 'string') {
    // Own keys only: an id such as "toString" is no managed policy.
    if (Object.hasOwn(kind.managed, id)) return kind.managed[id];
    warn(`${kind.label} ${id} is unknown; ${kind.ifUnknown}`);
    return undefined;
  }
  const resource = refTarget(template, id, kind.type);
  if (resource) return kind.read(resource, warn);
  warn(`${kind.label} ${JSON.stringify(id)} is not one of the template; ${kind.ifUnknown}`);
  return undefined;
}

function securityHeaders(s: Json): CustomHeader[] {
  const out: CustomHeader[] = [];
  const add = (cfg: unknown, name: string, value: (c: Json) => string) => {
    const c = asObject(cfg);
    if (Object.keys(c).length > 0) out.push({ name, value: value(c), override: c.Override === true });
  };
  add(s.ContentSecurityPolicy, 'Content-Security-Policy', (c) => String(c.ContentSecurityPolicy));
  add(s.ContentTypeOptions, 'X-Content-Type-Options', () => 'nosniff');
  add(s.FrameOptions, 'X-Frame-Options', (c) => String(c.FrameOption));
  add(s.ReferrerPolicy, 'Referrer-Policy', (c) => String(c.ReferrerPolicy));
  add(s.StrictTransportSecurity, 'Strict-Transport-Security', (c) =>
    [
      `max-age=${c.AccessControlMaxAgeSec}`,
      c.IncludeSubdomains ? 'includeSubDomains' : '',
      c.Preload ? 'preload' : '',
    ]
      .filter(Boolean)
      .join('; '),
  );
  add(s.XSSProtection, 'X-XSS-Protection', (c) =>
    c.Protection === false
      ? '0'
      : ['1', c.ModeBlock ? 'mode=block' : '', c.ReportUri ? `report=${c.ReportUri}` : '']
          .filter(Boolean)
          .join('; '),
  );
  return out;
}

/** The simple CORS response headers; preflight (OPTIONS) answers are not generated. */
function corsHeaders(c: Json, policy: string, warn: (m: string) => void): CustomHeader[] {
  if (Object.keys(c).length === 0) return [];
  warn(
    `response headers policy ${policy}: CORS headers are added to every response; preflight requests are not answered`,
  );
  const override = c.OriginOverride === true;
  const items = (k: string) => asList(asObject(c[k]).Items).map(String).join(',');
  const out: CustomHeader[] = [
    { name: 'Access-Control-Allow-Origin', value: items('AccessControlAllowOrigins'), override },
  ];
  if (c.AccessControlAllowCredentials === true)
    out.push({ name: 'Access-Control-Allow-Credentials', value: 'true', override });
  if (items('AccessControlExposeHeaders'))
    out.push({ name: 'Access-Control-Expose-Headers', value: items('AccessControlExposeHeaders'), override });
  return out;
}
