/**
 * One synthesis shared by the whole infra project: global-setup.ts synthesizes the app once (it stages the
 * site, the bundles and a 20 MB CLI layer: seconds, not ms) and every test file reads that assembly from
 * disk. It runs WITH the cdk-nag plugin, as `npx tsx infra/app.ts` and `cdk deploy` do: every assertion is
 * made on a template that also passed the AwsSolutions checks. A test that needs a different app (other
 * context, an extra construct) synthesizes its own with `synthesize`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { inject } from 'vitest';
import { createApp, defaultStackName as stackName } from '../app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cdk.out folder global-setup.ts synthesized the app into (removed after the run). */
    infraAssemblyDir: string;
  }
}

/** Synthesis stages the site and a 20 MB CLI layer: seconds alone, far more on a loaded 2-core machine. */
export const synthTimeout = 240_000;

export interface Synthesized {
  template: Template;
  assembly: CloudAssembly;
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

/** The app `npx tsx infra/app.ts` synthesizes (nag on), uploading the fixture site, into outdir. */
export function synthesizeInto(outdir: string, context: Record<string, string> = {}): CloudAssembly {
  // CloudFormation's own template check ran on this stack code in `npm run build`; here it would add seconds to
  // every synthesis and never change the template the assertions read.
  return createApp({ outdir, context, siteDir: fixtureSite, cloudFormationValidation: false }).synth();
}

function read(assembly: CloudAssembly): Synthesized {
  return { template: Template.fromJSON(assembly.getStackByName(stackName).template), assembly };
}

let shared: Synthesized | undefined;

/** The project's one synthesis (global-setup.ts), read once per test file. Read it; never write into it. */
export function sharedSynthesis(): Synthesized {
  shared ??= read(new CloudAssembly(inject('infraAssemblyDir')));
  return shared;
}

/** A synthesis of its own, for a test whose app differs from the shared one (here: CDK context). */
export function synthesize(context: Record<string, string> = {}): Synthesized {
  return read(synthesizeInto(tempDir(), context));
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
