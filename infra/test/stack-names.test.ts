/**
 * Two copies of the stack in one account and region (production and staging, or two developers) must not
 * collide on any physical name. A physical name is an explicit name property; where the template leaves
 * one out, CloudFormation generates `<stack name>-<logical id>-<random>`, which is how Refs are rendered.
 */

import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, customDomainFrom, defaultStackName } from '../app.ts';
import { fixtureSite, removeTempDirs, sharedSynthesis, synthTimeout, tempDir } from './synth.ts';

afterAll(removeTempDirs);

type Json = unknown;
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}

/**
 * The name-like properties that name something in the account and region (not header or domain
 * values): every key ending in "Name" except those that hold a viewer-facing value or a reference.
 */
// MetricName names a CloudWatch metric (the same in every copy), not a resource of the stack.
const notPhysical = new Set(['DomainName', 'HeaderName', 'OriginAccessControlOriginType', 'MetricName']);

/** A value as CloudFormation would resolve it, with generated names written as the stack + logical id. */
function render(value: Json, stack: string, resources: Record<string, Resource>): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => render(v, stack, resources)).join(',');
  if (value && typeof value === 'object') {
    const object = value as Record<string, Json>;
    if ('Ref' in object) {
      const ref = String(object.Ref);
      if (ref === 'AWS::StackName') return stack;
      if (ref.startsWith('AWS::')) return `{${ref}}`;
      return resources[ref] ? physicalNameOf(ref, stack, resources) : `{param ${ref}}`;
    }
    if ('Fn::Join' in object) {
      const [separator, parts] = object['Fn::Join'] as [string, Json[]];
      return parts.map((p) => render(p, stack, resources)).join(separator);
    }
    if ('Fn::GetAtt' in object) {
      const [id, attribute] = object['Fn::GetAtt'] as [string, string];
      return `${physicalNameOf(id, stack, resources)}.${attribute}`;
    }
    return JSON.stringify(object);
  }
  return String(value);
}

/** Explicit name properties of a resource, by key path. */
function explicitNames(properties: Json, prefix = ''): [string, Json][] {
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) return [];
  return Object.entries(properties as Record<string, Json>).flatMap(([key, value]) => {
    const here = prefix ? `${prefix}.${key}` : key;
    const own: [string, Json][] = key.endsWith('Name') && !notPhysical.has(key) ? [[here, value]] : [];
    const nested =
      value && typeof value === 'object' && !isIntrinsic(value) ? explicitNames(value, here) : [];
    return [...own, ...nested];
  });
}

function isIntrinsic(value: Json): boolean {
  return Object.keys(value as object).some((k) => k === 'Ref' || k.startsWith('Fn::'));
}

function physicalNameOf(id: string, stack: string, resources: Record<string, Resource>): string {
  const names = explicitNames(resources[id]?.Properties).filter(([key]) => !key.includes('.'));
  const own = names[0];
  return own ? render(own[1], stack, resources) : `${stack}-${id}-generated`;
}

/**
 * Names unique only inside another resource: an inline IAM policy's name need only be unique on its role
 * (the roles' own names are generated), so it is qualified by them.
 */
const scopedBy: Record<string, string> = { 'AWS::IAM::Policy': 'Roles' };

/** Every explicit physical name in a template, as "LogicalId Type Key" -> value. */
function physicalNames(
  template: { Resources: Record<string, Resource> },
  stack: string,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    const scope = scopedBy[resource.Type];
    const prefix = scope ? `${render(resource.Properties?.[scope], stack, template.Resources)}/` : '';
    for (const [key, value] of explicitNames(resource.Properties)) {
      names.set(`${id} ${resource.Type} ${key}`, prefix + render(value, stack, template.Resources));
    }
  }
  return names;
}

describe('a second copy of the stack', () => {
  it('synthesizes under -c stackName=ShopStaging and shares no physical name with the default', {
    timeout: synthTimeout,
  }, () => {
    const staging = createApp({
      outdir: tempDir(),
      context: { stackName: 'ShopStaging' },
      siteDir: fixtureSite,
      env: {},
    })
      .synth()
      .getStackByName('ShopStaging');
    const defaultTemplate = sharedSynthesis().template.toJSON() as { Resources: Record<string, Resource> };
    const defaults = physicalNames(defaultTemplate, defaultStackName);
    const copies = physicalNames(staging.template, 'ShopStaging');

    // The walk found the names there are (log groups, cache and response headers policies, the OAC).
    expect([...defaults.keys()].some((k) => k.includes('AWS::Logs::LogGroup'))).toBe(true);
    expect([...copies.keys()].sort()).toEqual([...defaults.keys()].sort());
    const taken = new Set(defaults.values());
    const collisions = [...copies]
      .filter(([, value]) => taken.has(value))
      .map(([key, value]) => `${key} = ${value}`);
    expect(collisions).toEqual([]);
  });

  it('takes its name from STACK_NAME when there is no context, the context winning over both', {
    timeout: synthTimeout,
  }, () => {
    const fromEnv = createApp({
      outdir: tempDir(),
      siteDir: fixtureSite,
      nag: false,
      env: { STACK_NAME: 'ShopDev' },
    });
    expect(fromEnv.node.children.map((c) => c.node.id)).toContain('ShopDev');
    const both = createApp({
      outdir: tempDir(),
      siteDir: fixtureSite,
      nag: false,
      context: { stackName: 'ShopStaging' },
      env: { STACK_NAME: 'ShopDev' },
    });
    expect(both.node.children.map((c) => c.node.id)).toContain('ShopStaging');
  });

  it('refuses a name CloudFormation would refuse, saying why', () => {
    expect(() =>
      createApp({ outdir: tempDir(), siteDir: fixtureSite, nag: false, env: { STACK_NAME: 'shop_staging' } }),
    ).toThrow(/stack name "shop_staging" is not valid: letters, digits and hyphens/);
  });

  it('takes a custom domain from DOMAIN_NAME and CERTIFICATE_ARN as from context, both or neither', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/x';
    expect(
      customDomainFrom(new App(), { DOMAIN_NAME: 'staging.example.com', CERTIFICATE_ARN: certificateArn }),
    ).toEqual({
      domainName: 'staging.example.com',
      certificateArn,
    });
    // Empty repository variables in CI mean "no domain", not a half-set one.
    expect(customDomainFrom(new App(), { DOMAIN_NAME: '', CERTIFICATE_ARN: '' })).toBeUndefined();
    expect(() => customDomainFrom(new App(), { DOMAIN_NAME: 'staging.example.com' })).toThrow(
      /CERTIFICATE_ARN/,
    );
  });
});
