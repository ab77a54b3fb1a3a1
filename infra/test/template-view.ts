/** Reads the synthesized template the way CloudFront would: behaviors by path pattern, functions by bundle. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { edgeDist } from '../stack/build-outputs.ts';
import { onlyResource, resourcesOf } from './synth.ts';

export type Json = Record<string, unknown>;

export interface Behavior extends Json {
  PathPattern?: string;
  /** A template policy by Ref, or a managed policy by its ID. */
  CachePolicyId: { Ref: string } | string;
  ResponseHeadersPolicyId: { Ref: string };
  ViewerProtocolPolicy: string;
  Compress?: boolean;
  LambdaFunctionAssociations?: { EventType: string; LambdaFunctionARN: { Ref: string } }[];
}

export function distributionConfig(template: Template): Json {
  return onlyResource(template, 'AWS::CloudFront::Distribution').props.DistributionConfig as Json;
}

/** Behaviors in CloudFront's matching order, the default one last as '*'. */
export function behaviors(template: Template): [string, Behavior][] {
  const config = distributionConfig(template);
  const ordered = (config.CacheBehaviors ?? []) as Behavior[];
  return [
    ...ordered.map((b): [string, Behavior] => [b.PathPattern ?? '', b]),
    ['*', config.DefaultCacheBehavior as Behavior],
  ];
}

export function behavior(template: Template, pattern: string): Behavior {
  const found = behaviors(template).find(([p]) => p === pattern);
  if (!found) throw new Error(`no behavior for ${pattern}`);
  return found[1];
}

/** The properties of the resource a `{Ref}` points at. */
export function referenced(template: Template, type: string, ref: { Ref: string }): Json {
  const resource = resourcesOf(template, type)[ref.Ref];
  if (!resource) throw new Error(`${ref.Ref} is not a ${type}`);
  return resource.Properties;
}

/** The cdk.out folder a Lambda function's code was staged from (what `cdk deploy` zips and uploads). */
export function codeFolder(assembly: CloudAssembly, fn: Json): string {
  const key = (fn.Code as { S3Key: string }).S3Key;
  return path.join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
}

/** Which edge/dist bundle a function deploys, found by comparing the staged code with each bundle. */
export function bundleOf(assembly: CloudAssembly, fn: Json): string {
  const staged = readFileSync(path.join(codeFolder(assembly, fn), 'index.mjs'));
  const match = readdirSync(edgeDist).find((event) =>
    staged.equals(readFileSync(path.join(edgeDist, event, 'index.mjs'))),
  );
  if (!match) throw new Error(`function code matches no bundle in ${edgeDist}`);
  return match;
}

/** event type -> the bundle the associated version runs, for one behavior. */
export function associations(
  template: Template,
  assembly: CloudAssembly,
  b: Behavior,
): Record<string, string> {
  return Object.fromEntries(
    (b.LambdaFunctionAssociations ?? []).map((a) => {
      const version = referenced(template, 'AWS::Lambda::Version', a.LambdaFunctionARN);
      const fn = referenced(template, 'AWS::Lambda::Function', version.FunctionName as { Ref: string });
      return [a.EventType, bundleOf(assembly, fn)];
    }),
  );
}

/** Every edge function of the stack: the functions some behavior associates, with their properties. */
export function edgeFunctions(template: Template): [string, Json][] {
  const refs = new Set(
    behaviors(template).flatMap(([, b]) =>
      (b.LambdaFunctionAssociations ?? []).map((a) => {
        const version = referenced(template, 'AWS::Lambda::Version', a.LambdaFunctionARN);
        return (version.FunctionName as { Ref: string }).Ref;
      }),
    ),
  );
  const functions = resourcesOf(template, 'AWS::Lambda::Function');
  return [...refs].map((ref) => [ref, (functions[ref] as { Properties: Json }).Properties]);
}

/** The Ref of a behavior's cache policy defined in the template; a managed policy (an ID) is not there. */
export function templateCachePolicy(b: Behavior): { Ref: string } {
  if (typeof b.CachePolicyId === 'string') {
    throw new Error(`managed cache policy ${b.CachePolicyId}: it is not defined in the template`);
  }
  return b.CachePolicyId;
}
