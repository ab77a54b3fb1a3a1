import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CfnOutput,
  CfnResource,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { deviceClasses, paths, securityHeaders, ttl } from '../edge/config.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const siteDist = path.join(root, 'site', 'dist');
export const edgeDist = path.join(root, 'edge', 'dist');

/** A custom domain: both names are needed, since CloudFront only takes a certificate in us-east-1 for it. */
export interface CustomDomain {
  domainName: string;
  certificateArn: string;
}

export interface StorefrontStackProps extends StackProps {
  /** Without one the distribution answers on *.cloudfront.net, where CloudFront pins TLSv1 (nag CFR4). */
  customDomain?: CustomDomain;
  /** The built site to upload (default site/dist); the infra tests pass a fixture, unaffected by site rebuilds. */
  siteDir?: string;
}

export type EdgeEvent = 'viewer-request' | 'origin-request' | 'origin-response' | 'viewer-response';

/**
 * Reference 2.6, legacy column: CloudFront refuses viewer-trigger associations above 128 MB / 5 s. Origin
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

/** Fails synthesis with the command to run instead of letting CDK hash a missing folder. */
export function requireBuilt(dir: string, file: string, command: string): string {
  if (!existsSync(path.join(dir, file))) {
    throw new Error(
      `infra: missing build output ${path.relative(root, path.join(dir, file))}; run \`${command}\` first`,
    );
  }
  return dir;
}

export class StorefrontStack extends Stack {
  readonly distribution: cloudfront.Distribution;
  private readonly edgeLogGroups: logs.LogGroup[] = [];

  constructor(scope: Construct, id: string, props: StorefrontStackProps) {
    super(scope, id, props);

    const logBucket = this.createLogBucket();
    const bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const fns = {
      'viewer-request': this.edgeFunction('ViewerRequest', 'viewer-request'),
      'origin-request': this.edgeFunction('OriginRequest', 'origin-request'),
      'origin-response': this.edgeFunction('OriginResponse', 'origin-response'),
      'viewer-response': this.edgeFunction('ViewerResponse', 'viewer-response'),
    };
    const on = (...events: EdgeEvent[]): cloudfront.EdgeLambda[] =>
      events.map((event) => ({ functionVersion: fns[event].currentVersion, eventType: eventTypes[event] }));

    // One origin object: every behavior shares the same OAC-signed S3 origin.
    const origin = origins.S3BucketOrigin.withOriginAccessControl(bucket);
    const common = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // On every behavior: a policy also covers cached hits and error pages, at no invocation cost.
      responseHeadersPolicy: securityHeadersPolicy(this, 'SecurityHeaders'),
    };
    const { customDomain } = props;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'edge-storefront',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // North America and Europe edges only: the cheapest class, enough for a workshop or a starter.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
      ...(customDomain && {
        domainNames: [customDomain.domainName],
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', customDomain.certificateArn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      defaultBehavior: {
        ...common,
        cachePolicy: htmlCachePolicy(this, 'HtmlCache'),
        edgeLambdas: on('viewer-request', 'origin-response', 'viewer-response'),
      },
      additionalBehaviors: {
        [`${paths.imagePrefix}*`]: {
          ...common,
          cachePolicy: imagesCachePolicy(this, 'ImagesCache'),
          // Image formats are already compressed; an Accept-Encoding key would only fragment the cache.
          compress: false,
          edgeLambdas: on('viewer-request', 'origin-request', 'origin-response'),
        },
        [`${paths.hashedAssetPrefix}*`]: {
          ...common,
          cachePolicy: assetsCachePolicy(this, 'AssetsCache'),
          responseHeadersPolicy: immutableAssetHeadersPolicy(this, 'ImmutableAssetHeaders'),
        },
      },
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 404,
        responsePagePath: paths.notFoundPage,
        ttl: Duration.seconds(ttl.error),
      })),
    });
    if (!customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain configured: on the default *.cloudfront.net certificate CloudFront pins TLSv1 and ' +
          'ignores minimumProtocolVersion. Pass -c domainName=... -c certificateArn=... to get TLSv1.2_2021.',
      });
    }

    new s3deploy.BucketDeployment(this, 'Upload', {
      sources: [
        s3deploy.Source.asset(requireBuilt(props.siteDir ?? siteDist, '404.html', 'npm run build:site')),
      ],
      destinationBucket: bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // The default 128 MB unzips and syncs every image variant slowly and can run out of memory.
      memoryLimit: 1024,
    });

    acknowledgeNagFindings(this, this.distribution, bucket);
    // The groups must exist before the first replica logs, or CloudFormation finds the name taken.
    for (const group of this.edgeLogGroups) this.distribution.node.addDependency(group);
    this.outputs(bucket, fns);
  }

  private createLogBucket(): s3.Bucket {
    // CloudFront standard logs are delivered with an ACL, so this bucket must allow ACLs (object writer).
    return new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
  }

  private edgeFunction(id: string, event: EdgeEvent): cloudfront.experimental.EdgeFunction {
    const limits = event.startsWith('viewer') ? edgeLimits.viewer : edgeLimits.origin;
    const fn = new cloudfront.experimental.EdgeFunction(this, id, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(
        requireBuilt(path.join(edgeDist, event), 'index.mjs', 'npm run build:edge'),
      ),
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
    // Replicas log to /aws/lambda/us-east-1.<name> in the region that ran them (reference 2.7); the function
    // itself is never invoked directly. The us-east-1 group is created ahead so it gets a retention; groups in
    // other regions are out of this stack's reach (README, "Clean up").
    this.edgeLogGroups.push(
      new logs.LogGroup(this, `${id}Logs`, {
        logGroupName: `/aws/lambda/us-east-1.${fn.functionName}`,
        retention: edgeLogRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    );
    Validations.of(fn).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'Pinned to nodejs22.x: the runtime the Lambda@Edge documentation names, the Node major the local ' +
          'CloudFront and the bundles (esbuild target node22) are tested on.',
      },
      {
        id: `AwsSolutions-IAM4[Policy::${basicExecutionRole}]`,
        reason:
          'Logs only. Replicas write to /aws/lambda/us-east-1.<name> in whichever region serves the viewer, ' +
          'so a policy scoped to one log group ARN would drop their logs.',
      },
    );
    return fn;
  }

  private outputs(bucket: s3.IBucket, fns: Record<EdgeEvent, cloudfront.experimental.EdgeFunction>): void {
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'BucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'EdgeFunctionNames', {
      description: 'Retained on destroy (replicated functions); delete them a few hours later',
      value: Fn.join(
        ',',
        Object.values(fns).map((fn) => fn.functionName),
      ),
    });
  }
}

const eventTypes: Record<EdgeEvent, cloudfront.LambdaEdgeEventType> = {
  'viewer-request': cloudfront.LambdaEdgeEventType.VIEWER_REQUEST,
  'origin-request': cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST,
  'origin-response': cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE,
  'viewer-response': cloudfront.LambdaEdgeEventType.VIEWER_RESPONSE,
};

/** Default behavior (HTML and objects fetched by their own key): the viewer-request rewrite put the variant in the URI. */
function htmlCachePolicy(scope: Construct, id: string): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, id, {
    comment: 'HTML: the URI alone; origin-response sets the lifetime per object',
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(ttl.htmlEdge),
    // Lets origin-response keep /_img/ objects (fetched by their own key) a year.
    maxTtl: Duration.seconds(ttl.immutable),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/** The CloudFront-Is-*-Viewer headers origin-request reads, named by edge/config.ts. */
export const deviceHeaders = deviceClasses.classes.map((c) => c.header);

/** /images/*: the URI (colour and format already in it) plus the device headers origin-request reads, nothing else. */
function imagesCachePolicy(scope: Construct, id: string): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, id, {
    comment: 'Images: URI + CloudFront-Is-*-Viewer, the only inputs of origin-request',
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList(...deviceHeaders),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(ttl.immutable),
    maxTtl: Duration.seconds(ttl.immutable),
    enableAcceptEncodingGzip: false,
    enableAcceptEncodingBrotli: false,
  });
}

/** /_astro/*: content-hashed names never change content, so CloudFront keeps them whatever the origin says. */
function assetsCachePolicy(scope: Construct, id: string): cloudfront.CachePolicy {
  const year = Duration.seconds(ttl.immutable);
  return new cloudfront.CachePolicy(scope, id, {
    comment: 'Hashed build assets: URI only, kept for ttl.immutable',
    headerBehavior: cloudfront.CacheHeaderBehavior.none(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    minTtl: year,
    defaultTtl: year,
    maxTtl: year,
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}

/** The CDK enum member whose value is the config's string, so the config stays the only place it is typed. */
function enumMember<T extends string>(values: Record<string, T>, value: string): T {
  const member = Object.values(values).find((v) => v === value);
  if (!member) throw new Error(`infra: unsupported security header value '${value}' in edge/config.ts`);
  return member;
}

/** Security headers from edge/config.ts, plus any extra custom headers (a policy per behavior, one at most). */
function headersPolicy(
  scope: Construct,
  id: string,
  extra: cloudfront.ResponseCustomHeader[] = [],
): cloudfront.ResponseHeadersPolicy {
  const hsts = securityHeaders.strictTransportSecurity;
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: `edge-storefront security headers${extra.length ? ' + immutable caching' : ''}`,
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(hsts.maxAgeSeconds),
        includeSubdomains: hsts.includeSubDomains,
        preload: hsts.preload,
        override: true,
      },
      contentSecurityPolicy: { contentSecurityPolicy: securityHeaders.contentSecurityPolicy, override: true },
      // CloudFront's only X-Content-Type-Options value is nosniff, which is what the config asks for.
      contentTypeOptions: { override: securityHeaders.contentTypeOptions === 'nosniff' },
      referrerPolicy: {
        referrerPolicy: enumMember(cloudfront.HeadersReferrerPolicy, securityHeaders.referrerPolicy),
        override: true,
      },
      frameOptions: {
        frameOption: enumMember(cloudfront.HeadersFrameOption, securityHeaders.frameOptions),
        override: true,
      },
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: 'Permissions-Policy', value: securityHeaders.permissionsPolicy, override: true },
        ...extra,
      ],
    },
  });
}

function securityHeadersPolicy(scope: Construct, id: string): cloudfront.ResponseHeadersPolicy {
  return headersPolicy(scope, id);
}

/** The browser may keep a hashed asset for ttl.immutable without revalidating. */
export const immutableCacheControl = `public, max-age=${ttl.immutable}, immutable`;

function immutableAssetHeadersPolicy(scope: Construct, id: string): cloudfront.ResponseHeadersPolicy {
  return headersPolicy(scope, id, [
    { header: 'Cache-Control', value: immutableCacheControl, override: true },
  ]);
}

/**
 * cdk-nag findings on what CDK generates for BucketDeployment (a singleton handler in the stack) and on the
 * distribution. Each acknowledgement names the exact finding, so a new wildcard still fails synthesis.
 */
function acknowledgeNagFindings(stack: Stack, distribution: cloudfront.Distribution, site: s3.Bucket): void {
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR1',
      reason: 'A public storefront meant for every country; nothing is licensed per region.',
    },
    {
      id: 'AwsSolutions-CFR2',
      reason:
        'Static pages and images only (no forms, login or API): no request reaches code that WAF rules ' +
        'protect, and a web ACL costs more than the workshop stack. Attach one with webAclId when that changes.',
    },
  );
  const deployHandler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!deployHandler)
    throw new Error('infra: BucketDeployment handler not found for its nag acknowledgements');
  const siteArn = stack.getLogicalId(site.node.defaultChild as s3.CfnBucket);
  const assetsBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${stack.account}-${stack.region}`;
  const cdkManaged = 'BucketDeployment handler generated by CDK';
  Validations.of(deployHandler).acknowledge(
    { id: 'AwsSolutions-L1', reason: `${cdkManaged}: CDK pins its runtime; it runs only during deploy.` },
    { id: `AwsSolutions-IAM4[Policy::${basicExecutionRole}]`, reason: `${cdkManaged}: logs only.` },
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${cdkManaged}: syncs (and prunes) every object of the site; scoped to the two buckets below.`,
    })),
    {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetsBucket}/*]`,
      reason: `${cdkManaged}: reads the site zip from the CDK bootstrap assets bucket.`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${siteArn}.Arn>/*]`,
      reason: `${cdkManaged}: writes every object of the site bucket, whose keys are the site's paths.`,
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: `${cdkManaged}: cloudfront:CreateInvalidation/GetInvalidation, which have no resource-level ARN here.`,
    },
  );
}

const basicExecutionRole = 'arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
