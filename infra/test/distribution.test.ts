import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths, ttl } from '../../edge/config.ts';
import { createApp } from '../app.ts';
import {
  fixtureSite,
  removeTempDirs,
  type Synthesized,
  sharedSynthesis,
  synthesize,
  synthTimeout,
} from './synth.ts';
import { distributionConfig } from './template-view.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = sharedSynthesis();
});
// The custom-domain app is a different app (other context): it synthesizes its own, into a temp dir.
afterAll(removeTempDirs);

describe('distribution', () => {
  it('serves HTTP/2 and HTTP/3', () => {
    expect(distributionConfig(synth.template).HttpVersion).toBe('http2and3');
  });

  it('has a default root object (rule 5.7: only "/" uses it; viewer-request rewrites both)', () => {
    expect(distributionConfig(synth.template).DefaultRootObject).toBe('index.html');
  });

  it('leaves `cdk synth` no warning to print (the LIST-origin one is acknowledged: the root object is set)', () => {
    const messages = synth.assembly.stacks.flatMap((stack) => stack.messages);
    expect(messages.map((m) => `${m.level} ${m.id}: ${String(m.entry.data)}`)).toEqual([]);
  });

  it("answers origin 404s with the site's 404 page, cached ttl.error, and leaves a 403 a 403 (rule 5.8, 6)", () => {
    expect(distributionConfig(synth.template).CustomErrorResponses).toEqual([
      {
        ErrorCode: 404,
        ResponseCode: 404,
        ResponsePagePath: paths.notFoundPage,
        ErrorCachingMinTTL: ttl.error,
      },
    ]);
  });

  it('writes standard logs to the log bucket', () => {
    const logs = distributionConfig(synth.template).Logging as { Bucket: { 'Fn::GetAtt': string[] } };
    const [logBucket] = logs.Bucket['Fn::GetAtt'];
    expect(synth.template.toJSON().Resources[logBucket as string].Properties.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'ObjectWriter' }],
    });
  });

  it('keeps the default certificate (no aliases) when no custom domain is given', () => {
    const config = distributionConfig(synth.template);
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });

  it('outputs the domain name, distribution id, bucket name and the edge function names', () => {
    expect(Object.keys(synth.template.toJSON().Outputs).sort()).toEqual([
      'BucketName',
      'DistributionDomainName',
      'DistributionId',
      'EdgeFunctionNames',
    ]);
    synth.template.hasOutput('DistributionId', { Value: { Ref: Match.stringLikeRegexp('^Distribution') } });
    synth.template.hasOutput('DistributionDomainName', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Distribution'), 'DomainName'] },
    });
  });
});

describe('custom domain from context', () => {
  const domain = {
    domainName: 'shop.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/x',
  };

  it(
    'uses the certificate with a TLSv1.2_2021 minimum and the domain as alias (and still passes nag)',
    () => {
      const config = distributionConfig(synthesize(domain).template);
      expect(config.Aliases).toEqual([domain.domainName]);
      expect(config.ViewerCertificate).toEqual({
        AcmCertificateArn: domain.certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      });
    },
    synthTimeout,
  );

  it('refuses a domain without a certificate', () => {
    expect(() =>
      createApp({ context: { domainName: domain.domainName }, nag: false, siteDir: fixtureSite }),
    ).toThrow(/certificateArn/);
  });
});
