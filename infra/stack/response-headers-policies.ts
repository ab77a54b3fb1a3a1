/**
 * Security headers as CloudFront response headers policies, from edge/config.ts: a policy applies to every
 * response (cached hits and error pages included) at no invocation cost, unlike viewer-response code.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { securityHeaders, ttl } from '../../edge/config.ts';

/** The browser may keep a hashed asset for ttl.immutable without revalidating. */
export const immutableCacheControl = `public, max-age=${ttl.immutable}, immutable`;

export function securityHeadersPolicy(stack: Stack, id: string): cloudfront.ResponseHeadersPolicy {
  return headersPolicy(stack, id);
}

/** A behavior takes one policy at most, so the hashed assets' Cache-Control rides on a copy of the security one. */
export function immutableAssetHeadersPolicy(stack: Stack, id: string): cloudfront.ResponseHeadersPolicy {
  return headersPolicy(stack, id, [
    { header: 'Cache-Control', value: immutableCacheControl, override: true },
  ]);
}

/** The CDK enum member whose value is the config's string, so the config stays the only place it is typed. */
function enumMember<T extends string>(values: Record<string, T>, value: string): T {
  const member = Object.values(values).find((v) => v === value);
  if (!member) throw new Error(`infra: unsupported security header value '${value}' in edge/config.ts`);
  return member;
}

/** Security headers from edge/config.ts, plus any extra custom headers (`purpose` names them in the comment). */
export function headersPolicy(
  stack: Stack,
  id: string,
  extra: cloudfront.ResponseCustomHeader[] = [],
  purpose = 'immutable caching',
): cloudfront.ResponseHeadersPolicy {
  const hsts = securityHeaders.strictTransportSecurity;
  return new cloudfront.ResponseHeadersPolicy(stack, id, {
    comment: `edge-storefront security headers${extra.length ? ` + ${purpose}` : ''}`,
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
