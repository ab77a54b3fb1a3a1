/**
 * The distribution: three behaviors in CloudFront's matching order (reference 5.6) over one S3 origin, and
 * the site's 404 page for the origin's 403s and 404s (reference 5.8, 6).
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { addToBag, paths, ttl } from '../../edge/config.ts';
import { addToBagBehavior } from './add-to-bag.ts';
import { assetsCachePolicy, htmlCachePolicy, imagesCachePolicy } from './cache-policies.ts';
import { type EdgeFunctions, edgeLambdas } from './edge-functions.ts';
import { immutableAssetHeadersPolicy, securityHeadersPolicy } from './response-headers-policies.ts';

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
  // One origin object: every behavior shares the same OAC-signed S3 origin.
  const origin = origins.S3BucketOrigin.withOriginAccessControl(siteBucket);
  const common = {
    origin,
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    // On every behavior: a policy also covers cached hits and error pages, at no invocation cost.
    responseHeadersPolicy: securityHeadersPolicy(stack, 'SecurityHeaders'),
  };

  return new cloudfront.Distribution(stack, 'Distribution', {
    comment: 'edge-storefront',
    defaultRootObject: 'index.html',
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    // North America and Europe edges only: the cheapest class, enough for a workshop or a starter.
    priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    enableLogging: true,
    logBucket,
    logFilePrefix: 'cloudfront/',
    // The experiment report reads the variant cookie from cs(Cookie); see README "Privacy" for what this logs.
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
        responseHeadersPolicy: immutableAssetHeadersPolicy(stack, 'ImmutableAssetHeaders'),
      },
      [addToBag.pathPattern]: addToBagBehavior(stack, origin),
    },
    errorResponses: [403, 404].map((httpStatus) => ({
      httpStatus,
      responseHttpStatus: 404,
      responsePagePath: paths.notFoundPage,
      ttl: Duration.seconds(ttl.error),
    })),
  });
}
