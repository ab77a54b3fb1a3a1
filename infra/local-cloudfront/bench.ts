/**
 * `npm run bench:cloudfront`: throughput and p99 latency of the local CloudFront on our synthesized app,
 * side by side with a plain static file server (node:http + fs) serving the same site files.
 *   1. HTML cache hits through viewer-request and viewer-response (the homepage with a variant cookie)
 *   2. the same page from the plain server
 *   3. the hits of 1 with the functions in process instead of in workers (the cost of isolation)
 *   4. image cache misses through viewer-request, origin-request and origin-response (a distinct key
 *      per request; no behavior of our stack carries all four events)
 * autocannon, 127.0.0.1 only, BENCH_SECONDS (default 5) each, 10 connections.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { homepageExperiment } from '../../edge/config.ts';
import { startLocalCloudFront } from './index.ts';
import { silentLogger } from './request-log.ts';
import { createInProcessRuntime } from './test/support/in-process-runtime.ts';

const cdkOut = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'cdk.out');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const variant = homepageExperiment.variants[0];
const cookie = `${homepageExperiment.cookie}=${variant.id}`;

async function run(title: string, url: string, options: Partial<autocannon.Options> = {}) {
  const result = await autocannon({ url, connections: 10, duration: seconds, ...options });
  const ok = result.non2xx === 0 && result.errors === 0 && result.timeouts === 0;
  return { title, rps: result.requests.average, p99: result.latency.p99, ok, non2xx: result.non2xx };
}

let firstFailure: string | undefined;
const edge = await startLocalCloudFront({
  cdkOut,
  logger: silentLogger,
  onRequestLog: (log) => {
    if (log.status >= 400) firstFailure ??= `${log.method} ${log.path} ${log.cacheResult} ${log.status}`;
  },
});
const siteDir = edge.distribution().origins[0]?.s3?.layers[0]?.dir;
if (!siteDir) throw new Error(`no S3 content in ${cdkOut}: run npm run build first`);

// The plain server: no cache, no functions, the same files; "/" answers with the variant page.
const plain = createServer((req, res) => {
  const p = req.url === '/' ? variant.page : (req.url ?? '/');
  readFile(path.join(siteDir, decodeURIComponent(p))).then(
    (body) => res.writeHead(200, { 'content-type': 'text/html' }).end(body),
    () => res.writeHead(404).end(),
  );
});
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;

const headers = { cookie, 'accept-encoding': 'gzip, br' };
await fetch(`${edge.url}/`, { headers }); // warm the function workers and the cache
// For the hit runs the load generator gets a thread of its own, off the servers' event loop.
const hits = await run(
  'local CloudFront: HTML cache hits (viewer-request + viewer-response)',
  `${edge.url}/`,
  { headers, workers: 1 },
);
const direct = await run('plain node:http + fs static server, same page', `${plainUrl}/`, {
  headers,
  workers: 1,
});
// The same hits with the functions run in this thread (no isolation): what the worker hops cost.
const inProcess = await startLocalCloudFront({
  cdkOut,
  logger: silentLogger,
  runtime: createInProcessRuntime(),
});
await fetch(`${inProcess.url}/`, { headers });
const unisolated = await run(
  '  the same hits, functions in process (no isolation, for comparison)',
  `${inProcess.url}/`,
  {
    headers,
    workers: 1,
  },
);
await inProcess.close();
let n = 0;
await fetch(`${edge.url}/images/hero`);
const misses = await run(
  'local CloudFront: image cache misses (viewer-request + origin-request + origin-response + S3)',
  `${edge.url}/images/hero`,
  { requests: [{ setupRequest: (req) => ({ ...req, path: `/images/bench-${n++}` }) }] },
);
const stats = edge.stats();
await edge.close();
plain.close();

const rows = [hits, direct, unisolated, misses];
console.log(`\n| measurement (${seconds} s, 10 connections, 127.0.0.1) | req/s | p99 ms |`);
console.log('|---|---:|---:|');
for (const r of rows)
  console.log(`| ${r.title}${r.ok ? '' : ` (${r.non2xx} non-2xx)`} | ${r.rps.toFixed(0)} | ${r.p99} |`);
console.log(
  `\nhit throughput = ${((hits.rps / direct.rps) * 100).toFixed(0)}% of the plain server (target >= 50%)`,
);
console.log(`cache statistics: ${JSON.stringify(stats)}`);
if (firstFailure) console.log(`first failed request: ${firstFailure}`);
