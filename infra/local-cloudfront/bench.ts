/**
 * `npm run bench:cloudfront`: throughput and p99 latency of the local CloudFront on our synthesized app,
 * side by side with a plain static file server (node:http + fs) serving the same site files.
 *   1. HTML cache hits through viewer-request and viewer-response (the homepage with a variant cookie)
 *   2. the same page from the plain server
 *   3. image cache misses through viewer-request, origin-request and origin-response (a distinct key
 *      per request)
 *   4. HTML cache misses through viewer-request, origin-response and viewer-response (the cache emptied
 *      before each request); no behavior of our stack carries all four events, so rows 3 and 4 together
 *      cover the four
 * autocannon, 127.0.0.1 only, 10 connections, BENCH_SECONDS (default 5) per measurement after 2 s of
 * warm-up; hits and the plain server alternate over BENCH_ROUNDS (default 3) rounds.
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

const cdkOut = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'cdk.out');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const variant = homepageExperiment.variants[0];
const cookie = `${homepageExperiment.cookie}=${variant.id}`;

interface Row {
  title: string;
  rps: number;
  p99: number;
  non2xx: number;
}

/** One measurement after 2 s of warm-up (JIT in the main thread and in each function's worker). */
async function measure(url: string, options: Partial<autocannon.Options>) {
  await autocannon({ url, connections: 10, duration: 2, ...options });
  const r = await autocannon({ url, connections: 10, duration: seconds, ...options });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors + r.timeouts };
}

/** Mean req/s and worst p99 over rounds. */
function combine(title: string, results: { rps: number; p99: number; non2xx: number }[]): Row {
  return {
    title,
    rps: results.reduce((sum, r) => sum + r.rps, 0) / results.length,
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
  };
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
// Hits and the plain server alternate, ROUNDS times, so a change in machine load hits both alike. The load
// generator gets a thread of its own, off the servers' event loop.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const hitRuns: { rps: number; p99: number; non2xx: number }[] = [];
const plainRuns: typeof hitRuns = [];
for (let round = 0; round < rounds; round++) {
  hitRuns.push(await measure(`${edge.url}/`, { headers, workers: 1 }));
  plainRuns.push(await measure(`${plainUrl}/`, { headers, workers: 1 }));
}
const hits = combine('local CloudFront: HTML cache hits (viewer-request + viewer-response)', hitRuns);
const direct = combine('plain node:http + fs static server, same page', plainRuns);
const ratios = hitRuns.map((h, i) => h.rps / (plainRuns[i]?.rps ?? Number.NaN)).sort((a, b) => a - b);
let n = 0;
await fetch(`${edge.url}/images/hero`);
const misses = combine(
  'local CloudFront: image cache misses (viewer-request + origin-request + origin-response + S3)',
  [
    await measure(`${edge.url}/images/hero`, {
      requests: [{ setupRequest: (req) => ({ ...req, path: `/images/bench-${n++}` }) }],
    }),
  ],
);
await fetch(`${edge.url}/`, { headers });
const htmlMisses = combine(
  'local CloudFront: HTML cache misses (viewer-request + origin-response + viewer-response + S3)',
  [
    // Without `workers`, setupRequest runs on this thread, so it can empty the cache before each request.
    await measure(`${edge.url}/`, {
      headers,
      requests: [
        {
          setupRequest: (req) => {
            edge.invalidate(['/*']);
            return req;
          },
        },
      ],
    }),
  ],
);
const stats = edge.stats();
await edge.close();
plain.close();

const rows = [hits, direct, misses, htmlMisses];
console.log(
  `\n| measurement (10 connections, 127.0.0.1; hits and plain: mean of ${rounds} alternating ${seconds} s rounds) | req/s | p99 ms |`,
);
console.log('|---|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.title}${r.non2xx === 0 ? '' : ` (${r.non2xx} failed)`} | ${r.rps.toFixed(0)} | ${r.p99} |`,
  );
const percent = (x: number | undefined) => `${((x ?? Number.NaN) * 100).toFixed(0)}%`;
console.log(
  `\nhit throughput = ${percent(hits.rps / direct.rps)} of the plain server (per round ${ratios.map(percent).join(', ')}; target >= 50%)`,
);
console.log(`cache statistics: ${JSON.stringify(stats)}`);
if (firstFailure) console.log(`first failed request: ${firstFailure}`);
