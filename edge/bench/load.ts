/**
 * `npm run bench:load`: does the local CloudFront hold under load with bounded memory? It starts the
 * command-line server on our synthesized app as a child process (`local-cloudfront --cdk-out infra/cdk.out`, as `npm start` runs it; its
 * default cache budget, each request logged to a pipe as `npm start` does), then on 127.0.0.1:
 *   1. mixed storefront traffic at 100 connections for --load-seconds (30): pages with and without the
 *      variant cookie, images with real device User-Agents and Accept headers, the jacket with each colour
 *      cookie, 404s, hostile cookies and URIs;
 *   2. a flood of --flood (60,000) unique missing paths at 100 connections;
 *   3. a soak of the mixed traffic at a steady --rate (200 req/s) for --soak-seconds (300).
 * It prints req/s, p50/p99 latency, errors and 5xx per phase, and the memory of the server (the resident
 * set of its process, which holds its threads, plus any child processes, from /proc) at start, after
 * the load, after the flood and after the soak. It fails (exit 1) on any error or 5xx, or when memory
 * after the flood or the soak exceeds the cache budget plus the fixed overhead stated below.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCacheBudgetBytes } from '@edge-storefront/local-cloudfront';
import { userAgents } from '@edge-storefront/local-cloudfront/testing';
import autocannon from 'autocannon';
import { homepageExperiment, jacketColours } from '../config.ts';

/** Everything but the cache: Node, the loaded assembly, the function workers, buffers and garbage. */
export const fixedOverheadBytes = 256 * 1024 * 1024;

const here = path.dirname(fileURLToPath(import.meta.url));
const cdkOut = path.resolve(here, '..', '..', 'infra', 'cdk.out');
const { values } = parseArgs({
  options: {
    'load-seconds': { type: 'string', default: '30' },
    flood: { type: 'string', default: '60000' },
    'soak-seconds': { type: 'string', default: '300' },
    rate: { type: 'string', default: '200' },
  },
});
const loadSeconds = Number(values['load-seconds']);
const floodRequests = Number(values.flood);
const soakSeconds = Number(values['soak-seconds']);
const soakRate = Number(values.rate);

const ua = {
  iphone: userAgents.iphone,
  ipad: userAgents.ipad,
  android: userAgents.androidPhone,
  chrome: userAgents.windowsChrome,
  firefox: userAgents.windowsFirefox,
  safari: userAgents.macSafari,
};
const accept = {
  chrome: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
  firefox: 'image/avif,image/webp,*/*',
  oldSafari: 'image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5',
  jpegOnly: 'image/jpeg',
  html: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
};
const variant = (id: string) => `${homepageExperiment.cookie}=${id}`;
const html = (p: string, headers: Record<string, string> = {}) => ({
  method: 'GET' as const,
  path: p,
  headers: {
    accept: accept.html,
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': ua.chrome,
    ...headers,
  },
});
const image = (name: string, userAgent: string, acceptHeader: string, cookie?: string) => ({
  method: 'GET' as const,
  path: `/images/${name}`,
  headers: { accept: acceptHeader, 'user-agent': userAgent, ...(cookie ? { cookie } : {}) },
});

/** One round of storefront traffic; each connection cycles through it. */
const mixed = [
  html('/'),
  html('/', { cookie: variant('a') }),
  html('/', { cookie: variant('b') }),
  html('/products/', { cookie: variant('a') }),
  html('/products/jacket/', { cookie: variant('b'), 'user-agent': ua.iphone }),
  html('/products/trail-boots/', { 'user-agent': ua.android }),
  html('/products/wool-beanie', { 'user-agent': ua.safari }),
  image('hero', ua.chrome, accept.chrome),
  image('hero', ua.iphone, accept.oldSafari),
  image('hero', ua.ipad, accept.firefox),
  image('hero', ua.android, accept.chrome),
  image('trail-boots', ua.firefox, accept.firefox),
  image('merino-sweater', ua.safari, accept.jpegOnly),
  image('canvas-backpack', ua.android, accept.chrome),
  image('flannel-shirt', ua.ipad, accept.oldSafari),
  ...Object.keys(jacketColours.colours).map((colour, i) =>
    image('jacket', Object.values(ua)[i % 6] as string, accept.chrome, `${jacketColours.cookie}=${colour}`),
  ),
  image('jacket', ua.iphone, accept.chrome),
  // 404s: a page, an image name no art has, a key under /_img/.
  html('/no-such-page/'),
  image('no-such-image', ua.chrome, accept.chrome),
  html('/_img/hero/nowhere.avif'),
  // Hostile cookies and URIs: malformed escapes, traversal, control bytes, huge and repeated cookies.
  image('jacket', ua.chrome, accept.chrome, `${jacketColours.cookie}=%E0%A4%A`),
  html('/', { cookie: `${homepageExperiment.cookie}=../../etc; ${homepageExperiment.cookie}=b` }),
  html('/', { cookie: `junk=${'x'.repeat(4000)}; ${'k=v; '.repeat(200)}` }),
  html('/%2e%2e/%2e%2e/etc/passwd'),
  html('/images/..%2f..%2fsecret'),
  html('/products/%E0%A4%A/'),
  html('/products//jacket/'),
  html(`/${'a'.repeat(4000)}`),
  html('/<script>alert(1)</script>?q=%27%20OR%201=1--'),
  html('/index.html?utm_source=x&utm_source=y&%zz=1'),
];

/** RSS of a process and all its descendants, in bytes (threads share their process's RSS). */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we listed /proc.
    }
  }
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      continue;
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

const server = spawn(
  path.join(here, '..', '..', 'node_modules', '.bin', 'local-cloudfront'),
  ['--cdk-out', cdkOut, '--port', '0', '--no-watch'],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let stderrTail = '';
server.stderr.on('data', (chunk: Buffer) => {
  stderrTail = (stderrTail + chunk.toString()).slice(-4000);
});
const port = await new Promise<number>((resolve, reject) => {
  let out = '';
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    const m = /serving on http:\/\/localhost:(\d+)/.exec(out);
    if (m) {
      // From here on the request log is read and dropped, like a terminal that scrolls.
      server.stdout.off('data', onData);
      server.stdout.resume();
      resolve(Number(m[1]));
    }
  };
  server.stdout.on('data', onData);
  server.once('exit', (code) =>
    reject(new Error(`the server exited (${code}) before serving:\n${stderrTail}`)),
  );
});
const base = `http://127.0.0.1:${port}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Phase {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  fiveXx: number;
  memory: number;
}
const phases: Phase[] = [];
function record(name: string, r: autocannon.Result) {
  const phase = {
    name,
    requests: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    fiveXx: r['5xx'],
    memory: treeRss(server.pid as number),
  };
  phases.push(phase);
  console.log(
    `${name}: ${phase.requests} requests, ${phase.rps.toFixed(0)} req/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms, ${phase.errors} errors, ${phase.fiveXx} 5xx; server memory ${mb(phase.memory)}`,
  );
}

// Warm: every request of the mix once (function workers started, objects cached).
for (const r of mixed)
  await fetch(`${base}${r.path}`, { headers: r.headers }).then((res) => res.arrayBuffer());
const startMemory = treeRss(server.pid as number);
console.log(`start (after one round of the mix): server memory ${mb(startMemory)}`);

record(
  `mixed load, 100 connections, ${loadSeconds} s`,
  await autocannon({ url: base, connections: 100, duration: loadSeconds, requests: mixed }),
);
let n = 0;
record(
  `unique-URL flood, ${floodRequests} missing paths`,
  await autocannon({
    url: base,
    connections: 100,
    amount: floodRequests,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/flood/${n++}/page` }) }],
  }),
);
record(
  `soak, ${soakRate} req/s for ${soakSeconds} s`,
  await autocannon({
    url: base,
    connections: 10,
    duration: soakSeconds,
    overallRate: soakRate,
    requests: mixed,
  }),
);

server.kill('SIGTERM');
const budget = defaultCacheBudgetBytes;
const bound = budget + fixedOverheadBytes;
console.log(
  `\nbound: cache budget ${mb(budget)} + fixed overhead ${mb(fixedOverheadBytes)} = ${mb(bound)} (start was ${mb(startMemory)})`,
);
const failures = [
  ...phases
    .filter((p) => p.errors > 0 || p.fiveXx > 0)
    .map((p) => `${p.name}: ${p.errors} errors, ${p.fiveXx} 5xx`),
  ...phases
    .slice(1)
    .filter((p) => p.memory > bound)
    .map((p) => `${p.name}: memory ${mb(p.memory)} > ${mb(bound)}`),
];
if (failures.length > 0) {
  console.error(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('ok: no errors, no 5xx, memory within the bound after the flood and the soak');
