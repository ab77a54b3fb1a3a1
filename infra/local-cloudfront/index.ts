/**
 * The library entry point: `startLocalCloudFront({ cdkOut })` serves the synthesized distribution on
 * 127.0.0.1 (port 0 picks a free port) and returns its URL, cache statistics and a close function.
 *
 * Its exports are the public surface of the package's main entry. The others (package.json `exports`):
 * `./lambda-edge` (the event types), `./validation` (the rules for a function's result) and `./testing` (the
 * test kit); the `local-cloudfront` command is server/cli.ts. Everything else in this folder is internal and may
 * move: npm resolves no other path of the package.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { handleCloudFrontApi } from './api/index.ts';
import { loadDistribution } from './assembly/load-distribution.ts';
import { type CacheStats, EdgeCache } from './cache/edge-cache.ts';
import { edgeEventTypes } from './lambda-edge.ts';
import { CacheKeyLinter } from './logs/cache-key-linter.ts';
import { consoleLogger, type Logger, type RequestLog } from './logs/request-log.ts';
import { exchangeBytes, recordFor, StandardLogWriter } from './logs/standard-log.ts';
import type { Distribution } from './model.ts';
import { runPipeline } from './pipeline.ts';
import { createFunctionRuntime } from './runtime/index.ts';
import { apiPrefix, type ClientTimeouts, createEdgeServer } from './server/http-server.ts';
import { watchAssembly } from './server/watch.ts';
import type { DistributionControl, EdgeEventType, FunctionRuntime } from './types.ts';
import { keepsBody } from './viewer/request-target.ts';

export { managedCachePolicies } from './assembly/managed-policies.ts';
export type { CacheStats } from './cache/edge-cache.ts';
export { defaultCacheBudgetBytes } from './cache/edge-cache.ts';
export {
  consoleLogger,
  type Logger,
  type RequestLog,
  shortEventNames,
  silentLogger,
} from './logs/request-log.ts';
export type { Distribution } from './model.ts';
export { createFunctionRuntime } from './runtime/index.ts';
export type {
  EdgeEvent,
  EdgeEventType,
  FunctionAssociation,
  FunctionRuntime,
  InvocationOutcome,
} from './types.ts';
export { selectBehavior } from './viewer/behavior-matcher.ts';

export interface LocalCloudFrontOptions {
  cdkOut: string;
  /** Stack holding the distribution (default: the first stack that has one). */
  stack?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Legacy Lambda@Edge limits (128 MB / 5 s viewer functions, rule 2.6), passed to the runtime. */
  strict?: boolean;
  /** Logs each event's input and output. */
  trace?: boolean;
  /** Viewer country for CloudFront-Viewer-Country (the `x-local-cloudfront-country` header overrides). */
  country?: string;
  /** Re-load the assembly when cdk.out is synthesized again. */
  watch?: boolean;
  /** Upper bound for one request, milliseconds (default 60 s: above any function timeout). */
  deadlineMs?: number;
  /** How long a viewer may take to send headers and request (defaults in http-server.ts). */
  clientTimeouts?: Partial<ClientTimeouts>;
  runtime?: FunctionRuntime;
  logger?: Logger;
  /** Called with each request's log (and trace): what ran, the cache result, the timings. */
  onRequestLog?: (log: RequestLog) => void;
  /** Clock for cache freshness (tests move it forward). */
  now?: () => number;
  /** The edge cache's byte budget (default 128 MiB): least recently used entries are evicted beyond it. */
  cacheBudgetBytes?: number;
  /** Writes CloudFront standard log files (gzip, CloudFront's format and names) to this folder. */
  logDir?: string;
}

/** The cache's counters, and how many times each event's function ran (custom error page fetches included). */
export interface LocalCloudFrontStats extends CacheStats {
  invocations: Record<EdgeEventType, number>;
}

export interface LocalCloudFront {
  url: string;
  port: number;
  distribution(): Distribution;
  control: DistributionControl;
  stats(): LocalCloudFrontStats;
  invalidate(paths: string[]): number;
  /** Re-reads cdk.out, clears the cache and drops loaded function code. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalCloudFront(options: LocalCloudFrontOptions): Promise<LocalCloudFront> {
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const cdkOut = path.resolve(options.cdkOut);
  let distribution = loadDistribution(cdkOut, options.stack);
  for (const w of distribution.warnings) logger.warn(w);
  const runtime =
    options.runtime ??
    createFunctionRuntime({
      strict: options.strict ?? false,
      log: (line) => logger.warn(line),
    });
  const cache = new EdgeCache(now, options.cacheBudgetBytes);
  // Expired entries that can no longer serve go within seconds, not only when the budget is reached.
  const purge = setInterval(() => cache.purgeExpired(), 10_000);
  purge.unref();
  const linter = new CacheKeyLinter((line) => logger.warn(line));
  const invocations = Object.fromEntries(edgeEventTypes.map((event) => [event, 0])) as Record<
    EdgeEventType,
    number
  >;
  const warnedResults = new Set<string>();
  let port = 0;
  const control: DistributionControl = {
    get id() {
      return distribution.id;
    },
    get domainName() {
      return `localhost:${port}`;
    },
    get config() {
      return distribution.config;
    },
    invalidate: (paths) => cache.invalidate(paths),
  };
  const standardLog =
    options.logDir === undefined
      ? undefined
      : new StandardLogWriter({ dir: options.logDir, distributionId: () => distribution.id });
  const server = createEdgeServer({
    pipeline: (viewer) =>
      runPipeline(
        {
          distribution,
          runtime,
          cache,
          linter,
          now,
          country: options.country,
          trace: options.trace ?? false,
        },
        viewer,
      ).then((result) => {
        for (const run of result.log.functions) invocations[run.eventType]++;
        warnResultOnce(result.log, logger, warnedResults);
        options.onRequestLog?.(result.log);
        return result;
      }),
    keepsBody: (method, url) => keepsBody(distribution, method, url),
    api: (req, res) => handleCloudFrontApi(req, res, [control]),
    logger,
    deadlineMs: options.deadlineMs ?? 60_000,
    onResponseFinished: (req, res, sent, receivedAt) => {
      // CloudFront logs requests to the distribution, not calls to its API.
      if (!standardLog || req.url?.startsWith(apiPrefix)) return;
      const logging = distribution.config.Logging as { IncludeCookies?: unknown } | undefined;
      standardLog.add(
        recordFor(req, res.statusCode, sent, {
          domainName: control.domainName,
          includeCookies: logging?.IncludeCookies === true,
          receivedAt,
          finishedAt: Date.now(),
          ...exchangeBytes(req.socket),
        }),
      );
    },
    clientTimeouts: options.clientTimeouts,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const reload = async () => {
    const next = loadDistribution(cdkOut, options.stack);
    for (const w of next.warnings) logger.warn(w);
    distribution = next;
    cache.clear();
    await runtime.reload();
  };
  const watcher = options.watch ? watchAssembly(cdkOut, reload, logger) : undefined;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    distribution: () => distribution,
    control,
    stats: () => ({ ...cache.stats(), invocations: { ...invocations } }),
    invalidate: (paths) => cache.invalidate(paths),
    reload,
    async close() {
      clearInterval(purge);
      watcher?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      standardLog?.close();
      await runtime.close();
    },
  };
}

/** A result validation accepted with a warning is named once per function and message, not per request. */
function warnResultOnce(log: RequestLog, logger: Logger, warnedResults: Set<string>): void {
  for (const run of log.functions) {
    for (const warning of run.warnings ?? []) {
      const line = `${run.name} (${run.eventType}): ${warning}`;
      if (warnedResults.has(line)) continue;
      warnedResults.add(line);
      logger.warn(line);
    }
  }
}
