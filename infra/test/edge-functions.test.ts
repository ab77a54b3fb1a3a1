import { beforeAll, describe, expect, it } from 'vitest';
import { edgePackages } from '../deploy/package-sizes.ts';
import { edgeLimits, edgeLogRetention } from '../stack/edge-functions.ts';
import { type Synthesized, sharedSynthesis } from './synth.ts';
import { behaviors, edgeFunctions, type Json, referenced } from './template-view.ts';

let synth: Synthesized;
let functions: [string, Json][];
beforeAll(() => {
  synth = sharedSynthesis();
  functions = edgeFunctions(synth.template);
});

/** Event types each function is associated with, across every behavior. */
function eventsOf(functionId: string): Set<string> {
  const events = new Set<string>();
  for (const [, b] of behaviors(synth.template)) {
    for (const a of b.LambdaFunctionAssociations ?? []) {
      const version = referenced(synth.template, 'AWS::Lambda::Version', a.LambdaFunctionARN);
      if ((version.FunctionName as { Ref: string }).Ref === functionId) events.add(a.EventType);
    }
  }
  return events;
}

const isViewerTrigger = (id: string) => [...eventsOf(id)].some((e) => e.startsWith('viewer-'));

describe('edge functions (rule 2.6, 2.7)', () => {
  it('are the four bundles, one function per event', () => {
    expect(functions).toHaveLength(4);
  });

  it('run async handlers from index.mjs on nodejs22.x', () => {
    for (const [, fn] of functions)
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.handler' });
  });

  it('have no environment variables (Lambda@Edge has none)', () => {
    for (const [, fn] of functions) expect(fn.Environment).toBeUndefined();
  });

  it('keep viewer triggers within the legacy viewer limits: 128 MB, 5 s', () => {
    const viewer = functions.filter(([id]) => isViewerTrigger(id));
    expect(viewer.length).toBeGreaterThan(0);
    for (const [, fn] of viewer) {
      expect(fn.MemorySize).toBe(edgeLimits.viewer.memorySize);
      expect(fn.Timeout).toBe(edgeLimits.viewer.timeoutSeconds);
    }
    expect(edgeLimits.viewer).toEqual({ memorySize: 128, timeoutSeconds: 5 });
  });

  it('give origin-only triggers more memory and a bounded timeout under the 30 s limit', () => {
    const origin = functions.filter(([id]) => !isViewerTrigger(id));
    expect(origin.length).toBeGreaterThan(0);
    for (const [, fn] of origin) {
      expect(fn.MemorySize).toBe(edgeLimits.origin.memorySize);
      expect(fn.Timeout).toBe(edgeLimits.origin.timeoutSeconds);
    }
    expect(edgeLimits.origin.timeoutSeconds).toBeLessThanOrEqual(30);
  });

  it('fit the compressed package limit: 1 MB for viewer triggers, 50 MB for origin triggers', () => {
    const packages = edgePackages(synth.assembly.directory);
    expect(packages.map((p) => p.functionId).sort()).toEqual(functions.map(([id]) => id).sort());
    for (const p of packages) {
      const viewer = p.events.some((e) => e.startsWith('viewer-'));
      expect(p.limitBytes).toBe(viewer ? 1024 * 1024 : 50 * 1024 * 1024);
      expect(p.zippedBytes, p.functionId).toBeLessThan(p.limitBytes);
    }
  });

  it('are assumed by both Lambda and Lambda@Edge', () => {
    for (const [, fn] of functions) {
      const role =
        synth.template.toJSON().Resources[(fn.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] as string];
      const principals = role.Properties.AssumeRolePolicyDocument.Statement.map(
        (s: { Principal: { Service: string } }) => s.Principal.Service,
      );
      expect(principals.sort()).toEqual(['edgelambda.amazonaws.com', 'lambda.amazonaws.com']);
    }
  });

  it('are retained on destroy, versions included (replicas block deletion for hours)', () => {
    const resources = synth.template.toJSON().Resources;
    for (const [id] of functions) expect(resources[id].DeletionPolicy).toBe('Retain');
    for (const [, b] of behaviors(synth.template)) {
      for (const a of b.LambdaFunctionAssociations ?? []) {
        expect(resources[a.LambdaFunctionARN.Ref].DeletionPolicy).toBe('Retain');
      }
    }
  });

  it('log their us-east-1 replicas to a log group with a retention, created before the distribution', () => {
    const groups = synth.template.findResources('AWS::Logs::LogGroup');
    const distribution = Object.values(synth.template.findResources('AWS::CloudFront::Distribution'))[0];
    for (const [id] of functions) {
      const group = Object.entries(groups).find(
        ([, g]) =>
          JSON.stringify(g.Properties.LogGroupName) ===
          JSON.stringify({ 'Fn::Join': ['', ['/aws/lambda/us-east-1.', { Ref: id }]] }),
      );
      expect(group, id).toBeDefined();
      expect(group?.[1].Properties.RetentionInDays).toBe(edgeLogRetention);
      expect(distribution?.DependsOn).toContain(group?.[0]);
    }
  });
});
