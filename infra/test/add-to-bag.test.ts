/**
 * The experiment's conversion request and what the standard logs keep of it (docs/experiment.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addToBag, homepageExperiment } from '../../edge/config.ts';
import { conversionCacheControl } from '../stack/add-to-bag.ts';
import { type Synthesized, sharedSynthesis } from './synth.ts';
import { behavior, distributionConfig, type Json, referenced } from './template-view.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = sharedSynthesis();
});

/** AWS's managed CachingOptimized policy: no cookies, headers or query strings in the key. */
const cachingOptimizedId = '658327ea-f89d-4fab-a63d-7e88639e58f6';

describe('the add-to-bag behavior', () => {
  it('runs no Lambda@Edge function, so a conversion costs no invocation', () => {
    expect(behavior(synth.template, addToBag.pathPattern).LambdaFunctionAssociations).toBeUndefined();
  });

  it('keys its cache on the URI alone (the managed CachingOptimized policy), GET and HEAD only', () => {
    const b = behavior(synth.template, addToBag.pathPattern);
    expect(b.CachePolicyId).toBe(cachingOptimizedId);
    expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
  });

  it('tells the viewer no-store, so every press reaches CloudFront and its log', () => {
    const b = behavior(synth.template, addToBag.pathPattern);
    const policy = referenced(
      synth.template,
      'AWS::CloudFront::ResponseHeadersPolicy',
      b.ResponseHeadersPolicyId,
    ).ResponseHeadersPolicyConfig as Json;
    const custom = (
      policy.CustomHeadersConfig as { Items: { Header: string; Value: string; Override: boolean }[] }
    ).Items;
    expect(custom).toContainEqual({ Header: 'Cache-Control', Value: conversionCacheControl, Override: true });
    expect(policy.SecurityHeadersConfig).toBeDefined();
  });
});

describe('the standard logs', () => {
  it(`include cookies, for the ${homepageExperiment.cookie} variant and ${homepageExperiment.visitorCookie} visitor id cookies the report reads (rule 10.1)`, () => {
    expect(distributionConfig(synth.template).Logging).toMatchObject({
      IncludeCookies: true,
      Prefix: 'cloudfront/',
    });
  });
});
