/**
 * The CloudFront calls the deployed e2e run needs, written against a CloudFrontClient passed in, so the
 * same code runs against AWS and against the local CloudFront's API (infra/test/distribution-client.test.ts).
 */
import { parseArgs } from 'node:util';
import {
  type CloudFrontClient,
  CreateInvalidationCommand,
  GetDistributionCommand,
  GetInvalidationCommand,
} from '@aws-sdk/client-cloudfront';
import { defaultStackName } from '../app.ts';
import { outputsFileFor, readStackOutputs } from './outputs.ts';

export interface PollOptions {
  /** Give up after this long (default: 25 min for a deployment, 15 min for an invalidation). */
  timeoutMs?: number;
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: (message: string) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Calls `check` until it returns a value, bounded by the timeout. */
async function poll<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: PollOptions,
  timeoutMs: number,
) {
  const { intervalMs = 15_000, sleep = defaultSleep, now = Date.now } = options;
  const deadline = now() + (options.timeoutMs ?? timeoutMs);
  for (;;) {
    const done = await check();
    if (done !== undefined) return done;
    if (now() + intervalMs > deadline)
      throw new Error(`${what}: gave up after ${options.timeoutMs ?? timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** Waits until the distribution's Status is 'Deployed' (a fresh or updated one is 'InProgress' for minutes). */
export async function waitDeployed(
  client: CloudFrontClient,
  id: string,
  options: PollOptions = {},
): Promise<{ id: string; domainName: string }> {
  return poll(
    `distribution ${id} not Deployed`,
    async () => {
      const { Distribution: d } = await client.send(new GetDistributionCommand({ Id: id }));
      options.log?.(`distribution ${id}: ${d?.Status}`);
      return d?.Status === 'Deployed' && d.DomainName ? { id, domainName: d.DomainName } : undefined;
    },
    options,
    25 * 60_000,
  );
}

/** Invalidates every path ('/*', one wildcard path: rule 5.9) and waits until it is Completed. */
export async function invalidateAll(
  client: CloudFrontClient,
  id: string,
  options: PollOptions = {},
): Promise<string> {
  const now = options.now ?? Date.now;
  const created = await client.send(
    new CreateInvalidationCommand({
      DistributionId: id,
      InvalidationBatch: { CallerReference: `e2e-${now()}`, Paths: { Quantity: 1, Items: ['/*'] } },
    }),
  );
  const invalidationId = created.Invalidation?.Id;
  if (!invalidationId) throw new Error(`CreateInvalidation on ${id} returned no invalidation id`);
  return poll(
    `invalidation ${invalidationId} not Completed`,
    async () => {
      const { Invalidation: inv } = await client.send(
        new GetInvalidationCommand({ DistributionId: id, Id: invalidationId }),
      );
      options.log?.(`invalidation ${invalidationId}: ${inv?.Status}`);
      return inv?.Status === 'Completed' ? invalidationId : undefined;
    },
    { intervalMs: 5_000, ...options },
    15 * 60_000,
  );
}

export interface Target {
  /** Without one there is nothing to wait for or invalidate (a URL given alone). */
  distributionId?: string;
  /** https://<domain>; when absent, the domain GetDistribution returns. */
  baseUrl?: string;
  /** Arguments after `--`, for Playwright (e.g. --grep, --project). */
  playwrightArgs: string[];
}

/**
 * --distribution-id / --url win over the stack's deploy outputs (--stack, else STACK_NAME, else the default);
 * at least one of them must be known, or this throws: a pipeline whose deploy wrote no outputs must fail,
 * not go green having tested nothing.
 */
export function resolveTarget(
  args: string[],
  outputsFile?: string,
  env: NodeJS.ProcessEnv = process.env,
): Target {
  const { values, positionals } = parseArgs({
    args,
    options: { 'distribution-id': { type: 'string' }, url: { type: 'string' }, stack: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  const stack = values.stack || env.STACK_NAME || defaultStackName;
  const file = outputsFile ?? outputsFileFor(stack);
  const outputs = values['distribution-id'] || values.url ? undefined : readStackOutputs(file, stack);
  const distributionId = values['distribution-id'] ?? outputs?.DistributionId;
  const url = values.url ?? (outputs ? `https://${outputs.DistributionDomainName}` : undefined);
  if (!distributionId && !url) {
    throw new Error(
      `Nothing to test: no outputs for stack ${stack} (${file}). Run \`npm run deploy -- --stack ${stack}\` first, ` +
        'or pass --distribution-id ID or --url https://...',
    );
  }
  return {
    ...(distributionId && { distributionId }),
    ...(url && { baseUrl: url.replace(/\/+$/, '') }),
    playwrightArgs: positionals,
  };
}
