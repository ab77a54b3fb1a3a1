/**
 * `npm run bench:cloudfront`: throughput and p99 latency of the local CloudFront on our synthesized app,
 * and its cache hits side by side with a bare node:http server sending the same bytes the same way.
 *   1. HTML cache hits through viewer-request and viewer-response (the homepage with a variant cookie,
 *      Brotli from the cache)
 *   2. the bare server: the same status, headers and Brotli bytes, held in memory, no cache and no
 *      functions: the ceiling a hit could reach on this machine
 *   3. image cache misses through viewer-request, origin-request and origin-response: every real image
 *      variant (image x device x format, from the image step's manifest), each checked first to answer
 *      that variant's exact bytes, never the placeholder
 *   4. HTML cache misses through viewer-request, origin-response and viewer-response: every page in each
 *      Accept-Encoding the cache key tells apart
 * Rows 3 and 4 run in rounds from this thread: each key once per round, the cache invalidated between
 * rounds while no request is in flight, and the cache statistics must show every request of the row as
 * a miss (else the bench fails). No behavior of our stack carries all four events, so rows 3 and 4 together cover the four.
 * autocannon, 127.0.0.1 only, 10 connections, BENCH_SECONDS (default 5) per measurement after 2 s of
 * warm-up; hits and the bare server alternate over BENCH_ROUNDS (default 3) rounds, the load generator in
 * a thread of its own.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger, startLocalCloudFront } from '@edge-storefront/local-cloudfront';
import { deviceUserAgents } from '@edge-storefront/local-cloudfront/testing';
import autocannon from 'autocannon';
import pLimit from 'p-limit';
import {
  deviceClasses,
  homepageExperiment,
  imageFormats,
  imageRouting,
  jacketColours,
  paths,
} from '../config.ts';
import type { ImageManifest } from '../lib/image-manifest.ts';

const cdkOut = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'infra', 'cdk.out');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 10;
const variant = homepageExperiment.variants[0];
const cookieFor = (id: string) => `${homepageExperiment.cookie}=${id}`;

interface Result {
  rps: number;
  p99: number;
  failed: number;
}

interface Row extends Result {
  title: string;
}

interface Target {
  path: string;
  headers: Record<string, string>;
}

/** A GET with the raw bytes and headers (fetch would decompress). */
function get(base: string, target: Target, agent?: Agent) {
  return new Promise<{ status: number; rawHeaders: string[]; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${target.path}`, { headers: target.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** One measurement after 2 s of warm-up (JIT in the main thread and in each function's worker). */
async function measure(url: string, options: Partial<autocannon.Options>): Promise<Result> {
  await autocannon({ url, connections, duration: 2, ...options });
  const r = await autocannon({ url, connections, duration: seconds, ...options });
  return { rps: r.requests.average, p99: r.latency.p99, failed: r.non2xx + r.errors + r.timeouts };
}

/** Mean req/s and worst p99 over rounds. */
function combine(title: string, results: Result[]): Row {
  return {
    title,
    rps: results.reduce((sum, r) => sum + r.rps, 0) / results.length,
    p99: Math.max(...results.map((r) => r.p99)),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
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

/**
 * Every key of a row once per round, invalidating between rounds while no request is in flight, until
 * `seconds` of requests have run; the cache statistics must count each request as a miss. The load comes
 * from this thread (10 keep-alive connections): a round of a few dozen requests is too short for
 * autocannon, whose start and stop would be most of the time measured.
 */
async function missRounds(title: string, targets: Target[]): Promise<Row> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let failed = 0;
  const runRound = async () => {
    edge.invalidate(['/*']);
    // At most one request per connection in flight.
    const perConnection = pLimit(connections);
    await Promise.all(
      targets.map((target) =>
        perConnection(async () => {
          const started = performance.now();
          const res = await get(edge.url, target, agent);
          latencies.push(performance.now() - started);
          if (res.status !== 200) failed++;
        }),
      ),
    );
  };
  await runRound(); // warm-up
  latencies.length = 0;
  failed = 0;
  const before = edge.stats();
  let requests = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await runRound();
    requests += targets.length;
  }
  const elapsedMs = performance.now() - started;
  agent.destroy();
  const after = edge.stats();
  const misses = after.misses - before.misses;
  const others = after.hits - before.hits + (after.refreshHits - before.refreshHits);
  if (misses !== requests || others !== 0) {
    throw new Error(`${title}: ${requests} requests but ${misses} misses and ${others} hits: not all misses`);
  }
  console.log(`${title}: ${requests} requests in ${Math.round(elapsedMs)} ms, all ${misses} cache misses`);
  latencies.sort((x, y) => x - y);
  const p99 = Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN);
  return { title, rps: (requests / elapsedMs) * 1000, p99, failed };
}

// Rows 1 and 2: the hit, and the bare server replaying its exact status, headers and Brotli body.
const hitTarget: Target = {
  path: '/',
  headers: { cookie: cookieFor(variant.id), 'accept-encoding': 'gzip, br' },
};
await get(edge.url, hitTarget); // fills the cache and warms the function workers
const hit = await get(edge.url, hitTarget);
const perConnection = new Set(['date', 'connection', 'keep-alive', 'content-length']);
const replayHeaders = hit.rawHeaders.filter((_, i, all) => {
  const name = all[i - (i % 2)]?.toLowerCase() ?? '';
  return !perConnection.has(name);
});
const encoding = replayHeaders[replayHeaders.findIndex((h) => h.toLowerCase() === 'content-encoding') + 1];
if (hit.status !== 200 || encoding !== 'br') {
  throw new Error(
    `the homepage hit answered ${hit.status} with content-encoding ${encoding}, not a Brotli 200`,
  );
}
const bare = createServer((_req, res) => {
  res.writeHead(200, [...replayHeaders, 'Content-Length', String(hit.body.length)]);
  res.end(hit.body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

const hitRuns: Result[] = [];
const bareRuns: Result[] = [];
for (let round = 0; round < rounds; round++) {
  hitRuns.push(await measure(`${edge.url}/`, { headers: hitTarget.headers, workers: 1 }));
  bareRuns.push(await measure(`${bareUrl}/`, { headers: hitTarget.headers, workers: 1 }));
}
const hits = combine('local CloudFront: HTML cache hits (viewer-request + viewer-response)', hitRuns);
const direct = combine(
  `bare node:http, the same ${hit.body.length} Brotli bytes and headers from memory`,
  bareRuns,
);
const ratios = hitRuns.map((h, i) => h.rps / (bareRuns[i]?.rps ?? Number.NaN)).sort((a, b) => a - b);
bare.close();

// Row 3: every real image variant, checked to be that variant's bytes.
const manifest = JSON.parse(readFileSync(path.join(siteDir, paths.manifest), 'utf8')) as ImageManifest;
/** An Accept that prefers exactly this format (jpeg is what a browser without AVIF or WebP gets). */
const acceptFor = (format: string) =>
  format === 'jpeg' ? 'image/png,image/*;q=0.8,*/*;q=0.5' : `image/${format},image/*;q=0.8,*/*;q=0.5`;
const imageTargets: (Target & { bytes: number; key: string })[] = [];
for (const [name, devices] of Object.entries(manifest.images)) {
  const colour = name.startsWith(`${jacketColours.image}-`) ? name.slice(jacketColours.image.length + 1) : '';
  if (name === imageRouting.placeholder) continue;
  for (const device of deviceClasses.classes.map((d) => d.id)) {
    for (const format of imageFormats.map((f) => f.id)) {
      const variantFile = devices[device]?.[format];
      if (!variantFile) continue;
      const headers: Record<string, string> = {
        'user-agent': deviceUserAgents[device],
        accept: acceptFor(format),
      };
      if (colour) headers.cookie = `${jacketColours.cookie}=${colour}`;
      const canonical = colour ? jacketColours.image : name;
      imageTargets.push({ path: `${paths.imagePrefix}${canonical}`, headers, ...variantFile });
    }
  }
}
for (const target of imageTargets) {
  const res = await get(edge.url, target);
  const expected = readFileSync(path.join(siteDir, target.key));
  if (res.status !== 200 || !res.body.equals(expected)) {
    throw new Error(`${target.path} ${JSON.stringify(target.headers)} did not answer ${target.key}`);
  }
}
console.log(`${imageTargets.length} image variants: each answered its own bytes`);
const imageMisses = await missRounds(
  `local CloudFront: image cache misses, ${imageTargets.length} real variants (viewer-request + origin-request + origin-response + S3)`,
  imageTargets,
);

// Row 4: every page, in each Accept-Encoding the cache key tells apart.
const htmlTargets: Target[] = [];
const pages = [
  ...homepageExperiment.variants.map((v) => ({ path: '/', cookie: cookieFor(v.id) })),
  // The product list and every product page (each folder of products/ holds an index.html).
  ...[
    'products/',
    ...readdirSync(path.join(siteDir, 'products'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `products/${entry.name}/`),
  ].map((p) => ({
    path: `/${p}`,
    cookie: cookieFor(variant.id),
  })),
];
for (const page of pages) {
  for (const acceptEncoding of ['br, gzip', 'gzip', 'identity']) {
    htmlTargets.push({
      path: page.path,
      headers: { cookie: page.cookie, 'accept-encoding': acceptEncoding },
    });
  }
}
for (const target of htmlTargets) {
  const res = await get(edge.url, target);
  if (res.status !== 200) throw new Error(`${target.path} answered ${res.status}`);
}
const htmlMisses = await missRounds(
  `local CloudFront: HTML cache misses, ${pages.length} pages x 3 encodings (viewer-request + origin-response + viewer-response + S3)`,
  htmlTargets,
);
await edge.close();

const rows = [hits, direct, imageMisses, htmlMisses];
console.log(
  `\n| measurement (${connections} connections, 127.0.0.1; hits and bare: mean of ${rounds} alternating ${seconds} s rounds) | req/s | p99 ms |`,
);
console.log('|---|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.title}${r.failed === 0 ? '' : ` (${r.failed} failed)`} | ${r.rps.toFixed(0)} | ${r.p99} |`,
  );
const percent = (x: number | undefined) => `${((x ?? Number.NaN) * 100).toFixed(0)}%`;
console.log(
  `\nhit throughput = ${percent(hits.rps / direct.rps)} of the bare server (per round ${ratios.map(percent).join(', ')}; target >= 50%)`,
);
console.log(`cache statistics: ${JSON.stringify(edge.stats())}`);
if (firstFailure) console.log(`first failed request: ${firstFailure}`);
