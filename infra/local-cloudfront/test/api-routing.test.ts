import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { useLocalCloudFront } from './support/harness.ts';

const t = useLocalCloudFront('Conformance');
const client = () =>
  new CloudFrontClient({
    endpoint: t.edge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

describe('CloudFront API routing (rule 5.9, toolchain "client-cloudfront against a local server")', () => {
  it('answers /2020-05-31/ paths with the API, not the distribution', async () => {
    const out = await client().send(new GetDistributionCommand({ Id: t.edge.control.id }));
    expect(out.Distribution?.Id).toBe(t.edge.control.id);
    expect(t.logs).toHaveLength(0);
  });

  it('invalidates cached objects through CreateInvalidation (rule 5.9)', async () => {
    await t.get('/a.txt');
    expect((await t.get('/a.txt')).headers.get('x-cache')).toBe('Hit from cloudfront');
    await client().send(
      new CreateInvalidationCommand({
        DistributionId: t.edge.control.id,
        InvalidationBatch: { CallerReference: 'test', Paths: { Quantity: 1, Items: ['/a.txt'] } },
      }),
    );
    expect((await t.get('/a.txt')).headers.get('x-cache')).toBe('Miss from cloudfront');
  });
});
