import { beforeAll, describe, expect, it } from 'vitest';
import { monitoring } from '../../edge/config.ts';
import { onlyResource, type Synthesized, sharedSynthesis } from './synth.ts';
import type { Json } from './template-view.ts';

let synth: Synthesized;
let distributionId: string;
beforeAll(() => {
  synth = sharedSynthesis();
  distributionId = onlyResource(synth.template, 'AWS::CloudFront::Distribution').id;
});

function alarms(): Json[] {
  return Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).map(
    (a) => (a as { Properties: Json }).Properties,
  );
}

describe('operability: alarms and a dashboard in us-east-1', () => {
  it("alarms on the distribution's 5xx error rate (Region Global, as CloudFront publishes it)", () => {
    const alarm = alarms().find((a) => a.MetricName === '5xxErrorRate');
    expect(alarm).toMatchObject({
      Namespace: 'AWS/CloudFront',
      Statistic: 'Average',
      Period: 300,
      Threshold: monitoring.error5xxRatePercent,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: monitoring.evaluationPeriods,
      TreatMissingData: 'notBreaching',
    });
    expect(alarm?.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'DistributionId', Value: { Ref: distributionId } },
        { Name: 'Region', Value: 'Global' },
      ]),
    );
  });

  it("alarms on any error of the four Lambda@Edge functions' us-east-1 replicas", () => {
    const alarm = alarms().find((a) => a.Metrics !== undefined);
    expect(alarm).toMatchObject({
      Threshold: monitoring.functionErrorsThreshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    const metrics = ((alarm?.Metrics ?? []) as Json[]).filter((m) => m.MetricStat !== undefined);
    expect(metrics).toHaveLength(4);
    for (const m of metrics) {
      const stat = (m.MetricStat as Json).Metric as Json;
      expect(stat).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors' });
      // us-east-1.<function name>: the name Lambda@Edge replicas report under (rule 2.7).
      expect(JSON.stringify(stat.Dimensions)).toContain('us-east-1.');
    }
  });

  it('has a dashboard with requests, error rates and function errors; the hit rate only when opted in', () => {
    const body = JSON.stringify(
      onlyResource(synth.template, 'AWS::CloudWatch::Dashboard').props.DashboardBody,
    );
    for (const metric of ['Requests', '4xxErrorRate', '5xxErrorRate', 'Errors'])
      expect(body).toContain(metric);
    expect(body.includes('CacheHitRate')).toBe(monitoring.additionalMetrics);
  });

  it('leaves the billed additional metrics off by default', () => {
    expect(monitoring.additionalMetrics).toBe(false);
    expect(synth.template.findResources('AWS::CloudFront::MonitoringSubscription')).toEqual({});
  });
});
