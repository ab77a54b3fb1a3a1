import { beforeAll, describe, expect, it } from 'vitest';
import { addToBag, paths, securityHeaders, ttl } from '../../edge/config.ts';
import { type Synthesized, sharedSynthesis } from './synth.ts';
import {
  associations,
  type Behavior,
  behavior,
  behaviors,
  type Json,
  referenced,
  templateCachePolicy,
} from './template-view.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = sharedSynthesis();
});

const images = `${paths.imagePrefix}*`;
const assets = `${paths.hashedAssetPrefix}*`;

function cachePolicy(b: Behavior): Json {
  return referenced(synth.template, 'AWS::CloudFront::CachePolicy', templateCachePolicy(b))
    .CachePolicyConfig as Json;
}

function ttlsOf(b: Behavior) {
  const { MinTTL, DefaultTTL, MaxTTL } = cachePolicy(b);
  return { min: MinTTL, default: DefaultTTL, max: MaxTTL };
}

describe('behaviors (rule 5.6: first match in list order, default last)', () => {
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

  it('runs only origin-response on hashed assets: a miss gets immutable, an error never does', () => {
    expect(associations(synth.template, synth.assembly, behavior(synth.template, assets))).toEqual({
      'origin-response': 'origin-response',
    });
  });

  it('redirects HTTP to HTTPS on every behavior', () => {
    for (const [, b] of behaviors(synth.template)) expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
  });
});

describe('TTLs come from edge/config.ts', () => {
  // Rule 5.2: with MinTTL > 0 a `private` or `no-cache` response is cached for MinTTL anyway, so MinTTL is
  // what CloudFront keeps the responses origin-response marks private for the viewer.
  it('keeps pages at least ttl.htmlEdge (the private homepage too) and lets origin-response raise it', () => {
    expect(ttlsOf(behavior(synth.template, '*'))).toEqual({
      min: ttl.htmlEdge,
      default: ttl.htmlEdge,
      max: ttl.immutable,
    });
  });

  it('keeps image variants ttl.immutable, though each is private for the viewer', () => {
    expect(ttlsOf(behavior(synth.template, images))).toEqual({
      min: ttl.immutable,
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

  it('sets no Cache-Control on any behavior but no-store on the add-to-bag object: a policy reaches errors too', () => {
    // no-store is right for an error as well; anything that lets a browser keep a response must come from
    // origin-response instead, per response.
    for (const [pattern, b] of behaviors(synth.template)) {
      const expected = pattern === addToBag.pathPattern ? 'no-store' : undefined;
      expect(customHeaders(b)['cache-control'], pattern).toBe(expected);
    }
  });

  it('sends HSTS without includeSubDomains or preload unless the config opts in', () => {
    for (const [, b] of behaviors(synth.template)) {
      const hsts = (headersPolicy(b).SecurityHeadersConfig as Json).StrictTransportSecurity as Json;
      expect(hsts).toMatchObject({ IncludeSubdomains: false, Preload: false });
    }
  });
});
