/**
 * Operability: two alarms and one dashboard, in us-east-1 with the stack, where CloudFront publishes the
 * distribution's metrics (Region "Global") and where the functions' us-east-1 replicas report theirs.
 * The alarms have no action; attach an SNS topic or a chat integration with `alarm.addAlarmAction(...)`.
 */

import { type EdgeEventType, edgeEventTypes } from '@edge-storefront/local-cloudfront/lambda-edge';
import { Duration, type Stack } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { monitoring } from '../../edge/config.ts';
import type { EdgeFunctions } from './edge-functions.ts';

const period = Duration.minutes(5);

/**
 * A distribution metric with both dimensions CloudFront publishes it under: DistributionId and Region
 * "Global". CDK's own metricXxx() helpers set only DistributionId, which matches no published data.
 */
function distributionMetric(
  distribution: cloudfront.Distribution,
  metricName: string,
  statistic: string,
): cloudwatch.Metric {
  return distribution.metric(metricName, {
    dimensionsMap: { DistributionId: distribution.distributionId, Region: 'Global' },
    region: 'us-east-1',
    statistic,
    period,
  });
}

/** Lambda@Edge replicas publish under `us-east-1.<name>` in the region that ran them (rule 2.7). */
function replicaErrors(event: EdgeEventType, fn: cloudfront.experimental.EdgeFunction): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensionsMap: { FunctionName: `us-east-1.${fn.functionName}` },
    region: 'us-east-1',
    statistic: cloudwatch.Stats.SUM,
    period,
    label: event,
  });
}

export function addMonitoring(
  stack: Stack,
  distribution: cloudfront.Distribution,
  functions: EdgeFunctions,
): { error5xxRate: cloudwatch.Alarm; functionErrors: cloudwatch.Alarm; dashboard: cloudwatch.Dashboard } {
  const error5xxRate = new cloudwatch.Alarm(stack, 'Distribution5xxErrorRate', {
    alarmDescription: `More than ${monitoring.error5xxRatePercent}% of responses are 5xx (origin or function failures).`,
    metric: distributionMetric(distribution, '5xxErrorRate', cloudwatch.Stats.AVERAGE),
    threshold: monitoring.error5xxRatePercent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: monitoring.evaluationPeriods,
    // No traffic is no error.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });

  const perFunction = edgeEventTypes.map((event) => replicaErrors(event, functions[event]));
  const usingMetrics = Object.fromEntries(perFunction.map((m, i) => [`e${i}`, m]));
  const functionErrors = new cloudwatch.Alarm(stack, 'EdgeFunctionErrors', {
    alarmDescription:
      'A Lambda@Edge function failed in us-east-1 (elsewhere its failures show in the 5xx error rate).',
    metric: new cloudwatch.MathExpression({
      expression: Object.keys(usingMetrics).join(' + '),
      usingMetrics,
      period,
      label: 'Lambda@Edge errors (us-east-1 replicas)',
    }),
    threshold: monitoring.functionErrorsThreshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });

  const dashboard = new cloudwatch.Dashboard(stack, 'Dashboard', {
    dashboardName: `${stack.stackName}-edge`,
    widgets: [
      [
        new cloudwatch.GraphWidget({
          title: 'Requests',
          left: [distributionMetric(distribution, 'Requests', cloudwatch.Stats.SUM)],
        }),
        new cloudwatch.GraphWidget({
          title: 'Error rate (%)',
          left: ['4xxErrorRate', '5xxErrorRate'].map((name) =>
            distributionMetric(distribution, name, cloudwatch.Stats.AVERAGE),
          ),
          leftAnnotations: [{ value: monitoring.error5xxRatePercent, label: '5xx alarm' }],
        }),
      ],
      [
        new cloudwatch.GraphWidget({ title: 'Lambda@Edge errors (us-east-1 replicas)', left: perFunction }),
        ...(monitoring.additionalMetrics
          ? [
              new cloudwatch.GraphWidget({
                title: 'Cache hit rate (%)',
                left: [distributionMetric(distribution, 'CacheHitRate', cloudwatch.Stats.AVERAGE)],
              }),
            ]
          : []),
      ],
    ],
  });
  return { error5xxRate, functionErrors, dashboard };
}
