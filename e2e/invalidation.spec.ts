import {
  CloudFrontClient,
  CreateInvalidationCommand,
  ListDistributionsCommand,
} from '@aws-sdk/client-cloudfront';
import { expect, test } from '@playwright/test';
import { productPath } from '../site/src/data/catalogue.ts';
import { isLocal } from './support.ts';

// A page no other spec checks the cache status of, so invalidating it cannot race another test.
const page = productPath({ slug: 'canvas-backpack' });
const object = `${page}index.html`;
const deployedReason =
  'a real invalidation needs AWS credentials and takes minutes; test:e2e:deployed already invalidates /* before the run';

test.describe('invalidation through the CloudFront API', () => {
  test.skip(!isLocal, deployedReason);

  test('an invalidated object is fetched from the origin again (rule 5.9)', async ({ request, baseURL }) => {
    await request.get(page);
    expect((await request.get(page)).headers()['x-cache']).toBe('Hit from cloudfront');

    // The same client code as against AWS, pointed at the local CloudFront's API.
    const client = new CloudFrontClient({
      endpoint: baseURL,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const list = await client.send(new ListDistributionsCommand({}));
    const id = list.DistributionList?.Items?.[0]?.Id;
    expect(id, 'the local distribution id').toBeTruthy();
    // viewer-request rewrote /products/canvas-backpack/ before the cache key, so the key is the rewritten URI
    // (rule 3, "Effects on the cache key").
    const created = await client.send(
      new CreateInvalidationCommand({
        DistributionId: id,
        InvalidationBatch: { CallerReference: `e2e-${Date.now()}`, Paths: { Quantity: 1, Items: [object] } },
      }),
    );
    expect(created.Invalidation?.Status).toBe('Completed');

    expect((await request.get(page)).headers()['x-cache'], 'first request after the invalidation').toBe(
      'Miss from cloudfront',
    );
    client.destroy();
  });
});
