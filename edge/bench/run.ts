/**
 * `npm run bench:edge`: per function, the median and p99 time of one invocation of the BUILT bundle's
 * handler in process (after a warm-up), and the bundle's size minified and gzipped. Run after
 * `npm run build:edge`; `--dist <dir>` measures bundles built elsewhere.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { distDir } from '../build.ts';
import { scenarios } from './scenarios.ts';

const WARMUP = 20_000;
const ITERATIONS = 200_000;
const flag = process.argv.indexOf('--dist');
const dist = flag >= 0 ? path.resolve(process.argv[flag + 1] ?? '') : distDir;

type Handler = (event: unknown) => Promise<unknown>;

function percentile(sorted: BigInt64Array, p: number): number {
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]) / 1000;
}

async function measure(
  handler: Handler,
  factories: (() => unknown)[],
): Promise<{ median: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await handler(factories[i % factories.length]?.());
  const samples = new BigInt64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    // A fresh event per call (the handlers rewrite it in place), made outside the timed section.
    const event = factories[i % factories.length]?.();
    const start = process.hrtime.bigint();
    await handler(event);
    samples[i] = process.hrtime.bigint() - start;
  }
  samples.sort();
  return { median: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

const rows: string[] = [];
for (const [name, factories] of Object.entries(scenarios)) {
  const file = path.join(dist, name, 'index.mjs');
  let code: Buffer;
  try {
    code = readFileSync(file);
  } catch {
    console.error(`bench:edge: no bundle at ${file}; run \`npm run build:edge\` first`);
    process.exit(1);
  }
  const { handler } = (await import(pathToFileURL(file).href)) as { handler: Handler };
  const { median, p99 } = await measure(handler, factories as (() => unknown)[]);
  rows.push(
    `| ${name} | ${median.toFixed(2)} | ${p99.toFixed(2)} | ${code.length} | ${gzipSync(code).length} | ${factories.length} |`,
  );
}

console.log(
  `Node ${process.version}, ${ITERATIONS} invocations per function after ${WARMUP} warm-up calls\n`,
);
console.log('| function | median µs | p99 µs | bytes minified | bytes gzipped | event mix |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
