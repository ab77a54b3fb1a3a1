/**
 * How the loader finds a behavior's policies (rule 5.3-5.5, 7): a managed policy by its id, a template policy by
 * reference, and a startup warning, never a silent default, for an id or a reference it cannot resolve.
 */
import { describe, expect, it } from 'vitest';
import { managedCachePolicies } from '../assembly/managed-policies.ts';
import { optionalPolicies, resolveCachePolicy, resolveOptionalPolicy } from '../assembly/policies.ts';
import type { Template } from '../assembly/template.ts';

const template: Template = {
  Resources: {
    Forward: {
      Type: 'AWS::CloudFront::OriginRequestPolicy',
      Properties: {
        OriginRequestPolicyConfig: {
          Name: 'forward-colour',
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['X-Colour'] },
          CookiesConfig: { CookieBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
        },
      },
    },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
};

function resolved<T>(resolve: (warn: (m: string) => void) => T): { policy: T; warnings: string[] } {
  const warnings: string[] = [];
  return { policy: resolve((m) => warnings.push(m)), warnings };
}

describe('policies of a behavior (rule 5.3, 5.4, 5.5, 7)', () => {
  it('finds a managed origin request policy by id and a template one by reference, without warnings (rule 5.4, 7)', () => {
    const managed = resolved((warn) =>
      resolveOptionalPolicy(
        optionalPolicies.originRequest,
        template,
        '216adef6-5c7f-47e4-b989-5492eafa07d3',
        warn,
      ),
    );
    expect(managed).toMatchObject({ policy: { name: 'AllViewer' }, warnings: [] });
    const own = resolved((warn) =>
      resolveOptionalPolicy(optionalPolicies.originRequest, template, { Ref: 'Forward' }, warn),
    );
    expect(own.policy).toEqual({
      name: 'forward-colour',
      headers: { behavior: 'whitelist', names: ['x-colour'] },
      cookies: { behavior: 'none', names: [] },
      queryStrings: { behavior: 'all', names: [] },
    });
    expect(own.warnings).toEqual([]);
  });

  it('has no policy and no warning when the behavior names none (rule 7)', () => {
    expect(
      resolved((warn) => resolveOptionalPolicy(optionalPolicies.responseHeaders, template, undefined, warn)),
    ).toEqual({ policy: undefined, warnings: [] });
  });

  it('warns about an unknown managed id, an inherited name such as "toString" included (rule 7)', () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'toString', 'constructor']) {
      const { policy, warnings } = resolved((warn) =>
        resolveOptionalPolicy(optionalPolicies.responseHeaders, template, id, warn),
      );
      expect(policy, id).toBeUndefined();
      expect(warnings).toEqual([`response headers policy ${id} is unknown; it is not applied`]);
    }
  });

  it('warns about a reference to nothing, or to a resource of another type (rule 7)', () => {
    for (const ref of [{ Ref: 'Missing' }, { Ref: 'Bucket' }, { 'Fn::ImportValue': 'shared-policy' }]) {
      const { policy, warnings } = resolved((warn) =>
        resolveOptionalPolicy(optionalPolicies.originRequest, template, ref, warn),
      );
      expect(policy).toBeUndefined();
      expect(warnings).toEqual([
        `origin request policy ${JSON.stringify(ref)} is not one of the template; no extra values are forwarded`,
      ]);
    }
  });

  it('falls back to CachingOptimized, with a warning, for a cache policy it cannot resolve (rule 5.3, 7)', () => {
    const optimized = managedCachePolicies['658327ea-f89d-4fab-a63d-7e88639e58f6'];
    expect(resolved((warn) => resolveCachePolicy(template, undefined, warn))).toEqual({
      policy: optimized,
      warnings: [],
    });
    const unknown = resolved((warn) => resolveCachePolicy(template, 'toString', warn));
    expect(unknown.policy).toBe(optimized);
    expect(unknown.warnings).toEqual([
      'cache policy toString is neither managed nor in the template; using CachingOptimized',
    ]);
    const dangling = resolved((warn) => resolveCachePolicy(template, { Ref: 'Missing' }, warn));
    expect(dangling.policy).toBe(optimized);
    expect(dangling.warnings).toEqual([
      'cache policy {"Ref":"Missing"} is not a cache policy of the template; using CachingOptimized',
    ]);
  });
});
