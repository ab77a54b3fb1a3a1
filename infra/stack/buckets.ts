/** The two S3 buckets: the private site origin and the bucket both access logs go to. */
import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

export function createLogBucket(stack: Stack): s3.Bucket {
  // CloudFront standard logs are delivered with an ACL, so this bucket must allow ACLs (object writer).
  return new s3.Bucket(stack, 'Logs', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
    lifecycleRules: [{ expiration: Duration.days(30) }],
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });
}

/** Reached only by CloudFront (origin access control); its server access logs go to the log bucket. */
export function createSiteBucket(stack: Stack, logBucket: s3.IBucket): s3.Bucket {
  return new s3.Bucket(stack, 'Site', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    serverAccessLogsBucket: logBucket,
    serverAccessLogsPrefix: 's3/',
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: true,
  });
}
