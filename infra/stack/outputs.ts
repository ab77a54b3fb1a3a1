/** What deploy, e2e and destroy read back from the deployed stack (infra/deploy/outputs.ts). */
import { CfnOutput, Fn, type Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { EdgeFunctions } from './edge-functions.ts';

export function addOutputs(
  stack: Stack,
  distribution: cloudfront.Distribution,
  siteBucket: s3.IBucket,
  functions: EdgeFunctions,
): void {
  new CfnOutput(stack, 'DistributionDomainName', { value: distribution.distributionDomainName });
  new CfnOutput(stack, 'DistributionId', { value: distribution.distributionId });
  new CfnOutput(stack, 'BucketName', { value: siteBucket.bucketName });
  new CfnOutput(stack, 'EdgeFunctionNames', {
    description: 'Retained on destroy (replicated functions); delete them a few hours later',
    value: Fn.join(
      ',',
      Object.values(functions).map((fn) => fn.functionName),
    ),
  });
}
