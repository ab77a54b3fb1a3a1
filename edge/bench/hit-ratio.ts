/**
 * `npm run bench:hit-ratio`: the cache hit ratio of our synthesized distribution under realistic mixed
 * storefront traffic (docs/edge.md#cache-key-discipline: a measured figure, not a hope).
 *
 * BENCH_VISITORS (default 2,000) visitors, each drawn from a seeded PRNG (BENCH_SEED): a device class (a real
 * User-Agent; the local CloudFront derives CloudFront-Is-*-Viewer from it), an image Accept header (a browser
 * mix), a returning share that holds the variant cookie of an earlier visit and is likelier to hold a jacket-colour
 * cookie. New visitors send no cookie: viewer-request assigns a variant and viewer-response sets it, as on a real
 * first visit (seededAssignment below keeps that draw reproducible).
 * Each visitor lands on the homepage, the catalogue or a product page, then follows links found in the HTML it
 * received, and, like a browser, fetches every <img>, stylesheet, icon and script the page references, with a
 * per-visitor browser cache that honours Cache-Control (max-age, `private` included; `no-cache` revalidated with
 * If-None-Match; `no-store` kept nowhere). Time is virtual (the cache's clock): visitors arrive at
 * BENCH_VISITORS_PER_MINUTE (default 30) and read each page for a while, so HTML's 60 s edge TTL expires as it
 * would. Page views run one at a time in virtual-time order, a page's subresources (distinct URLs, so distinct
 * keys) in parallel: two runs print the same figures. The traffic runs twice: on an empty cache (cold, as
 * after a deploy's invalidation), then again on the cache it left (warm). Function invocations come from the
 * local CloudFront's own counters (stats().invocations); the cost per million page views is computed from the
 * warm pass's counts and the list prices in hit-ratio-cost.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createFunctionRuntime,
  type FunctionRuntime,
  type RequestLog,
  startLocalCloudFront,
} from '@edge-storefront/local-cloudfront';
import { type EdgeEventType, edgeEventTypes } from '@edge-storefront/local-cloudfront/lambda-edge';
import { seededRandom } from '@edge-storefront/local-cloudfront/testing';
import pLimit from 'p-limit';
import { deviceClasses, homepageExperiment, imageFormats, imageRouting, paths } from '../config.ts';
import type { ImageManifest } from '../lib/image-manifest.ts';
import { costPerMillionPageViews, fixed, sumOf } from './hit-ratio-cost.ts';
import {
  browserFreshFor,
  htmlAccept,
  kindAccept,
  makeVisitor,
  mime,
  parsePage,
  pick,
  schedule,
  uniform,
  type Visitor,
} from './hit-ratio-traffic.ts';

const cdkOut = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'infra', 'cdk.out');
const visitors = Number(process.env.BENCH_VISITORS ?? 2000);
const perMinute = Number(process.env.BENCH_VISITORS_PER_MINUTE ?? 30);
const seed = Number(process.env.BENCH_SEED ?? 42);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 6);
const maxRequests = Number(process.env.BENCH_MAX_REQUESTS ?? 200_000);

/** The cache's clock, in virtual milliseconds: each page view sets it to the moment it happens. */
const epoch = Date.parse('2026-01-01T00:00:00Z');
let clock = epoch;
// Warnings during the passes (the cache-key linter's) are printed: one would mean a leak in the key discipline.
// Startup warnings (template features the emulator does not model) are not about the traffic.
const warnings: string[] = [];
let measuring = false;
/**
 * The real runtime, with one substitution that makes two runs print the same figures: when viewer-request
 * assigns a homepage variant (its code ran: the draw, the URI rewrite, the assignment header that makes
 * viewer-response send Set-Cookie), the variant it drew with node:crypto is replaced by one drawn, by the same
 * weights, from the bench's seeded PRNG. Page views run one at a time, so the draws come in the same order.
 */
const assignmentRandom = seededRandom(seed ^ 0x5eed);
const variantWeights = homepageExperiment.variants.map((v) => ({ weight: v.weight, value: v }));
function seededAssignment(runtime: FunctionRuntime): FunctionRuntime {
  return {
    reload: () => runtime.reload(),
    close: () => runtime.close(),
    async invoke(association, event) {
      const outcome = await runtime.invoke(association, event);
      const request = outcome.ok
        ? (outcome.result as { uri?: string; headers?: Record<string, { key?: string; value: string }[]> })
        : undefined;
      const assigned = request?.headers?.[homepageExperiment.assignmentHeader]?.[0];
      if (association.eventType === 'viewer-request' && request && assigned) {
        const variant = pick(assignmentRandom, variantWeights);
        assigned.value = variant.id;
        request.uri = variant.page;
      }
      return outcome;
    },
  };
}

const edge = await startLocalCloudFront({
  cdkOut,
  runtime: seededAssignment(createFunctionRuntime({ strict: false })),
  logger: { info: () => {}, warn: (line) => measuring && warnings.push(line) },
  now: () => clock,
  onRequestLog: record,
});
const siteDir = edge.distribution().origins[0]?.s3?.layers[0]?.dir;
if (!siteDir) throw new Error(`no S3 content in ${cdkOut}: run npm run build first`);
const variantPages = new Set<string>(homepageExperiment.variants.map((v) => v.page));
const siteFiles = readdirSync(siteDir, { recursive: true, withFileTypes: true })
  .filter((f) => f.isFile())
  .map((f) => `/${path.relative(siteDir, path.join(f.parentPath, f.name)).split(path.sep).join('/')}`)
  .sort();
// The site's pages, read from the built site the S3 origin serves: "/" plus every directory page.
const landingPages = [
  '/',
  ...siteFiles
    .filter((p) => p.endsWith('/index.html') && !variantPages.has(p))
    .map((p) => p.slice(0, -'index.html'.length)),
];
const manifest = JSON.parse(readFileSync(path.join(siteDir, paths.manifest), 'utf8')) as ImageManifest;

type Counts = Map<string, Map<string, number>>;
interface Pass {
  counts: Counts;
  requests: number;
  pageViews: number;
  fromBrowserCache: number;
  wrongFormat: number;
  failed: string[];
  /** Distinct /images/ keys if the cache key held Accept and Cookie too (the counterfactual). */
  wideImageKeys: Set<string>;
  /** Bytes of the bodies the edge sent (as sent: compressed where it compressed). */
  bytes: number;
  /** Function invocations by event, from the local CloudFront's own counters. */
  invocations: Record<EdgeEventType, number>;
  /** Page views of a page the browser had shown before (its cache warm for that page). */
  returning: { views: number; requests: number; invocations: number; maxRequests: number };
}
let pass: Pass | undefined;
/** Every request's behavior and cache result, as the local CloudFront logs it. */
function record(log: RequestLog): void {
  if (!pass) return;
  const byResult = pass.counts.get(log.behavior) ?? new Map<string, number>();
  byResult.set(log.cacheResult, (byResult.get(log.cacheResult) ?? 0) + 1);
  pass.counts.set(log.behavior, byResult);
}

/**
 * One request as a browser makes it: answered by its own cache while fresh, revalidated with If-None-Match
 * when stale (a 304 reuses the copy), sent otherwise. Returns the HTML of a page (for its links).
 */
async function get(v: Visitor, url: string, accept: string): Promise<string | undefined> {
  const p = pass as Pass;
  const copy = v.browserCache.get(url);
  if (copy && copy.freshUntil > clock) {
    p.fromBrowserCache++;
    return copy.html;
  }
  if (p.requests >= maxRequests) throw new Error(`BENCH_MAX_REQUESTS (${maxRequests}) reached`);
  p.requests++;
  const cookie = [...v.cookies].map(([k, val]) => `${k}=${val}`).join('; ');
  const headers: Record<string, string> = { 'user-agent': v.headers['user-agent'], accept };
  if (cookie) headers.cookie = cookie;
  if (copy?.etag) headers['if-none-match'] = copy.etag;
  const res = await fetch(`${edge.url}${url}`, { headers });
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) v.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  const body = Buffer.from(await res.arrayBuffer());
  p.bytes += Number(res.headers.get('content-length') ?? body.length);
  const isPage = !url.startsWith(paths.imagePrefix) && !url.includes('.', url.lastIndexOf('/'));
  const html = res.status === 304 ? copy?.html : isPage ? body.toString() : undefined;
  const freshFor = browserFreshFor(res.headers.get('cache-control') ?? '');
  const etag = res.headers.get('etag') ?? copy?.etag;
  if (res.status < 400 && freshFor !== undefined) {
    v.browserCache.set(url, {
      freshUntil: clock + freshFor * 1000,
      ...(etag && { etag }),
      ...(html && { html }),
    });
  } else v.browserCache.delete(url);
  if (res.status >= 400 && p.failed.length < 5) p.failed.push(`${url} ${res.status}`);
  if (url.startsWith(paths.imagePrefix) && res.status === 200) {
    if (res.headers.get('content-type') !== mime(v.expects)) p.wrongFormat++;
    p.wideImageKeys.add([url, v.headers['user-agent'], accept, cookie].join('\n'));
  }
  return res.status < 400 ? html : undefined;
}

async function pageView(v: Visitor, first: boolean): Promise<void> {
  const others = landingPages.filter((p) => p !== '/');
  const candidates = v.links.filter((l) => l !== v.page);
  const url = first
    ? v.random() < 0.6
      ? '/'
      : uniform(v.random, others)
    : candidates.length > 0
      ? uniform(v.random, candidates)
      : '/';
  v.page = url;
  const p = pass as Pass;
  p.pageViews++;
  const requestsBefore = p.requests;
  const invocationsBefore = sumOf(edge.stats().invocations);
  const html = (await get(v, url, htmlAccept)) ?? '';
  const { subresources, links } = parsePage(html);
  v.links = links;
  // At most `concurrency` at a time, as a browser's connections to one host.
  const connections = pLimit(concurrency);
  await Promise.all(subresources.map((sub) => connections(() => get(v, sub, kindAccept(sub, v)))));
  if (v.seen.has(url)) {
    const requests = p.requests - requestsBefore;
    p.returning.views++;
    p.returning.requests += requests;
    p.returning.invocations += sumOf(edge.stats().invocations) - invocationsBefore;
    p.returning.maxRequests = Math.max(p.returning.maxRequests, requests);
  }
  v.seen.add(url);
}

async function runPass(startAt: number): Promise<{ pass: Pass; endAt: number }> {
  pass = {
    counts: new Map(),
    requests: 0,
    pageViews: 0,
    fromBrowserCache: 0,
    wrongFormat: 0,
    failed: [],
    wideImageKeys: new Set(),
    bytes: 0,
    invocations: { ...edge.stats().invocations },
    returning: { views: 0, requests: 0, invocations: 0, maxRequests: 0 },
  };
  const live = new Map<number, Visitor>();
  let endAt = startAt;
  for (const view of schedule(seed, visitors, perMinute)) {
    clock = startAt + view.at;
    endAt = clock;
    const v = live.get(view.visitor) ?? makeVisitor(seed, view.visitor);
    live.set(view.visitor, v);
    await pageView(v, view.view === 0);
    if (view.last) live.delete(view.visitor);
  }
  // The counters are cumulative: this pass's share is the difference.
  const after = edge.stats().invocations;
  for (const e of edgeEventTypes) pass.invocations[e] = after[e] - pass.invocations[e];
  return { pass, endAt };
}

const behaviors = edge.distribution().behaviors.map((b) => b.pathPattern);
const label = (pattern: string) => (pattern === '*' ? 'default (*)' : pattern);
const percent = (n: number, d: number) => (d === 0 ? '-' : `${((n / d) * 100).toFixed(1)}%`);
const thousands = (n: number) => n.toLocaleString('en-US');

function table(title: string, p: Pass): string[] {
  const lines = [
    `**${title}**: ${thousands(p.pageViews)} page views, ${thousands(p.requests)} requests to the edge, ${thousands(p.fromBrowserCache)} answered by the browser cache`,
    '',
    '| behavior | requests | Hit | RefreshHit | Miss | other | hit ratio (Hit) | from cache (Hit + RefreshHit) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const all = new Map<string, number>();
  const row = (name: string, c: Map<string, number>) => {
    const n = [...c.values()].reduce((a, b) => a + b, 0);
    const hit = c.get('Hit') ?? 0;
    const refresh = c.get('RefreshHit') ?? 0;
    const miss = c.get('Miss') ?? 0;
    const cells = [n, hit, refresh, miss, n - hit - refresh - miss].map(thousands);
    lines.push(`| ${name} | ${cells.join(' | ')} | ${percent(hit, n)} | ${percent(hit + refresh, n)} |`);
  };
  for (const b of behaviors) {
    const c = p.counts.get(b) ?? new Map<string, number>();
    for (const [k, n] of c) all.set(k, (all.get(k) ?? 0) + n);
    row(label(b), c);
  }
  row('**all**', all);
  return lines;
}

/** Configured memory of each event's function, GB, as the template deploys it. */
const memoryGb = Object.fromEntries(
  edgeEventTypes.map((e) => {
    const fn = edge
      .distribution()
      .behaviors.map((b) => b.functions[e]?.fn)
      .find((f) => f !== undefined);
    return [e, (fn?.memoryMb ?? 0) / 1024];
  }),
) as Record<EdgeEventType, number>;

function perPageView(title: string, p: Pass): string[] {
  const per = (n: number) => fixed(n / p.pageViews, 3);
  const r = p.returning;
  return [
    `**Per page view, ${title}** (invocations from the local CloudFront's own counters)`,
    '',
    '| per page view | all page views | returning page views |',
    '|---|---:|---:|',
    `| page views | ${thousands(p.pageViews)} | ${thousands(r.views)} |`,
    `| requests reaching CloudFront | ${per(p.requests)} | ${fixed(r.requests / r.views, 3)} (at most ${r.maxRequests}) |`,
    ...edgeEventTypes.map((e) => `| ${e} invocations | ${per(p.invocations[e])} | |`),
    `| **all invocations** | ${per(sumOf(p.invocations))} | ${fixed(r.invocations / r.views, 3)} |`,
    `| kilobytes sent | ${fixed(p.bytes / p.pageViews / 1024, 1)} | |`,
  ];
}

const started = performance.now();
measuring = true;
const cold = await runPass(epoch);
const coldEntries = edge.stats().entries;
// The warm pass replays the same visitors after the cold one (an HTML TTL later, so HTML revalidates).
const warm = await runPass(cold.endAt + 60_000);
const warmEntries = edge.stats().entries;
// Entries per behavior: invalidating a prefix pattern counts what it removes (done last: it empties the cache).
const entries = new Map<string, number>();
for (const b of behaviors.filter((b) => b !== '*' && b.indexOf('*') === b.length - 1))
  entries.set(b, edge.invalidate([b]));
entries.set('*', warmEntries - [...entries.values()].reduce((a, b) => a + b, 0));
await edge.close();
const seconds = (performance.now() - started) / 1000;

const imageNames = Object.keys(manifest.images).filter((n) => n !== imageRouting.placeholder);
const imageBound = imageNames.length * deviceClasses.classes.length * imageFormats.length;
const astroFiles = siteFiles.filter((f) => f.startsWith(paths.hashedAssetPrefix)).length;
// The default behavior's objects: the site's files outside /_astro/ and the /_img/ variants (reached via /images/).
const defaultFiles = siteFiles.filter(
  (f) => !f.startsWith(paths.hashedAssetPrefix) && !f.startsWith(paths.variantPrefix),
).length;
const imagePattern = behaviors.find((b) => b.startsWith(paths.imagePrefix)) ?? '';
const imageRequests = [...(cold.pass.counts.get(imagePattern)?.values() ?? [])].reduce((a, b) => a + b, 0);
const out = [
  `${thousands(visitors)} visitors (seed ${seed}), ${perMinute}/min over ${((cold.endAt - epoch) / 60_000) | 0} virtual minutes; browser cache modelled per visitor (Cache-Control honoured: max-age, no-cache revalidated with If-None-Match, no-store; empty at arrival); new visitors arrive without cookies`,
  '',
  ...table('cold (empty cache)', cold.pass),
  '',
  ...table('warm (the same traffic again, on the cache the cold pass left)', warm.pass),
  '',
  '| behavior | distinct cache entries | bound |',
  '|---|---:|---|',
  ...behaviors.map((b) => {
    const bound = b.startsWith(paths.imagePrefix)
      ? `${imageNames.length} image names × ${deviceClasses.classes.length} devices × ${imageFormats.length} formats = ${imageBound}`
      : b.startsWith(paths.hashedAssetPrefix)
        ? `${astroFiles} files in ${paths.hashedAssetPrefix}`
        : `${defaultFiles} site files outside ${paths.hashedAssetPrefix} and ${paths.variantPrefix} (one entry each: nothing viewer-specific in the key)`;
    return `| ${label(b)} | ${entries.get(b) ?? 0} | ${bound} |`;
  }),
  `| **all** | ${warmEntries} (${coldEntries} after the cold pass) | |`,
  '',
  ...perPageView('cold pass', cold.pass),
  '',
  ...perPageView('warm pass', warm.pass),
  '',
  ...costPerMillionPageViews(warm.pass, memoryGb),
  '',
  `Counterfactual: with Accept and Cookie in the images key (and the User-Agent instead of the device flags), the cold pass's /images/* requests would make ${thousands(cold.pass.wideImageKeys.size)} distinct keys (vs ${entries.get(imagePattern) ?? 0}), capping its cold hit ratio at ${percent(imageRequests - cold.pass.wideImageKeys.size, imageRequests)} even with no expiry.`,
  `Images served in a format other than the Accept profile expects: ${cold.pass.wrongFormat + warm.pass.wrongFormat}. Local CloudFront warnings during the passes (cache-key linter): ${warnings.length === 0 ? 'none' : [...new Set(warnings)].join(' / ')}. Failed requests: ${[...cold.pass.failed, ...warm.pass.failed].join(', ') || 'none'}.`,
  `Run time ${seconds.toFixed(1)} s.`,
];
console.log(out.join('\n'));
