import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { StorefrontStack } from './stack.ts';

export const stackName = 'EdgeStorefront';
export const defaultCdkOut = path.join(path.dirname(new URL(import.meta.url).pathname), 'cdk.out');

/**
 * us-east-1 with an explicit env keeps the EdgeFunctions in this stack (reference 7) and lets it
 * synthesize with no credentials and no network. The account falls back to a placeholder so that
 * synthesis works for people without one; deploy passes the real account through CDK_DEFAULT_ACCOUNT.
 */
export function createApp(outdir = defaultCdkOut): App {
  const app = new App({ outdir });
  new StorefrontStack(app, stackName, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT ?? '111111111111', region: 'us-east-1' },
  });
  return app;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const assembly = createApp(process.env.CDK_OUTDIR ?? defaultCdkOut).synth();
  console.log(
    `infra: synthesized ${assembly.stacks.map((s) => s.stackName).join(', ')} into ${assembly.directory}`,
  );
}
