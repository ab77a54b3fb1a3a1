/** The four Lambda@Edge functions, one per CloudFront event, each deploying its own edge/dist bundle. */
import path from 'node:path';
import type { EdgeEventType } from '@edge-storefront/local-cloudfront/lambda-edge';
import { CfnResource, Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { edgeDist, requireBuilt } from './build-outputs.ts';
import { acknowledgeEdgeFunctionFindings } from './nag-acknowledgements.ts';

export type EdgeFunctions = Record<EdgeEventType, cloudfront.experimental.EdgeFunction>;

/**
 * Rule 2.6, legacy column: CloudFront refuses viewer-trigger associations above 128 MB / 5 s. Origin
 * triggers run only on cache misses, so a bigger size costs little; memory buys CPU in Lambda, which
 * shortens the miss path and cold starts, and 10 s still fails a stuck function well before CloudFront's
 * 30 s origin limit.
 */
export const edgeLimits = {
  viewer: { memorySize: 128, timeoutSeconds: 5 },
  origin: { memorySize: 256, timeoutSeconds: 10 },
} as const;

/** Days CloudWatch keeps the us-east-1 logs of each edge function. */
export const edgeLogRetention = logs.RetentionDays.ONE_WEEK;

const eventTypes: Record<EdgeEventType, cloudfront.LambdaEdgeEventType> = {
  'viewer-request': cloudfront.LambdaEdgeEventType.VIEWER_REQUEST,
  'origin-request': cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST,
  'origin-response': cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE,
  'viewer-response': cloudfront.LambdaEdgeEventType.VIEWER_RESPONSE,
};

/** The functions, and the us-east-1 log groups the distribution must wait for. */
export function createEdgeFunctions(stack: Stack): { functions: EdgeFunctions; logGroups: logs.LogGroup[] } {
  const logGroups: logs.LogGroup[] = [];
  const create = (id: string, event: EdgeEventType) => {
    const { fn, logGroup } = createEdgeFunction(stack, id, event);
    logGroups.push(logGroup);
    return fn;
  };
  const functions = {
    'viewer-request': create('ViewerRequest', 'viewer-request'),
    'origin-request': create('OriginRequest', 'origin-request'),
    'origin-response': create('OriginResponse', 'origin-response'),
    'viewer-response': create('ViewerResponse', 'viewer-response'),
  };
  return { functions, logGroups };
}

/** The associations of a behavior: the current version of each event's function. */
export function edgeLambdas(functions: EdgeFunctions, ...events: EdgeEventType[]): cloudfront.EdgeLambda[] {
  return events.map((event) => ({
    functionVersion: functions[event].currentVersion,
    eventType: eventTypes[event],
  }));
}

function createEdgeFunction(
  stack: Stack,
  id: string,
  event: EdgeEventType,
): { fn: cloudfront.experimental.EdgeFunction; logGroup: logs.LogGroup } {
  const limits = event.startsWith('viewer') ? edgeLimits.viewer : edgeLimits.origin;
  const fn = new cloudfront.experimental.EdgeFunction(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(requireBuilt(path.join(edgeDist, event), 'index.mjs', 'npm run build:edge')),
    memorySize: limits.memorySize,
    timeout: Duration.seconds(limits.timeoutSeconds),
    description: `edge-storefront ${event}`,
  });
  // Lambda refuses to delete a function (or version) until CloudFront has removed its replicas, hours after
  // the distribution is gone; retaining them lets `cdk destroy` finish. npm run destroy prints their names.
  for (const child of fn.node.findAll()) {
    if (child instanceof CfnResource && child.cfnResourceType.startsWith('AWS::Lambda::')) {
      child.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }
  // Replicas log to /aws/lambda/us-east-1.<name> in the region that ran them (rule 2.7); the function
  // itself is never invoked directly. The us-east-1 group is created ahead so it gets a retention; groups in
  // other regions are out of this stack's reach (docs/stack.md#clean-up).
  const logGroup = new logs.LogGroup(stack, `${id}Logs`, {
    logGroupName: `/aws/lambda/us-east-1.${fn.functionName}`,
    retention: edgeLogRetention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  acknowledgeEdgeFunctionFindings(fn);
  return { fn, logGroup };
}
