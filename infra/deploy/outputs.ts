/** The stack outputs `cdk deploy --outputs-file` writes, one file per stack, read back by the e2e run and by destroy. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultStackName } from '../app.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored: it names one person's deployments. */
export const outputsDir = path.join(repoRoot, '.deploy-outputs');

/** `.deploy-outputs/<stack>.json`: deploying staging never overwrites production's outputs. */
export function outputsFileFor(stack: string): string {
  return path.join(outputsDir, `${stack}.json`);
}

export interface StackOutputs {
  DistributionDomainName: string;
  DistributionId: string;
  BucketName: string;
  /** Comma-separated; retained on destroy (Lambda@Edge replicas). */
  EdgeFunctionNames?: string;
}

/** The outputs of the stack, undefined when it was not deployed from this checkout. */
export function readStackOutputs(
  file = outputsFileFor(defaultStackName),
  stack = defaultStackName,
): StackOutputs | undefined {
  if (!existsSync(file)) return undefined;
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Partial<StackOutputs>>;
  const outputs = all[stack];
  if (!outputs?.DistributionId || !outputs.DistributionDomainName) {
    throw new Error(
      `${path.relative(repoRoot, file)} has no ${stack} outputs; run npm run deploy -- --stack ${stack} again`,
    );
  }
  return outputs as StackOutputs;
}

export function edgeFunctionNames(outputs: StackOutputs | undefined): string[] {
  return outputs?.EdgeFunctionNames?.split(',').filter(Boolean) ?? [];
}

/** The deployment's URL. */
export function distributionUrl(outputs: StackOutputs): string {
  return `https://${outputs.DistributionDomainName}`;
}

/**
 * Lines for GitHub Actions' $GITHUB_OUTPUT, so a workflow can read `steps.<id>.outputs.url` (its environment
 * URL and summary) and `distribution-id`.
 */
export function githubOutputLines(outputs: StackOutputs): string {
  return `url=${distributionUrl(outputs)}\ndistribution-id=${outputs.DistributionId}\n`;
}
