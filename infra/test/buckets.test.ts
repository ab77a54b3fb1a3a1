import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../edge/config.ts';
import { keptAcrossDeploys } from '../stack/site-upload.ts';
import { onlyResource, type Synthesized, sharedSynthesis } from './synth.ts';
import { distributionConfig, type Json } from './template-view.ts';

let synth: Synthesized;
let siteBucket: string;
let logBucket: string;
beforeAll(() => {
  synth = sharedSynthesis();
  const origin = (distributionConfig(synth.template).Origins as Json[])[0] as Json;
  siteBucket = (origin.DomainName as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] as string;
  const logging = distributionConfig(synth.template).Logging as { Bucket: { 'Fn::GetAtt': string[] } };
  logBucket = logging.Bucket['Fn::GetAtt'][0] as string;
});

function bucket(id: string): Json {
  return synth.template.toJSON().Resources[id].Properties;
}

function policyStatements(id: string): Json[] {
  const policies = synth.template.findResources('AWS::S3::BucketPolicy', {
    Properties: { Bucket: { Ref: id } },
  });
  return Object.values(policies).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement,
  );
}

describe.each([
  ['site', () => siteBucket],
  ['log', () => logBucket],
])('%s bucket', (_name, id) => {
  it('blocks every kind of public access', () => {
    expect(bucket(id()).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('is encrypted at rest', () => {
    expect(bucket(id()).BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
  });

  it('denies every request that is not TLS', () => {
    expect(policyStatements(id())).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });
});

describe('site bucket access', () => {
  it('is the only origin, reached through origin access control', () => {
    const origins = distributionConfig(synth.template).Origins as Json[];
    expect(origins).toHaveLength(1);
    expect(origins[0]).toMatchObject({
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    synth.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
  });

  it('grants CloudFront s3:GetObject and s3:ListBucket only, and only for this distribution (rule 6: SourceArn)', () => {
    const cloudFront = policyStatements(siteBucket).filter(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }),
    );
    const actions = [...new Set(cloudFront.flatMap((s) => [s.Action].flat()))].sort();
    // ListBucket lets S3 answer 404 NoSuchKey for a missing key; without it every miss is a 403.
    expect(actions).toEqual(['s3:GetObject', 's3:ListBucket']);
    const distribution = onlyResource(synth.template, 'AWS::CloudFront::Distribution').id;
    for (const statement of cloudFront) {
      expect(statement.Effect).toBe('Allow');
      const sourceArn = JSON.stringify(statement.Condition);
      expect(sourceArn).toContain('AWS:SourceArn');
      expect(sourceArn).toContain(':distribution/');
      expect(sourceArn).toContain(JSON.stringify({ Ref: distribution }));
    }
    const list = cloudFront.find((s) => [s.Action].flat().includes('s3:ListBucket'));
    // ListBucket acts on the bucket ARN itself (GetObject on its objects).
    expect([list?.Resource].flat()).toContainEqual({ 'Fn::GetAtt': [siteBucket, 'Arn'] });
  });

  it('sends server access logs to the log bucket', () => {
    expect(bucket(siteBucket).LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logBucket },
      LogFilePrefix: 's3/',
    });
  });

  it('lets S3 write those logs by bucket policy, for the site bucket only (no legacy log-delivery ACL)', () => {
    expect(bucket(logBucket).AccessControl).toBeUndefined();
    const delivery = policyStatements(logBucket).filter(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'logging.s3.amazonaws.com' }),
    );
    expect(delivery).toHaveLength(1);
    expect(delivery[0]).toMatchObject({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [siteBucket, 'Arn'] } } },
    });
  });
});

describe('upload (deploy order: assets first and kept, then pages, then the invalidation)', () => {
  function deployments() {
    return Object.entries(synth.template.findResources('Custom::CDKBucketDeployment')) as [
      string,
      { Properties: Json; DependsOn?: string[] },
    ][];
  }
  const assetsFirst = () => deployments().find(([, d]) => d.Properties.Prune === false);
  const pagesAfter = () => deployments().find(([, d]) => d.Properties.Prune !== false);

  it('uploads the hashed assets and image variants first, never pruning them', () => {
    expect(deployments()).toHaveLength(2);
    const [, assets] = assetsFirst() ?? [];
    expect(assets?.Properties).toMatchObject({
      DestinationBucketName: { Ref: siteBucket },
      Exclude: ['*'],
      Include: keptAcrossDeploys,
    });
    expect(keptAcrossDeploys).toEqual([
      `${paths.hashedAssetPrefix.slice(1)}*`,
      `${paths.variantPrefix.slice(1)}*`,
    ]);
    // No invalidation on this one: it only adds keys.
    expect(assets?.Properties.DistributionId).toBeUndefined();
  });

  it('uploads everything else after them, pruning only its own keys, then invalidates everything', () => {
    const [assetsId] = assetsFirst() ?? [];
    const [, pages] = pagesAfter() ?? [];
    expect(pages?.DependsOn).toContain(assetsId);
    expect(pages?.Properties).toMatchObject({
      DestinationBucketName: { Ref: siteBucket },
      Exclude: keptAcrossDeploys,
      DistributionId: { Ref: expect.stringMatching(/^Distribution/) },
      DistributionPaths: ['/*'],
    });
    expect(pages?.Properties.Include).toBeUndefined();
  });

  it('gives the deployment handler room for every image variant', () => {
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      MemorySize: 1024,
      Layers: Match.anyValue(),
    });
  });
});
