/**
 * The one stack: the pieces live in infra/stack/, this file only wires them together. Every construct is
 * created directly in the stack (helpers take the Stack as scope), so logical IDs stay those of a deployed
 * stack: moving a construct under a new scope would change its ID and replace the resource.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { createLogBucket, createSiteBucket } from './stack/buckets.ts';
import { siteDist } from './stack/build-outputs.ts';
import { type CustomDomain, createDistribution } from './stack/distribution.ts';
import { createEdgeFunctions } from './stack/edge-functions.ts';
import { addMonitoring } from './stack/monitoring.ts';
import {
  acknowledgeBucketDeploymentFindings,
  acknowledgeDefaultCertificate,
  acknowledgeDistributionFindings,
} from './stack/nag-acknowledgements.ts';
import { addOutputs } from './stack/outputs.ts';
import { uploadSite } from './stack/site-upload.ts';

export type { CustomDomain } from './stack/distribution.ts';

export interface StorefrontStackProps extends StackProps {
  /** Without one the distribution answers on *.cloudfront.net, where CloudFront pins TLSv1 (nag CFR4). */
  customDomain?: CustomDomain;
  /** The built site to upload (default site/dist); the infra tests pass a fixture, unaffected by site rebuilds. */
  siteDir?: string;
}

export class StorefrontStack extends Stack {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: StorefrontStackProps) {
    super(scope, id, props);
    const { customDomain } = props;

    // Creation order is the order of the template's resources: keep it, so the template stays byte-identical.
    const logBucket = createLogBucket(this);
    const siteBucket = createSiteBucket(this, logBucket);
    const { functions, logGroups } = createEdgeFunctions(this);
    this.distribution = createDistribution(this, { siteBucket, logBucket, functions, customDomain });
    if (!customDomain) acknowledgeDefaultCertificate(this.distribution);
    uploadSite(this, props.siteDir ?? siteDist, siteBucket, this.distribution);

    acknowledgeDistributionFindings(this.distribution);
    acknowledgeBucketDeploymentFindings(this, siteBucket);
    // The groups must exist before the first replica logs, or CloudFormation finds the name taken.
    for (const group of logGroups) this.distribution.node.addDependency(group);
    addOutputs(this, this.distribution, siteBucket, functions);
    addMonitoring(this, this.distribution, functions);
  }
}
