/**
 * Starts the local CloudFront on a fixture stack for a test file (port 0, 127.0.0.1), with a clock the
 * tests move forward and the per-request logs (what ran, the cache result, the trace) collected.
 */
import { afterAll, beforeAll } from 'vitest';
import { type LocalCloudFront, startLocalCloudFront } from '../../index.ts';
import type { RequestLog } from '../../logs/request-log.ts';
import { fixtureCdkOut } from './synth.ts';

export interface Harness {
  edge: LocalCloudFront;
  logs: RequestLog[];
  warnings: string[];
  /** Info lines other than the per-request ones (reloads, ...). */
  infos: string[];
  /** Milliseconds added to the real clock. */
  advance(ms: number): void;
  get(path: string, headers?: Record<string, string>, init?: RequestInit): Promise<Response>;
  /** The events that ran for the last request, in order. */
  ran(): string[];
}

export function useLocalCloudFront(
  stack: string,
  options: { trace?: boolean; deadlineMs?: number; watch?: boolean } = {},
): Harness {
  const logs: RequestLog[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  let offset = 0;
  const harness = {
    logs,
    warnings,
    infos,
    advance: (ms: number) => {
      offset += ms;
    },
    get: (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
      fetch(`${harness.edge.url}${path}`, { ...init, headers, redirect: 'manual' }),
    ran: () => logs.at(-1)?.functions.map((f) => f.eventType) ?? [],
  } as Harness;
  beforeAll(async () => {
    harness.edge = await startLocalCloudFront({
      cdkOut: await fixtureCdkOut(),
      stack,
      trace: options.trace ?? false,
      deadlineMs: options.deadlineMs,
      watch: options.watch,
      now: () => Date.now() + offset,
      logger: { info: (line) => infos.push(line), warn: (line) => warnings.push(line) },
      onRequestLog: (log) => logs.push(log),
    });
  }, 90_000);
  afterAll(async () => {
    await harness.edge?.close();
  });
  return harness;
}
