import { describe, expect, it } from 'vitest';
import { managedCachePolicies, managedOriginRequestPolicies } from '../assembly/managed-policies.ts';
import { CacheKeyLinter } from '../logs/cache-key-linter.ts';
import type { Behavior, CachePolicy } from '../model.ts';
import type { FunctionAssociation } from '../types.ts';

const behavior: Behavior = {
  pathPattern: '/images/*',
  originId: 'o',
  viewerProtocolPolicy: 'allow-all',
  compress: false,
  allowedMethods: ['GET', 'HEAD'],
  cachedMethods: ['GET', 'HEAD'],
  cachePolicy: {
    ...(managedCachePolicies['658327ea-f89d-4fab-a63d-7e88639e58f6'] as CachePolicy),
    headers: { behavior: 'whitelist', names: ['cloudfront-is-mobile-viewer'] },
  },
  // UserAgentRefererHeaders forwards User-Agent and Referer without keying them.
  originRequestPolicy: managedOriginRequestPolicies['acba4595-bd28-49b8-b9fe-13317c0390fa'],
  functions: {},
};
const association = (eventType: FunctionAssociation['eventType']): FunctionAssociation => ({
  eventType,
  includeBody: false,
  fn: {
    name: 'Fn',
    codeDir: '/x',
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    timeoutSeconds: 3,
    memoryMb: 128,
  },
});
const reads = (headers: string[]) => ({ headers, cookies: [], querystring: false });

describe('cache-key linter (design "Cache-key discipline", rule 3.4, 5.1)', () => {
  it('warns once when an origin-facing function reads a forwarded header that is not in the key (rule 5.1)', () => {
    const warnings: string[] = [];
    const linter = new CacheKeyLinter((w) => warnings.push(w));
    linter.check(
      association('origin-request'),
      behavior,
      reads(['user-agent', 'cloudfront-is-mobile-viewer']),
    );
    linter.check(association('origin-request'), behavior, reads(['user-agent']));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Fn \(origin-request, behavior \/images\/\*\) reads header user-agent/);
  });

  it('warns about X-Forwarded-For, which differs for every viewer (rule 4)', () => {
    const warnings: string[] = [];
    new CacheKeyLinter((w) => warnings.push(w)).check(
      association('origin-response'),
      behavior,
      reads(['x-forwarded-for']),
    );
    expect(warnings).toHaveLength(1);
  });

  it('stays quiet for viewer events, keyed headers, headers CloudFront sets and headers origin-request derived', () => {
    const warnings: string[] = [];
    const linter = new CacheKeyLinter((w) => warnings.push(w));
    linter.check(association('viewer-request'), behavior, reads(['user-agent']));
    linter.check(
      association('origin-request'),
      behavior,
      reads(['cloudfront-is-mobile-viewer', 'host', 'x-not-forwarded']),
    );
    linter.check(association('origin-response'), behavior, reads(['referer']), new Set(['referer']));
    expect(warnings).toEqual([]);
  });
});
