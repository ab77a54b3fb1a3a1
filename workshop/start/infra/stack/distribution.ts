/**
 * The distribution: its behaviors in CloudFront's matching order (rule 5.6) over one S3 origin that may
 * list the bucket, so S3 answers 404 for a missing key itself, and the site's 404 page for those 404s
 * (rule 5.8, 6). A 403 stays a 403: it means a broken bucket policy or origin access control.
 */
import { Annotations, Duration, type Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { addToBag, monitoring, paths, ttl } from '../../edge/config.ts';
import { addToBagBehavior } from './add-to-bag.ts';
import { assetsCachePolicy, htmlCachePolicy, imagesCachePolicy } from './cache-policies.ts';
import { type EdgeFunctions, edgeLambdas } from './edge-functions.ts';
import { securityHeadersPolicy } from './response-headers-policies.ts';

/** A custom domain: both names are needed, since CloudFront only takes a certificate in us-east-1 for it. */
export interface CustomDomain {
  domainName: string;
  certificateArn: string;
}

export interface DistributionParts {
  siteBucket: s3.IBucket;
  logBucket: s3.IBucket;
  functions: EdgeFunctions;
  customDomain?: CustomDomain | undefined;
}

export function createDistribution(stack: Stack, parts: DistributionParts): cloudfront.Distribution {
  const { siteBucket, logBucket, functions, customDomain } = parts;
  // One origin object: every behavior shares the same OAC-signed S3 origin. LIST adds s3:ListBucket for
  // this distribution only (the bucket policy's AWS:SourceArn condition): S3 then answers 404 NoSuchKey for
  // a missing key instead of 403 (rule 6). No request can list the bucket through it: a listing needs the
  // bucket root as the key, and viewer-request rewrites "/" to a page while no policy forwards a query string.
  const origin = origins.S3BucketOrigin.withOriginAccessControl(siteBucket, {
    originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
  });
  const common = {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    // On every behavior: a policy also covers cached hits and error pages, at no invocation cost.
    responseHeadersPolicy: securityHeadersPolicy(stack, 'SecurityHeaders'),
  };

  const distribution = new cloudfront.Distribution(stack, 'Distribution', {
    comment: 'edge-storefront',
    defaultRootObject: 'index.html',
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    // North America and Europe edges only: the cheapest class, enough for a workshop or a starter.
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    // Cache hit rate and the other additional metrics are billed per month; off unless the config opts in.
    ...(monitoring.additionalMetrics ? { publishAdditionalMetrics: true } : {}),
    enableLogging: true,
    logBucket,
    logFilePrefix: 'cloudfront/',
    // The experiment report reads the variant and visitor id cookies from cs(Cookie) (rule 10.1); see
    // docs/experiment.md#privacy for what this logs.
    logIncludesCookies: true,
    ...(customDomain && {
      domainNames: [customDomain.domainName],
      certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', customDomain.certificateArn),
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    }),
    defaultBehavior: {
      ...common,
      cachePolicy: htmlCachePolicy(stack, 'HtmlCache'),
      edgeLambdas: edgeLambdas(functions, 'viewer-request', 'origin-response', 'viewer-response'),
    },
    additionalBehaviors: {
      [`${paths.imagePrefix}*`]: {
        ...common,
        cachePolicy: imagesCachePolicy(stack, 'ImagesCache'),
        // Image formats are already compressed; an Accept-Encoding key would only fragment the cache.
        compress: false,
        edgeLambdas: edgeLambdas(functions, 'viewer-request', 'origin-request', 'origin-response'),
      },
      [`${paths.hashedAssetPrefix}*`]: {
        ...common,
        cachePolicy: assetsCachePolicy(stack, 'AssetsCache'),
        // Runs on a miss only: `immutable` for an object, `no-store` for an error (a 404 during a deploy).
        edgeLambdas: edgeLambdas(functions, 'origin-response'),
      },
      [addToBag.pathPattern]: addToBagBehavior(stack, origin),
    },
    errorResponses: [
      {
        httpStatus: 404,
        responseHttpStatus: 404,
        responsePagePath: paths.notFoundPage,
        ttl: Duration.seconds(ttl.error),
      },
    ],
  });
  // CDK warns whenever an origin has LIST, without looking for defaultRootObject: it is set (above), so the
  // risk it names (a request for "/" listing the bucket) cannot arise; `cdk synth` would print it all the same.
  Annotations.of(distribution).acknowledgeWarning(
    '@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
    'defaultRootObject is index.html and viewer-request rewrites "/" to a page',
  );
  return distribution;
}
