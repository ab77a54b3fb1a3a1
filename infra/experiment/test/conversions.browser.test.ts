/**
 * The experiment end to end: the local CloudFront started the way `npm start -- --log-dir <dir>` starts it
 * (after the build `npm test` has already run), 40 visitors in Chromium, 20 with each variant, a known
 * number of them opening a product page and pressing "Add to bag"; then `npm run experiment:report` on the
 * log files it wrote on shutdown must print exactly those visitors and conversions. Every visitor has the same
 * User-Agent and the same address (127.0.0.1), as an office behind one NAT with one browser build: only the
 * visitor id tells them apart.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../e2e/browser.ts';
import { homepageExperiment } from '../../../edge/config.ts';
import { isVisitorId } from '../../../edge/lib/visitor-id.ts';
import { productPath, products } from '../../../site/src/data/catalogue.ts';
import { cdkOutDir, requireCdkOut } from '../../../site/test/local-edge.ts';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
/** The local CloudFront's command, as `npm start` runs it. */
const localCloudFront = path.resolve('node_modules/.bin/local-cloudfront');
const perVariant = 20;
/** Per variant: how many of its 20 visitors open a product page, and how many of those press "Add to bag". */
const plan: Record<string, { sawProduct: number; converted: number }> = {
  a: { sawProduct: 12, converted: 4 },
  b: { sawProduct: 15, converted: 9 },
};

let logDir: string;
let server: ChildProcess;
let browser: Browser;
let baseUrl: string;
const assigned: Record<string, number> = { a: 0, b: 0 };
/** The visitor id cookie each browser holds after its homepage view. */
const ids: string[] = [];
let sharedUserAgent = '';
/** New visitors, whose variant the edge draws; fewer than 20, so no variant can overfill. */
const freshVisitors = 8;

/** Starts the CLI and resolves with its URL once it prints "serving on". */
function startServer(): Promise<string> {
  server = spawn(
    localCloudFront,
    ['--cdk-out', cdkOutDir, '--port', '0', '--no-watch', '--log-dir', logDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving on (http:\/\/localhost:\d+)/.exec(out);
      if (match) resolve((match[1] as string).replace('localhost', '127.0.0.1'));
    });
    server.once('exit', (code) =>
      reject(new Error(`local CloudFront exited (${code}) before serving:\n${out}`)),
    );
  });
}

function stopServer(): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
  });
}

/**
 * One visitor in a fresh browser context (own cookies, cache and storage), with the User-Agent every visitor
 * shares. A returning visitor arrives with a variant cookie from before the visitor id, as a browser that kept
 * one does: the homepage keeps its variant and gives it an id.
 */
async function visit(preset: string | undefined): Promise<void> {
  const context = await browser.newContext({ userAgent: sharedUserAgent });
  try {
    if (preset) {
      await context.addCookies([{ name: homepageExperiment.cookie, value: preset, url: baseUrl }]);
    }
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const id = (await context.cookies()).find((c) => c.name === homepageExperiment.visitorCookie)?.value;
    expect(isVisitorId(id), `visitor id cookie ${id}`).toBe(true);
    ids.push(id ?? '');
    const variant = (await page.locator('body').getAttribute('data-variant')) ?? '';
    expect(Object.keys(plan)).toContain(variant);
    if (preset) expect(variant).toBe(preset);
    const k = assigned[variant] as number;
    assigned[variant] = k + 1;
    const steps = plan[variant] as { sawProduct: number; converted: number };
    if (k >= steps.sawProduct) return;
    const product = products[k % products.length] as (typeof products)[number];
    await page.goto(`${baseUrl}${productPath(product)}`);
    if (k >= steps.converted) return;
    // The first converter of each variant presses twice: still one converted visitor.
    for (let press = 0; press < (k === 0 ? 2 : 1); press++) {
      const logged = page.waitForResponse((r) => r.url().includes('/bag/add.json') && r.status() === 200);
      await page.getByRole('button', { name: 'Add to bag' }).click();
      await logged;
    }
    await page
      .getByRole('status')
      .filter({ hasText: /Your bag holds \d+ items?/ })
      .waitFor();
  } finally {
    await context.close();
  }
}

/** Four browser contexts at a time: the machine has two cores. */
async function inBatches<T>(items: T[], each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += 4) await Promise.all(items.slice(i, i + 4).map(each));
}

beforeAll(async () => {
  requireCdkOut();
  logDir = mkdtempSync(path.join(tmpdir(), 'experiment-e2e-'));
  [baseUrl, browser] = await Promise.all([startServer(), launchChromium()]);
  const probe = await browser.newPage();
  sharedUserAgent = await probe.evaluate(() => navigator.userAgent);
  await probe.close();
  // The first visitors are new: the edge draws their variant. The rest arrive as returning visitors with
  // a variant cookie (a valid one keeps its variant), chosen so that each variant ends with exactly 20.
  await inBatches(
    Array.from({ length: freshVisitors }, () => undefined),
    () => visit(undefined),
  );
  const returning = Object.keys(plan).flatMap((v) =>
    Array.from({ length: perVariant - (assigned[v] as number) }, () => v),
  );
  await inBatches(returning, (variant) => visit(variant));
  await stopServer();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (server) await stopServer();
  rmSync(logDir, { recursive: true, force: true });
});

describe('the experiment through the local CloudFront, 40 visitors in Chromium', () => {
  it('drove 20 visitors per variant, each with a visitor id of its own', () => {
    expect(assigned).toEqual({ a: perVariant, b: perVariant });
    expect(new Set(ids).size).toBe(2 * perVariant);
  });

  it('left gzip standard log files named like CloudFront on shutdown', () => {
    const files = readdirSync(logDir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^E[0-9A-Z]+\.\d{4}-\d{2}-\d{2}-\d{2}\.[0-9a-f]{8}\.gz$/);
  });

  it('npm run experiment:report counts every visitor of one address and one User-Agent: 20 and 20, 4 and 9 converted', async () => {
    const json = JSON.parse((await run(tsx, ['infra/experiment/cli.ts', '--logs', logDir, '--json'])).stdout);
    expect(
      json.variants.map(({ variant, visitors, sawProduct, converted }: Record<string, unknown>) => ({
        variant,
        visitors,
        sawProduct,
        converted,
      })),
    ).toEqual(Object.entries(plan).map(([variant, p]) => ({ variant, visitors: perVariant, ...p })));
    expect(json.problems).toEqual([]);
    expect(json.contaminated).toBe(0);
    // The new visitors' first homepage requests carried no cookie yet.
    expect(json.withoutVariant).toBeGreaterThanOrEqual(freshVisitors);
    // The returning visitors' first homepage requests carried a variant from before the id.
    expect(json.withoutVisitorId).toBeGreaterThanOrEqual(2 * perVariant - freshVisitors);
    expect(json.status).toBe('no-plan');

    const text = (await run(tsx, ['infra/experiment/cli.ts', '--logs', logDir])).stdout;
    expect(text).toContain(
      'a 20 (expected 20.0), b 20 (expected 20.0): chi-squared 0.00, 1 df, p = 1.000: the split matches.',
    );
    expect(text).toMatch(/^a\s+20\s+12\s+4\s+20\.0%\s+8\.1% to 41\.6%$/m);
    expect(text).toMatch(/^b\s+20\s+15\s+9\s+45\.0%\s+25\.8% to 65\.8%$/m);
    expect(text).toContain('No verdict: no planned sample size.');
  });

  it('says the test is still running below its planned size, and reads it once the plan is met', async () => {
    // 20% observed in a, 25 points: 53.9 per variant (statistics.test.ts's formula; SciPy), 20 are not enough.
    const running = (await run(tsx, ['infra/experiment/cli.ts', '--logs', logDir, '--mde', '25'])).stdout;
    expect(running).toContain(
      'Plan: 54 visitors per variant to detect 25.0 percentage points from a baseline of 20.0%',
    );
    expect(running).toContain('Still running: a 20, b 20 of the 54 visitors each variant needs. No verdict');
    expect(running).not.toMatch(/ vs a:/);
    // A 50-point lift needs 15 per variant: the 20 suffice. 4/20 against 9/20: z and p from Python's math.erfc.
    const read = (await run(tsx, ['infra/experiment/cli.ts', '--logs', logDir, '--mde', '50'])).stdout;
    expect(read).toContain(
      'b vs a: +25.0 percentage points, z = 1.69, p = 0.091 (two-proportion z-test, two-sided).',
    );
    expect(read).toContain('Not significant at the 0.0500 level');
  });
});
