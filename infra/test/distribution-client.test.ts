/**
 * The deployed e2e run's CloudFront client code, run against the local CloudFront's AWS-compatible API
 * (the emulator serves /2020-05-31/... beside the site): the same SDK calls, the same parsing, on 127.0.0.1.
 */
import { CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { startTestCloudFront, type TestCloudFront } from '@edge-storefront/local-cloudfront/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../edge/config.ts';
import { invalidateAll, waitDeployed } from '../deploy/distribution-client.ts';
import { sharedSynthesis } from './synth.ts';

let local: TestCloudFront;
let client: CloudFrontClient;
beforeAll(async () => {
  // The local CloudFront only reads cdk.out (and keeps its cache in memory), so it can serve the shared one.
  local = await startTestCloudFront({ cdkOut: sharedSynthesis().assembly.directory });
  client = new CloudFrontClient({
    endpoint: local.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client?.destroy();
  await local?.close();
});

describe('distribution client against the local CloudFront API', () => {
  it('waits for the distribution to be Deployed and learns its domain', async () => {
    const seen: string[] = [];
    const deployed = await waitDeployed(client, local.control.id, {
      intervalMs: 10,
      log: (m) => seen.push(m),
    });
    expect(deployed).toEqual({ id: local.control.id, domainName: local.control.domainName });
    expect(seen).toEqual([`distribution ${local.control.id}: Deployed`]);
  });

  it('invalidates everything and waits until the invalidation is Completed: the next request misses', async () => {
    const page = `${local.url}${paths.notFoundPage}`;
    await fetch(page).then((r) => r.arrayBuffer());
    expect((await fetch(page)).headers.get('x-cache')).toBe('Hit from cloudfront');

    const id = await invalidateAll(client, local.control.id, { intervalMs: 10 });

    expect(id).toMatch(/\S/);
    expect((await fetch(page)).headers.get('x-cache')).toBe('Miss from cloudfront');
  });

  it('fails on an unknown distribution with the API error name', async () => {
    await expect(waitDeployed(client, 'ENOSUCHDIST', { intervalMs: 10 })).rejects.toMatchObject({
      name: 'NoSuchDistribution',
    });
  });

  it('gives up after its bound while a distribution stays InProgress', async () => {
    // Neither AWS nor the emulator can be held InProgress on demand, so this one answer is scripted.
    const inProgress = {
      send: async (command: unknown) => {
        expect(command).toBeInstanceOf(GetDistributionCommand);
        return { Distribution: { Status: 'InProgress', DomainName: 'x' } };
      },
    } as unknown as CloudFrontClient;
    let clock = 0;
    const options = {
      timeoutMs: 60_000,
      intervalMs: 15_000,
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms;
      },
    };
    await expect(waitDeployed(inProgress, 'E1', options)).rejects.toThrow(
      /not Deployed: gave up after 60000 ms/,
    );
    expect(clock).toBeLessThanOrEqual(60_000);
  });
});
