/**
 * Starts the local CloudFront on a fixture stack for a test file, through the test kit's startTestCloudFront:
 * a clock the tests move forward, the per-request logs (what ran, the cache result, the trace) collected.
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestCloudFront, type TestCloudFront } from '../../testing/start.ts';
import { fixtureCdkOut } from './synth.ts';

export interface Harness {
  /** The running local CloudFront, once beforeAll has started it. */
  readonly edge: TestCloudFront;
  get: TestCloudFront['get'];
  advance: TestCloudFront['advance'];
  ran: TestCloudFront['ran'];
  readonly logs: TestCloudFront['logs'];
  readonly warnings: TestCloudFront['warnings'];
  readonly infos: TestCloudFront['infos'];
}

export function useLocalCloudFront(
  stack: string,
  options: { trace?: boolean; deadlineMs?: number; watch?: boolean } = {},
): Harness {
  let started: TestCloudFront | undefined;
  const running = (): TestCloudFront => {
    if (!started) throw new Error('the local CloudFront is not running yet (use the harness inside a test)');
    return started;
  };
  beforeAll(async () => {
    started = await startTestCloudFront({
      cdkOut: await fixtureCdkOut(),
      stack,
      trace: options.trace ?? false,
      ...(options.deadlineMs !== undefined && { deadlineMs: options.deadlineMs }),
      ...(options.watch !== undefined && { watch: options.watch }),
    });
  }, 90_000);
  afterAll(async () => {
    await started?.close();
  });
  return {
    get edge() {
      return running();
    },
    get logs() {
      return running().logs;
    },
    get warnings() {
      return running().warnings;
    },
    get infos() {
      return running().infos;
    },
    advance: (ms) => running().advance(ms),
    get: (path, headers, init) => running().get(path, headers, init),
    ran: () => running().ran(),
  };
}
