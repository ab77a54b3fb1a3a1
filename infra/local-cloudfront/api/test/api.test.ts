import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
  ListDistributionsCommand,
  ListInvalidationsCommand,
} from '@aws-sdk/client-cloudfront';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { DistributionControl } from '../../types.ts';
import { handleCloudFrontApi } from '../index.ts';

/** A test double of the emulator's side of the seam: the template config plus a recorded invalidate(). */
function fakeDistribution(id: string) {
  const calls: string[][] = [];
  const distribution: DistributionControl & { calls: string[][] } = {
    id,
    domainName: `${id.toLowerCase()}.cloudfront.localhost`,
    config: {
      Enabled: true,
      DefaultRootObject: 'index.html',
      IPV6Enabled: true,
      Origins: [
        { Id: 'site', DomainName: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] }, S3OriginConfig: {} },
      ],
      DefaultCacheBehavior: {
        TargetOriginId: 'site',
        ViewerProtocolPolicy: 'redirect-to-https',
        LambdaFunctionAssociations: [
          { EventType: 'viewer-request', LambdaFunctionARN: { Ref: 'ViewerRequestVersion' } },
        ],
      },
      CacheBehaviors: [
        { PathPattern: '/images/*', TargetOriginId: 'site', ViewerProtocolPolicy: 'allow-all' },
      ],
      CustomErrorResponses: [{ ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html' }],
    },
    invalidate(paths) {
      calls.push(paths);
      return paths.length;
    },
    calls,
  };
  return distribution;
}

let distributions: ReturnType<typeof fakeDistribution>[] = [];
let server: Server;
let client: CloudFrontClient;
let endpoint: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (!(await handleCloudFrontApi(req, res, distributions))) res.writeHead(418).end('not the API');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new CloudFrontClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  distributions = [fakeDistribution('E1LOCAL'), fakeDistribution('E2LOCAL')];
});

const invalidate = (paths: string[], callerReference = `ref-${Math.random()}`) =>
  client.send(
    new CreateInvalidationCommand({
      DistributionId: 'E1LOCAL',
      InvalidationBatch: {
        CallerReference: callerReference,
        Paths: { Quantity: paths.length, Items: paths },
      },
    }),
  );

describe('distributions', () => {
  test('GetDistribution returns the template config in the API shape, with an ETag', async () => {
    const { Distribution, ETag } = await client.send(new GetDistributionCommand({ Id: 'E1LOCAL' }));
    expect(ETag).toMatch(/^E[0-9A-Z]+$/);
    expect(Distribution).toMatchObject({
      Id: 'E1LOCAL',
      Status: 'Deployed',
      DomainName: 'e1local.cloudfront.localhost',
    });
    const config = Distribution?.DistributionConfig;
    expect(config).toMatchObject({ Enabled: true, DefaultRootObject: 'index.html', IsIPV6Enabled: true });
    expect(config?.Origins?.Items?.[0]).toMatchObject({ Id: 'site', DomainName: 'Site.RegionalDomainName' });
    expect(config?.DefaultCacheBehavior?.LambdaFunctionAssociations?.Items?.[0]).toMatchObject({
      EventType: 'viewer-request',
      LambdaFunctionARN: 'ViewerRequestVersion',
    });
    expect(config?.CacheBehaviors?.Items?.[0]?.PathPattern).toBe('/images/*');
    expect(config?.CustomErrorResponses?.Items?.[0]).toMatchObject({
      ErrorCode: 404,
      ResponsePagePath: '/404.html',
    });
  });

  test('ListDistributions lists every distribution the emulator serves', async () => {
    const { DistributionList } = await client.send(new ListDistributionsCommand({}));
    expect(DistributionList?.Quantity).toBe(2);
    expect(DistributionList?.Items?.map((d) => d.Id)).toEqual(['E1LOCAL', 'E2LOCAL']);
  });

  test('ListDistributions pages with MaxItems and Marker', async () => {
    const first = await client.send(new ListDistributionsCommand({ MaxItems: 1 }));
    const second = await client.send(
      new ListDistributionsCommand({ MaxItems: 1, Marker: first.DistributionList?.NextMarker }),
    );
    expect(first.DistributionList).toMatchObject({ IsTruncated: true, NextMarker: 'E1LOCAL', Quantity: 1 });
    expect(second.DistributionList?.Items?.map((d) => d.Id)).toEqual(['E2LOCAL']);
  });

  test('an unknown distribution id is NoSuchDistribution with status 404', async () => {
    const error = await client.send(new GetDistributionCommand({ Id: 'ENOPE' })).catch((e) => e);
    expect(error).toMatchObject({ name: 'NoSuchDistribution', $metadata: { httpStatusCode: 404 } });
  });
});

describe('invalidations (rule 5.9)', () => {
  test('CreateInvalidation removes the paths from the cache at once and reports Completed (rule 5.9)', async () => {
    const { Invalidation, Location } = await invalidate(['/images/*', '/index.html']);
    expect(distributions[0]?.calls).toEqual([['/images/*', '/index.html']]);
    expect(Invalidation).toMatchObject({
      Status: 'Completed',
      InvalidationBatch: { Paths: { Quantity: 2 } },
    });
    expect(Invalidation?.Id).toMatch(/^I[0-9A-Z]{13}$/);
    expect(Invalidation?.CreateTime).toBeInstanceOf(Date);
    expect(Location).toBe(`${endpoint}/2020-05-31/distribution/E1LOCAL/invalidation/${Invalidation?.Id}`);
  });

  test('GetInvalidation and ListInvalidations return created invalidations, newest first', async () => {
    const first = await invalidate(['/a']);
    const second = await invalidate(['/b']);
    const got = await client.send(
      new GetInvalidationCommand({ DistributionId: 'E1LOCAL', Id: first.Invalidation?.Id }),
    );
    const listed = await client.send(new ListInvalidationsCommand({ DistributionId: 'E1LOCAL' }));
    expect(got.Invalidation?.InvalidationBatch?.Paths?.Items).toEqual(['/a']);
    expect(listed.InvalidationList?.Items?.map((i) => i.Id)).toEqual([
      second.Invalidation?.Id,
      first.Invalidation?.Id,
    ]);
    expect(listed.InvalidationList?.Items?.[0]?.Status).toBe('Completed');
  });

  test('a repeated CallerReference returns the earlier invalidation without invalidating again', async () => {
    const first = await invalidate(['/a'], 'deploy-42');
    const again = await invalidate(['/a'], 'deploy-42');
    expect(again.Invalidation?.Id).toBe(first.Invalidation?.Id);
    expect(distributions[0]?.calls).toHaveLength(1);
  });

  test.each([
    ['does not start with "/"', 'images/*'],
    ['has "*" before the end', '/images/*/hero'],
    ['is longer than 4000 characters', `/${'a'.repeat(4000)}`],
  ])(
    'a path that %s is InvalidArgument with status 400 and invalidates nothing (rule 5.9)',
    async (_, path) => {
      const error = await invalidate(['/ok', path]).catch((e) => e);
      expect(error).toMatchObject({ name: 'InvalidArgument', $metadata: { httpStatusCode: 400 } });
      expect(distributions[0]?.calls).toEqual([]);
    },
  );

  test('an unknown invalidation id is NoSuchInvalidation with status 404', async () => {
    const error = await client
      .send(new GetInvalidationCommand({ DistributionId: 'E1LOCAL', Id: 'INOPE' }))
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'NoSuchInvalidation', $metadata: { httpStatusCode: 404 } });
  });

  test('invalidating on an unknown distribution is NoSuchDistribution', async () => {
    const error = await client
      .send(
        new CreateInvalidationCommand({
          DistributionId: 'ENOPE',
          InvalidationBatch: { CallerReference: 'x', Paths: { Quantity: 1, Items: ['/a'] } },
        }),
      )
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'NoSuchDistribution' });
  });
});

test('a malformed escape in the path is a 400 InvalidArgument XML error, not a 500', async () => {
  for (const target of ['/2020-05-31/distribution/%', '/2020-05-31/distribution/E1LOCAL/invalidation/%zz']) {
    const response = await fetch(`${endpoint}${target}`);
    expect({ target, status: response.status }).toEqual({ target, status: 400 });
    expect(response.headers.get('content-type')).toBe('text/xml');
    const body = await response.text();
    expect(body).toContain('<ErrorResponse');
    expect(body).toContain('<Code>InvalidArgument</Code>');
  }
});

test('requests outside /2020-05-31/ are left to the caller', async () => {
  const response = await fetch(`${endpoint}/index.html`);
  expect(response.status).toBe(418);
});
