/**
 * The template's DistributionConfig (CloudFormation shape: plain arrays) in the CloudFront API shape
 * ({Quantity, Items: {<member>: [...]}}), as GetDistribution and ListDistributions return it.
 */
import { createHash } from 'node:crypto';
import type { DistributionControl } from '../types.ts';
import { list } from './xml.ts';

/** CloudFormation list property -> XML member element name in the API. */
const listMembers: Record<string, string> = {
  Origins: 'Origin',
  Aliases: 'CNAME',
  CacheBehaviors: 'CacheBehavior',
  CustomErrorResponses: 'CustomErrorResponse',
  LambdaFunctionAssociations: 'LambdaFunctionAssociation',
  FunctionAssociations: 'FunctionAssociation',
  OriginSslProtocols: 'SslProtocol',
  AllowedMethods: 'Method',
  CachedMethods: 'Method',
  CustomHeaders: 'OriginCustomHeader',
  Locations: 'Location',
};

/** Property names that differ between CloudFormation and the API. */
const renamed: Record<string, string> = {
  IPV6Enabled: 'IsIPV6Enabled',
  OriginSSLProtocols: 'OriginSslProtocols',
  OriginCustomHeaders: 'CustomHeaders',
};

/** An unresolved intrinsic ({Ref}, {Fn::GetAtt}) shown as the name it refers to, so the XML stays a string. */
function intrinsic(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  if (key === 'Ref') return String(value.Ref);
  if (key === 'Fn::GetAtt' && Array.isArray(value[key])) return (value[key] as unknown[]).join('.');
  if (key.startsWith('Fn::')) return JSON.stringify(value);
  return undefined;
}

function convert(value: unknown, name = ''): unknown {
  if (Array.isArray(value))
    return list(
      listMembers[name] ?? 'member',
      value.map((item) => convert(item)),
    );
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const ref = intrinsic(record);
  if (ref !== undefined) return ref;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    if (key === 'CachedMethods') continue; // nested inside AllowedMethods in the API
    const apiName = renamed[key] ?? key;
    out[apiName] = convert(child, apiName);
  }
  if (Array.isArray(record.AllowedMethods) && Array.isArray(record.CachedMethods)) {
    out.AllowedMethods = {
      ...(out.AllowedMethods as object),
      CachedMethods: convert(record.CachedMethods, 'CachedMethods'),
    };
  }
  return out;
}

export function apiConfig(distribution: DistributionControl): Record<string, unknown> {
  const config = convert(distribution.config) as Record<string, unknown>;
  return { CallerReference: `local-${distribution.id}`, Comment: '', ...config };
}

export function arn(distribution: DistributionControl): string {
  return `arn:aws:cloudfront::000000000000:distribution/${distribution.id}`;
}

export function etag(distribution: DistributionControl): string {
  const hash = createHash('sha256').update(JSON.stringify(distribution.config)).digest('hex');
  return `E${hash.slice(0, 13).toUpperCase()}`;
}

const noSigners = { Enabled: false, Quantity: 0 };

export function distributionXml(
  distribution: DistributionControl,
  lastModified: Date,
): Record<string, unknown> {
  return {
    Id: distribution.id,
    ARN: arn(distribution),
    Status: 'Deployed',
    LastModifiedTime: lastModified.toISOString(),
    InProgressInvalidationBatches: 0,
    DomainName: distribution.domainName,
    ActiveTrustedSigners: noSigners,
    ActiveTrustedKeyGroups: noSigners,
    DistributionConfig: apiConfig(distribution),
  };
}

const summaryFields = [
  'Aliases',
  'Origins',
  'DefaultCacheBehavior',
  'CacheBehaviors',
  'CustomErrorResponses',
  'Comment',
  'PriceClass',
  'Enabled',
  'ViewerCertificate',
  'Restrictions',
  'WebACLId',
  'HttpVersion',
  'IsIPV6Enabled',
];

export function summaryXml(distribution: DistributionControl, lastModified: Date): Record<string, unknown> {
  const config = apiConfig(distribution);
  const summary: Record<string, unknown> = {
    Id: distribution.id,
    ARN: arn(distribution),
    Status: 'Deployed',
    LastModifiedTime: lastModified.toISOString(),
    DomainName: distribution.domainName,
  };
  for (const field of summaryFields) if (config[field] !== undefined) summary[field] = config[field];
  return { ...summary, Staging: false };
}
