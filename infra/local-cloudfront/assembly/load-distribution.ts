/**
 * The assembly loader: reads a synthesized CDK app and returns the distribution to emulate, every
 * template feature either resolved or named in a warning (issue 5: never silently ignored).
 */
import { createHash } from 'node:crypto';
import { isEdgeEventType } from '../lambda-edge.ts';
import type { Behavior, CachePolicy, Distribution, ErrorResponse, ViewerProtocolPolicy } from '../model.ts';
import { type CloudAssembly, readCloudAssembly } from './cloud-assembly.ts';
import { resolveEdgeFunction } from './functions.ts';
import { resolveOrigin } from './origins.ts';
import { optionalPolicies, resolveCachePolicy, resolveOptionalPolicy } from './policies.ts';
import { asList, asObject, type Json, refTarget, resolveIntrinsics, type StackArtifact } from './template.ts';

/** DistributionConfig keys the emulator reads, and those that make no difference on localhost. */
const emulated = [
  'DefaultCacheBehavior',
  'CacheBehaviors',
  'Origins',
  'DefaultRootObject',
  'CustomErrorResponses',
  // Standard logs: written in CloudFront's format with --log-dir (IncludeCookies honoured; bucket and prefix
  // are where the deployed logs go, not used locally).
  'Logging',
];
/** Listed in one startup warning: they change nothing a local viewer can observe. */
const irrelevantLocally = ['PriceClass', 'Aliases', 'ViewerCertificate', 'HttpVersion'];
/** No effect at all on localhost, and present in every distribution. */
const silentlyMeaningless = ['Enabled', 'IPV6Enabled', 'Comment'];

export function distributionId(stackName: string, logicalId: string): string {
  return `E${createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex').slice(0, 13).toUpperCase()}`;
}

export function loadDistribution(cdkOut: string, stackName?: string): Distribution {
  const assembly = readCloudAssembly(cdkOut);
  const candidates = assembly.stacks.filter((s) => !stackName || s.name === stackName);
  for (const stack of candidates) {
    const found = Object.entries(stack.template.Resources).filter(
      ([, r]) => r.Type === 'AWS::CloudFront::Distribution',
    );
    const first = found[0];
    if (!first) continue;
    const distribution = fromTemplate(
      assembly,
      stack,
      first[0],
      asObject(first[1].Properties?.DistributionConfig),
    );
    for (const [other] of found.slice(1))
      distribution.warnings.push(`distribution ${other} is not served (only the first one is)`);
    return distribution;
  }
  const names = assembly.stacks.map((s) => s.name).join(', ') || 'none';
  throw new Error(
    `no AWS::CloudFront::Distribution in ${stackName ? `stack ${stackName}` : 'any stack'} of ${cdkOut} (stacks: ${names})`,
  );
}

function fromTemplate(
  assembly: CloudAssembly,
  stack: StackArtifact,
  logicalId: string,
  cfg: Json,
): Distribution {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const id = distributionId(stack.name, logicalId);
  const noEffect: string[] = [];
  for (const key of Object.keys(cfg)) {
    if (
      key === 'Restrictions' &&
      asObject(asObject(cfg.Restrictions).GeoRestriction).RestrictionType === 'none'
    )
      continue;
    if (silentlyMeaningless.includes(key)) continue;
    if (irrelevantLocally.includes(key)) noEffect.push(key);
    else if (!emulated.includes(key)) warn(`DistributionConfig.${key} is not emulated`);
  }
  if (noEffect.length > 0) warn(`not emulated (no effect on responses): ${noEffect.join(', ')}`);
  const origins = asList(cfg.Origins).map((o) => resolveOrigin(assembly, stack, asObject(o), warn));
  const behavior = (raw: Json, pathPattern: string): Behavior => {
    const known = [
      'PathPattern',
      'TargetOriginId',
      'ViewerProtocolPolicy',
      'Compress',
      'AllowedMethods',
      'CachedMethods',
      'CachePolicyId',
      'OriginRequestPolicyId',
      'ResponseHeadersPolicyId',
      'LambdaFunctionAssociations',
      'ForwardedValues',
      'MinTTL',
      'DefaultTTL',
      'MaxTTL',
    ];
    for (const key of Object.keys(raw))
      if (!known.includes(key)) warn(`behavior ${pathPattern}: ${key} is not emulated`);
    const functions: Behavior['functions'] = {};
    for (const a of asList(raw.LambdaFunctionAssociations).map(asObject)) {
      const eventType = a.EventType;
      if (!isEdgeEventType(eventType)) continue;
      const fn = resolveEdgeFunction(assembly, stack, a.LambdaFunctionARN, warn);
      if (fn) functions[eventType] = { eventType, includeBody: a.IncludeBody === true, fn };
    }
    return {
      pathPattern,
      originId: String(raw.TargetOriginId),
      viewerProtocolPolicy: (raw.ViewerProtocolPolicy ?? 'allow-all') as ViewerProtocolPolicy,
      compress: raw.Compress === true,
      allowedMethods: asList(raw.AllowedMethods ?? ['GET', 'HEAD']).map(String),
      cachedMethods: asList(raw.CachedMethods ?? ['GET', 'HEAD']).map(String),
      cachePolicy: raw.ForwardedValues
        ? legacyCachePolicy(raw, pathPattern, warn)
        : resolveCachePolicy(stack.template, raw.CachePolicyId, warn),
      originRequestPolicy: resolveOptionalPolicy(
        optionalPolicies.originRequest,
        stack.template,
        raw.OriginRequestPolicyId,
        warn,
      ),
      responseHeadersPolicy: resolveOptionalPolicy(
        optionalPolicies.responseHeaders,
        stack.template,
        raw.ResponseHeadersPolicyId,
        warn,
      ),
      functions,
    };
  };
  const behaviors = [
    ...asList(cfg.CacheBehaviors).map((b) => behavior(asObject(b), String(asObject(b).PathPattern))),
    behavior(asObject(cfg.DefaultCacheBehavior), '*'),
  ];
  const errorResponses: ErrorResponse[] = asList(cfg.CustomErrorResponses).map((e) => {
    const r = asObject(e);
    return {
      errorCode: Number(r.ErrorCode),
      responseCode: r.ResponseCode === undefined ? undefined : Number(r.ResponseCode),
      responsePagePath: typeof r.ResponsePagePath === 'string' ? r.ResponsePagePath : undefined,
      minTtl: r.ErrorCachingMinTTL === undefined ? 10 : Number(r.ErrorCachingMinTTL),
    };
  });
  const refs = { [logicalId]: id };
  return {
    stackName: stack.name,
    logicalId,
    id,
    config: resolveIntrinsics(cfg, stack, refs) as Json,
    defaultRootObject:
      typeof cfg.DefaultRootObject === 'string' && cfg.DefaultRootObject ? cfg.DefaultRootObject : undefined,
    origins,
    behaviors,
    errorResponses,
    warnings,
  };
}

/** Legacy ForwardedValues behaviors: the same settings, expressed as a cache policy (rule 5.1). */
function legacyCachePolicy(raw: Json, pattern: string, warn: (m: string) => void): CachePolicy {
  const fv = asObject(raw.ForwardedValues);
  const cookies = asObject(fv.Cookies);
  warn(
    `behavior ${pattern}: legacy ForwardedValues are emulated as a cache policy (query-string cache keys ignored)`,
  );
  return {
    name: `legacy ${pattern}`,
    minTtl: Number(raw.MinTTL ?? 0),
    defaultTtl: Number(raw.DefaultTTL ?? 86_400),
    maxTtl: Number(raw.MaxTTL ?? 31_536_000),
    headers: asList(fv.Headers).includes('*')
      ? { behavior: 'all', names: [] }
      : { behavior: 'whitelist', names: asList(fv.Headers).map((h) => String(h).toLowerCase()) },
    cookies: {
      behavior: cookies.Forward === 'whitelist' ? 'whitelist' : cookies.Forward === 'all' ? 'all' : 'none',
      names: asList(cookies.WhitelistedNames).map(String),
    },
    queryStrings: { behavior: fv.QueryString === true ? 'all' : 'none', names: [] },
    gzip: false,
    brotli: false,
  };
}

export { refTarget };
