/**
 * Finds the deployed code behind a LambdaFunctionARN: `{Ref: Version}` -> the Version's FunctionName
 * `{Ref: Function}` -> Code.S3Key `<hash>.zip` -> the asset folder (rule 7). For an EdgeFunction in
 * another region, the `Fn::GetAtt` of its cross-region reader leads to the SSM parameter the us-east-1
 * support stack writes, whose value is again a `{Ref: Version}` there.
 */
import { statSync } from 'node:fs';
import type { EdgeFunctionSpec } from '../types.ts';
import { assetPath, type CloudAssembly } from './cloud-assembly.ts';
import { refTarget, type StackArtifact } from './template.ts';

export function resolveEdgeFunction(
  assembly: CloudAssembly,
  stack: StackArtifact,
  arn: unknown,
  warn: (m: string) => void,
): EdgeFunctionSpec | undefined {
  const reader = refTarget(stack.template, arn, 'Custom::CrossRegionStringParameterReader');
  if (reader) return viaParameter(assembly, JSON.stringify(reader.resource.Properties ?? {}), warn);
  const version = refTarget(stack.template, arn, 'AWS::Lambda::Version');
  const fnValue = version ? version.resource.Properties?.FunctionName : arn;
  const fn = refTarget(stack.template, fnValue, 'AWS::Lambda::Function');
  if (!fn) {
    warn(
      `Lambda@Edge association ${JSON.stringify(arn)} does not resolve to a function in ${stack.name}; it is not run`,
    );
    return undefined;
  }
  if (!version) warn(`${fn.logicalId} is associated without a numbered version (CloudFront would reject it)`);
  const p = fn.resource.Properties ?? {};
  const code = (p.Code ?? {}) as Record<string, unknown>;
  const codeDir = assetPath(assembly, code.S3Key);
  if (!codeDir || !isDir(codeDir)) {
    warn(
      `${fn.logicalId}: code ${JSON.stringify(code.S3Key ?? code)} is not an asset folder in cdk.out; it is not run`,
    );
    return undefined;
  }
  return {
    name: fn.logicalId,
    codeDir,
    handler: String(p.Handler ?? 'index.handler'),
    runtime: String(p.Runtime ?? 'nodejs22.x'),
    timeoutSeconds: Number(p.Timeout ?? 3),
    memoryMb: Number(p.MemorySize ?? 128),
  };
}

function viaParameter(assembly: CloudAssembly, readerProps: string, warn: (m: string) => void) {
  const name = /"(\/cdk\/EdgeFunctionArn\/[^"]+)"/.exec(readerProps)?.[1];
  for (const stack of assembly.stacks) {
    for (const resource of Object.values(stack.template.Resources)) {
      if (resource.Type === 'AWS::SSM::Parameter' && resource.Properties?.Name === name)
        return resolveEdgeFunction(assembly, stack, resource.Properties?.Value, warn);
    }
  }
  warn(
    `cross-region edge function reader ${name ?? readerProps} has no SSM parameter in the assembly; it is not run`,
  );
  return undefined;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
