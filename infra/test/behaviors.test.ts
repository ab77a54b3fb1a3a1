import { beforeAll, describe, expect, it } from 'vitest';
import { addToBag, paths, securityHeaders, ttl } from '../../edge/config.ts';
import { type Synthesized, sharedSynthesis } from './synth.ts';
import { associations, type Behavior, behavior, behaviors, type Json, referenced } from './template-view.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = sharedSynthesis();
});

const images = `${paths.imagePrefix}*`;
const assets = `${paths.hashedAssetPrefix}*`;

function cachePolicy(b: Behavior): Json {
  return referenced(synth.template, 'AWS::CloudFront::CachePolicy', b.CachePolicyId)
    .CachePolicyConfig as Json;
}

function ttlsOf(b: Behavior) {
  const { MinTTL, DefaultTTL, MaxTTL } = cachePolicy(b);
  return { min: MinTTL, default: DefaultTTL, max: MaxTTL };
}

describe('behaviors (reference 5.6: first match in list order, default last)', () => {
  it('matches images, then hashed assets, then the add-to-bag object, then the default', () => {
    expect(behaviors(synth.template).map(([pattern]) => pattern)).toEqual([
      images,
      assets,
      addToBag.pathPattern,
      '*',
    ]);
  });

  it('runs viewer-request, origin-response and viewer-response on pages, each its own bundle', () => {
    expect(associations(synth.template, synth.assembly, behavior(synth.template, '*'))).toEqual({
      'viewer-request': 'viewer-request',
      'origin-response': 'origin-response',
      'viewer-response': 'viewer-response',
    });
  });

  it('runs viewer-request, origin-request and origin-response on images, each its own bundle', () => {
    expect(associations(synth.template, synth.assembly, behavior(synth.template, images))).toEqual({
      'viewer-request': 'viewer-request',
      'origin-request': 'origin-request',
      'origin-response': 'origin-response',
    });
  });

  it('runs no function on hashed assets', () => {
    expect(behavior(synth.template, assets).LambdaFunctionAssociations).toBeUndefined();
  });

  it('redirects HTTP to HTTPS on every behavior', () => {
    for (const [, b] of behaviors(synth.template)) expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
  });
});

describe('TTLs come from edge/config.ts', () => {
  it('keeps pages ttl.htmlEdge by default and lets origin-response raise it up to ttl.immutable', () => {
    expect(ttlsOf(behavior(synth.template, '*'))).toEqual({
      min: 0,
      default: ttl.htmlEdge,
      max: ttl.immutable,
    });
  });

  it('keeps image variants ttl.immutable', () => {
    expect(ttlsOf(behavior(synth.template, images))).toEqual({
      min: 0,
      default: ttl.immutable,
      max: ttl.immutable,
    });
  });

  it('keeps hashed assets ttl.immutable whatever the origin sends', () => {
    expect(ttlsOf(behavior(synth.template, assets))).toEqual({
      min: ttl.immutable,
      default: ttl.immutable,
      max: ttl.immutable,
    });
  });
});

describe('response headers policies', () => {
  function headersPolicy(b: Behavior): Json {
    return referenced(synth.template, 'AWS::CloudFront::ResponseHeadersPolicy', b.ResponseHeadersPolicyId)
      .ResponseHeadersPolicyConfig as Json;
  }
  function customHeaders(b: Behavior): Record<string, string> {
    const items = ((headersPolicy(b).CustomHeadersConfig as Json | undefined)?.Items ?? []) as {
      Header: string;
      Value: string;
    }[];
    return Object.fromEntries(items.map((i) => [i.Header.toLowerCase(), i.Value]));
  }

  it('sends the security headers of edge/config.ts on every behavior', () => {
    const hsts = securityHeaders.strictTransportSecurity;
    for (const [, b] of behaviors(synth.template)) {
      const config = headersPolicy(b).SecurityHeadersConfig as Json;
      expect(config).toEqual({
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: hsts.maxAgeSeconds,
          IncludeSubdomains: hsts.includeSubDomains,
          Preload: hsts.preload,
          Override: true,
        },
        ContentSecurityPolicy: {
          ContentSecurityPolicy: securityHeaders.contentSecurityPolicy,
          Override: true,
        },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: securityHeaders.referrerPolicy, Override: true },
        FrameOptions: { FrameOption: securityHeaders.frameOptions, Override: true },
      });
      expect(customHeaders(b)['permissions-policy']).toBe(securityHeaders.permissionsPolicy);
    }
  });

  it('tells browsers to keep hashed assets without revalidating, and only those', () => {
    // Browsers keep the file as long as the edge does, and never revalidate it: the directives the template
    // sends, read against the same behavior's own TTLs (not against the constant the stack was built from).
    const directives = (customHeaders(behavior(synth.template, assets))['cache-control'] ?? '')
      .split(',')
      .map((d) => d.trim());
    expect(directives).toContain('immutable');
    expect(directives).toContain('public');
    expect(directives).toContain(`max-age=${ttlsOf(behavior(synth.template, assets)).min}`);
    for (const pattern of ['*', images]) {
      expect(customHeaders(behavior(synth.template, pattern))['cache-control']).toBeUndefined();
    }
  });
});
