/** The stack outputs `cdk deploy --outputs-file` writes, read back by the e2e run and by destroy. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stackName } from '../app.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Git-ignored: it names one person's deployment. */
export const outputsFile = path.join(repoRoot, '.deploy-outputs.json');

export interface StackOutputs {
  DistributionDomainName: string;
  DistributionId: string;
  BucketName: string;
  /** Comma-separated; retained on destroy (Lambda@Edge replicas). */
  EdgeFunctionNames?: string;
}

/** The outputs of our stack, undefined when nothing was deployed from this checkout. */
export function readStackOutputs(file = outputsFile): StackOutputs | undefined {
  if (!existsSync(file)) return undefined;
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Partial<StackOutputs>>;
  const outputs = all[stackName];
  if (!outputs?.DistributionId || !outputs.DistributionDomainName) {
    throw new Error(`${path.relative(repoRoot, file)} has no ${stackName} outputs; run npm run deploy again`);
  }
  return outputs as StackOutputs;
}

export function edgeFunctionNames(outputs: StackOutputs | undefined): string[] {
  return outputs?.EdgeFunctionNames?.split(',').filter(Boolean) ?? [];
}
