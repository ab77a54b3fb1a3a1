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
import type { Template } from './template.ts';
import { refTarget } from './template.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function nameList(behavior: unknown, names: unknown, lower: boolean): NameList {
  const b = (typeof behavior === 'string' ? behavior : 'none') as ListBehavior;
  const n = list(names).map(String);
  return { behavior: b, names: lower ? n.map((x) => x.toLowerCase()) : n };
}

/** CloudFront's default when a behavior names no cache policy is CachingOptimized (CDK's default, rule 7). */
export const defaultCachePolicyId = '658327ea-f89d-4fab-a63d-7e88639e58f6';

export function resolveCachePolicy(template: Template, id: unknown, warn: (m: string) => void): CachePolicy {
  if (typeof id === 'string') {
    const managed = managedCachePolicies[id];
    if (managed) return managed;
    warn(`cache policy ${id} is neither managed nor in the template; using CachingOptimized`);
  }
  const resource = refTarget(template, id, 'AWS::CloudFront::CachePolicy');
  if (!resource) return managedCachePolicies[defaultCachePolicyId] as CachePolicy;
  const c = obj(resource.resource.Properties?.CachePolicyConfig);
  const p = obj(c.ParametersInCacheKeyAndForwardedToOrigin);
  const headers = obj(p.HeadersConfig);
  const cookies = obj(p.CookiesConfig);
  const qs = obj(p.QueryStringsConfig);
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

export function resolveOriginRequestPolicy(
  template: Template,
  id: unknown,
  warn: (m: string) => void,
): OriginRequestPolicy | undefined {
  if (id === undefined) return undefined;
  if (typeof id === 'string') {
    const managed = managedOriginRequestPolicies[id];
    if (!managed) warn(`origin request policy ${id} is unknown; no extra values are forwarded`);
    return managed;
  }
  const resource = refTarget(template, id, 'AWS::CloudFront::OriginRequestPolicy');
  if (!resource) return undefined;
  const c = obj(resource.resource.Properties?.OriginRequestPolicyConfig);
  const headers = obj(c.HeadersConfig);
  const hb = String(headers.HeaderBehavior ?? 'none');
  const behavior = hb === 'allViewer' ? 'all' : (hb as OriginRequestPolicy['headers']['behavior']);
  return {
    name: String(c.Name ?? resource.logicalId),
    headers: { behavior, names: list(headers.Headers).map((n) => String(n).toLowerCase()) },
    cookies: nameList(obj(c.CookiesConfig).CookieBehavior, obj(c.CookiesConfig).Cookies, false),
    queryStrings: nameList(
      obj(c.QueryStringsConfig).QueryStringBehavior,
      obj(c.QueryStringsConfig).QueryStrings,
      false,
    ),
  };
}

export function resolveResponseHeadersPolicy(
  template: Template,
  id: unknown,
  warn: (m: string) => void,
): ResponseHeadersPolicy | undefined {
  if (id === undefined) return undefined;
  if (typeof id === 'string') {
    const managed = managedResponseHeadersPolicies[id];
    if (!managed) warn(`response headers policy ${id} is unknown; it is not applied`);
    return managed;
  }
  const resource = refTarget(template, id, 'AWS::CloudFront::ResponseHeadersPolicy');
  if (!resource) return undefined;
  const c = obj(resource.resource.Properties?.ResponseHeadersPolicyConfig);
  const name = String(c.Name ?? resource.logicalId);
  const headers = [
    ...securityHeaders(obj(c.SecurityHeadersConfig)),
    ...corsHeaders(obj(c.CorsConfig), name, warn),
  ];
  for (const item of list(obj(c.CustomHeadersConfig).Items)) {
    const i = obj(item);
    headers.push({ name: String(i.Header), value: String(i.Value), override: i.Override === true });
  }
  if (c.ServerTimingHeadersConfig) warn(`response headers policy ${name}: Server-Timing is not emulated`);
  const remove = list(obj(c.RemoveHeadersConfig).Items).map((i) => String(obj(i).Header).toLowerCase());
  return { name, headers, remove };
}

function securityHeaders(s: Json): CustomHeader[] {
  const out: CustomHeader[] = [];
  const add = (cfg: unknown, name: string, value: (c: Json) => string) => {
    const c = obj(cfg);
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
  const items = (k: string) => list(obj(c[k]).Items).map(String).join(',');
  const out: CustomHeader[] = [
    { name: 'Access-Control-Allow-Origin', value: items('AccessControlAllowOrigins'), override },
  ];
  if (c.AccessControlAllowCredentials === true)
    out.push({ name: 'Access-Control-Allow-Credentials', value: 'true', override });
  if (items('AccessControlExposeHeaders'))
    out.push({ name: 'Access-Control-Expose-Headers', value: items('AccessControlExposeHeaders'), override });
  return out;
}
