/**
 * Two copies of the stack in one account and region (production and staging, or two developers) must not
 * collide on any physical name. A physical name is an explicit name property; where the template leaves
 * one out, CloudFormation generates `<stack name>-<logical id>-<random>`, which is how Refs are rendered.
 */

type Json = unknown;
export interface Resource {
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
export function physicalNames(
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

export interface Template {
  Resources: Record<string, Resource>;
}

export interface NameComparison {
  /** "LogicalId Type Key = value" for every physical name both stacks would claim. */
  collisions: string[];
  /** Name properties one stack has and the other lacks (the walk then compares different things). */
  unmatched: string[];
}

/** Compares the physical names of two synthesized stacks, each rendered under its own stack name. */
export function compareNames(
  a: { template: Template; stack: string },
  b: { template: Template; stack: string },
): NameComparison {
  const namesA = physicalNames(a.template, a.stack);
  const namesB = physicalNames(b.template, b.stack);
  const taken = new Set(namesA.values());
  return {
    collisions: [...namesB]
      .filter(([, value]) => taken.has(value))
      .map(([key, value]) => `${key} = ${value}`),
    unmatched: [...new Set([...namesA.keys(), ...namesB.keys()])].filter(
      (key) => !namesA.has(key) || !namesB.has(key),
    ),
  };
}
