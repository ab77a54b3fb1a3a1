/**
 * The one way a test starts the local CloudFront: on 127.0.0.1 and a free port, with no file watching, its log
 * lines and per-request logs collected instead of printed, and a clock the test can move forward.
 */
import { type LocalCloudFront, type LocalCloudFrontOptions, startLocalCloudFront } from '../index.ts';
import type { EdgeEventType } from '../lambda-edge.ts';
import type { RequestLog } from '../logs/request-log.ts';

export type TestCloudFrontOptions = Omit<LocalCloudFrontOptions, 'port' | 'logger' | 'now'>;

/** The running local CloudFront (url, stats, invalidate, close, ...) and what a test reads of it. */
export interface TestCloudFront extends LocalCloudFront {
  /** Every request's log, in order. */
  logs: RequestLog[];
  warnings: string[];
  /** Info lines other than the per-request ones (reloads, notices). */
  infos: string[];
  /** Moves the cache's clock forward (TTL tests). */
  advance(ms: number): void;
  /** A request as a viewer sends it; redirects are returned, not followed. */
  get(path: string, headers?: Record<string, string>, init?: RequestInit): Promise<Response>;
  /** The events whose functions ran for the last request, in order. */
  ran(): EdgeEventType[];
}

export async function startTestCloudFront(options: TestCloudFrontOptions): Promise<TestCloudFront> {
  const logs: RequestLog[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  let offset = 0;
  const edge = await startLocalCloudFront({
    watch: false,
    ...options,
    port: 0,
    now: () => Date.now() + offset,
    logger: { info: (line) => infos.push(line), warn: (line) => warnings.push(line) },
    onRequestLog: (log) => {
      logs.push(log);
      options.onRequestLog?.(log);
    },
  });
  return {
    ...edge,
    logs,
    warnings,
    infos,
    advance: (ms) => {
      offset += ms;
    },
    get: (path, headers = {}, init = {}) =>
      fetch(`${edge.url}${path}`, { ...init, headers, redirect: 'manual' }),
    ran: () => logs.at(-1)?.functions.map((f) => f.eventType) ?? [],
  };
}
