/**
 * Vitest globalSetup of the infra project: the app synthesized ONCE for every test file (with cdk-nag, as
 * `npx tsx infra/app.ts` and `cdk deploy` do), through the test kit's synthesis cache, so a later run with the
 * same stack code, edge bundles and CDK version reads the same folder instead of synthesizing again. The folder
 * reaches the workers through provide/inject (sharedSynthesis in synth.ts).
 */
import { cachedSynthesis } from '@edge-storefront/local-cloudfront/testing';
import type { TestProject } from 'vitest/node';
import { fixtureSite, synthesizeInto } from './synth.ts';

/** What the template is made of: the stack's code, the edge config and bundles it uploads, the stand-in site. */
const inputs = ['cdk.json', 'infra/app.ts', 'infra/stack.ts', 'infra/stack', 'edge', fixtureSite];

export default async function setup(project: TestProject): Promise<void> {
  const dir = await cachedSynthesis({
    name: 'edge-storefront-infra',
    inputs,
    ignore: ['test', 'bench'],
    synth: (outdir) => {
      synthesizeInto(outdir);
    },
  });
  project.provide('infraAssemblyDir', dir);
}
