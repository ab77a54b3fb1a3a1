/**
 * The AWS-managed policies a template refers to by ID only (rule 5.3, 5.4, 5.5). Their settings
 * are not in the template, so they live here.
 */
import type {
  CachePolicy,
  CustomHeader,
  NameList,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
} from '../model.ts';

const none: NameList = { behavior: 'none', names: [] };
const all: NameList = { behavior: 'all', names: [] };
const year = 31_536_000;

function cache(
  name: string,
  ttl: [number, number, number],
  key: Partial<Pick<CachePolicy, 'headers' | 'cookies' | 'queryStrings' | 'gzip' | 'brotli'>> = {},
): CachePolicy {
  const [minTtl, defaultTtl, maxTtl] = ttl;
  return {
    name,
    minTtl,
    defaultTtl,
    maxTtl,
    headers: none,
    cookies: none,
    queryStrings: none,
    gzip: false,
    brotli: false,
    ...key,
  };
}
const headers = (...names: string[]): NameList => ({
  behavior: 'whitelist',
  names: names.map((n) => n.toLowerCase()),
});
const useOriginHeaders = headers(
  'Host',
  'Origin',
  'X-HTTP-Method-Override',
  'X-HTTP-Method',
  'X-Method-Override',
);

/** Rule 5.3. */
export const managedCachePolicies: Record<string, CachePolicy> = {
  '658327ea-f89d-4fab-a63d-7e88639e58f6': cache('CachingOptimized', [1, 86_400, year], {
    gzip: true,
    brotli: true,
  }),
  'b2884449-e4de-46a7-ac36-70bc7f1ddd6d': cache('CachingOptimizedForUncompressedObjects', [1, 86_400, year]),
  '4135ea2d-6df8-44a3-9df3-4b5a84be39ad': cache('CachingDisabled', [0, 0, 0]),
  '83da9c7e-98b4-4e11-a168-04f0df8e2c65': cache('UseOriginCacheControlHeaders', [0, 0, year], {
    headers: useOriginHeaders,
    cookies: all,
    gzip: true,
    brotli: true,
  }),
  '4cc15a8a-d715-48a4-82b8-cc0b614638fe': cache('UseOriginCacheControlHeaders-QueryStrings', [0, 0, year], {
    headers: useOriginHeaders,
    cookies: all,
    queryStrings: all,
    gzip: true,
    brotli: true,
  }),
  '2e54312d-136d-493c-8eb9-b001f22f67d2': cache('Amplify', [2, 2, 600], {
    headers: headers('Authorization', 'CloudFront-Viewer-Country', 'Host'),
    cookies: all,
    queryStrings: all,
  }),
  '08627262-05a9-4f76-9ded-b50ca2e3a84f': cache('Elemental-MediaPackage', [0, 86_400, year], {
    headers: headers('Origin'),
    queryStrings: { behavior: 'whitelist', names: ['aws.manifestfilter', 'start', 'end', 'm'] },
    gzip: true,
  }),
};

function originRequest(
  name: string,
  h: OriginRequestPolicy['headers'],
  cookies: NameList = none,
  queryStrings: NameList = none,
): OriginRequestPolicy {
  return { name, headers: h, cookies, queryStrings };
}

/** Rule 5.4. */
export const managedOriginRequestPolicies: Record<string, OriginRequestPolicy> = {
  '216adef6-5c7f-47e4-b989-5492eafa07d3': originRequest('AllViewer', all, all, all),
  'b689b0a8-53d0-40ab-baf2-68738e2966ac': originRequest(
    'AllViewerExceptHostHeader',
    { behavior: 'allExcept', names: ['host'] },
    all,
    all,
  ),
  '33f36d7e-f396-46d9-90e0-52428a34d9dc': originRequest(
    'AllViewerAndCloudFrontHeaders-2022-06',
    { behavior: 'allViewerAndWhitelistCloudFront', names: allCloudFrontHeaders() },
    all,
    all,
  ),
  '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf': originRequest(
    'CORS-S3Origin',
    headers('Origin', 'Access-Control-Request-Headers', 'Access-Control-Request-Method'),
  ),
  '59781a5b-3903-41f3-afcb-af62929ccde1': originRequest('CORS-CustomOrigin', headers('Origin')),
  'acba4595-bd28-49b8-b9fe-13317c0390fa': originRequest(
    'UserAgentRefererHeaders',
    headers('User-Agent', 'Referer'),
  ),
  '775133bc-15f2-49f9-abea-afb2e0bf67d2': originRequest(
    'Elemental-MediaTailor-PersonalizedManifests',
    headers(
      'Origin',
      'Access-Control-Request-Headers',
      'Access-Control-Request-Method',
      'User-Agent',
      'X-Forwarded-For',
    ),
    none,
    all,
  ),
  'bf0718e1-ba1e-49d1-88b1-f726733018ae': originRequest('HostHeaderOnly', headers('Host')),
};

function allCloudFrontHeaders(): string[] {
  const device = ['Desktop', 'Mobile', 'Tablet', 'SmartTV', 'Android', 'IOS'].map(
    (d) => `cloudfront-is-${d.toLowerCase()}-viewer`,
  );
  const geo = [
    'country',
    'country-name',
    'country-region',
    'country-region-name',
    'city',
    'postal-code',
    'time-zone',
    'latitude',
    'longitude',
    'metro-code',
  ];
  return [
    ...device,
    ...geo.map((g) => `cloudfront-viewer-${g}`),
    'cloudfront-forwarded-proto',
    'cloudfront-viewer-address',
    'cloudfront-viewer-http-version',
  ];
}

const h = (name: string, value: string, override = false): CustomHeader => ({ name, value, override });
const security: CustomHeader[] = [
  h('Strict-Transport-Security', 'max-age=31536000'),
  h('Referrer-Policy', 'strict-origin-when-cross-origin'),
  h('X-Content-Type-Options', 'nosniff'),
  h('X-Frame-Options', 'SAMEORIGIN'),
  h('X-XSS-Protection', '1; mode=block'),
];
const simpleCors: CustomHeader[] = [h('Access-Control-Allow-Origin', '*')];
const preflightCors: CustomHeader[] = [
  ...simpleCors,
  h('Access-Control-Allow-Methods', 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT'),
  h('Access-Control-Allow-Headers', '*'),
  h('Access-Control-Expose-Headers', '*'),
  h('Access-Control-Max-Age', '600'),
];
const rhp = (name: string, headers: CustomHeader[]): ResponseHeadersPolicy => ({ name, headers, remove: [] });

/** Rule 5.5 (the header values are the AWS-documented ones; CORS preflight answers are not emulated). */
export const managedResponseHeadersPolicies: Record<string, ResponseHeadersPolicy> = {
  '60669652-455b-4ae9-85a4-c4c02393f86c': rhp('SimpleCORS', simpleCors),
  '5cc3b908-e619-4b99-88e5-2cf7f45965bd': rhp('CORS-With-Preflight', preflightCors),
  '67f7725c-6f97-4210-82d7-5512b31e9d03': rhp('SecurityHeadersPolicy', security),
  'e61eb60c-9c35-4d20-a928-2b84e02af89c': rhp('CORS-and-SecurityHeadersPolicy', [...simpleCors, ...security]),
  'eaab4381-ed33-4a86-88ca-d9558dc6cd63': rhp('CORS-with-preflight-and-SecurityHeadersPolicy', [
    ...preflightCors,
    ...security,
  ]),
};
