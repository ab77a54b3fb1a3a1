/** A CloudFormation template as CDK writes it, and the few intrinsic functions the loader follows. */

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}
export interface Template {
  Resources: Record<string, Resource>;
}

/** A JSON object of the template, read defensively: a missing or mistyped value reads as empty. */
export type Json = Record<string, unknown>;
export const asObject = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** For fields that may hold one value or a list (an IAM `Action: "s3:GetObject"` or `Action: [...]`). */
export const asOneOrList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** One stack of a cloud assembly: its template and the folder each asset hash was staged to. */
export interface StackArtifact {
  name: string;
  template: Template;
  region: string;
  account: string;
}

/** The resource a `{Ref}` or `{Fn::GetAtt}` points at, optionally only when it has the given type. */
export function refTarget(
  template: Template,
  value: unknown,
  type?: string,
): { logicalId: string; resource: Resource } | undefined {
  const id = refId(value);
  const resource = id === undefined ? undefined : template.Resources[id];
  if (!resource || (type && resource.Type !== type) || id === undefined) return undefined;
  return { logicalId: id, resource };
}

export function refId(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/**
 * Resolves intrinsics to plausible strings for display and for the API's DistributionConfig:
 * pseudo parameters from the stack, `{Ref: X}` to `refs[X]` or X, GetAtt to `X.Attr`, Join and Sub.
 */
export function resolveIntrinsics(
  value: unknown,
  stack: StackArtifact,
  refs: Record<string, string> = {},
): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, stack, refs));
  if (!value || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  if (keys.length === 1) {
    if (typeof v.Ref === 'string') return pseudo(v.Ref, stack) ?? refs[v.Ref] ?? v.Ref;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return getAtt.join('.');
    const join = v['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1]))
      return join[1].map((p) => String(resolveIntrinsics(p, stack, refs))).join(String(join[0]));
    const sub = v['Fn::Sub'];
    if (typeof sub === 'string')
      return sub.replace(/\$\{([^}]+)\}/g, (_, name: string) => pseudo(name, stack) ?? refs[name] ?? name);
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveIntrinsics(x, stack, refs)]));
}

function pseudo(name: string, stack: StackArtifact): string | undefined {
  const values: Record<string, string> = {
    'AWS::Region': stack.region,
    'AWS::AccountId': stack.account,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stack.name,
  };
  return values[name];
}
