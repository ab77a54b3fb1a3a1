/**
 * One synthesis shared by a test file (synthesis stages the site and the bundles: seconds, not ms).
 * It runs WITH the cdk-nag plugin, as `npx tsx infra/app.ts` and `cdk deploy` do: every assertion is made
 * on a template that also passed the AwsSolutions checks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createApp, stackName } from '../app.ts';

/** Synthesis stages the site and a 20 MB CLI layer: seconds alone, far more on a loaded 2-core machine. */
export const synthTimeout = 240_000;

export interface Synthesized {
  template: Template;
  assembly: CloudAssembly;
  stack: Stack;
}

const made: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs (each assembly is about 25 MB). */
export function tempDir(prefix = 'infra-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** For afterAll in every file that synthesizes or writes files. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A stand-in for site/dist: the site's content does not change the template, and the infra tests should
 * not fail while someone rebuilds the site (astro empties site/dist first). The edge bundles are the real
 * ones: the tests check which bundle each behavior runs.
 */
export const fixtureSite = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'site');

export function synthesize(context: Record<string, string> = {}): Synthesized {
  const outdir = tempDir();
  const app = createApp({ outdir, context, siteDir: fixtureSite });
  const assembly = app.synth();
  const stack = app.node.findChild(stackName) as Stack;
  return { template: Template.fromJSON(assembly.getStackByName(stackName).template), assembly, stack };
}

/** Resources of one type, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}

/** The only resource of a type (fails when there are more, so a test never checks the wrong one). */
export function onlyResource(
  template: Template,
  type: string,
): { id: string; props: Record<string, unknown> } {
  const entries = Object.entries(resourcesOf(template, type));
  if (entries.length !== 1) throw new Error(`expected one ${type}, found ${entries.length}`);
  const [id, resource] = entries[0] as [string, { Properties: Record<string, unknown> }];
  return { id, props: resource.Properties };
}
