/**
 * The one synthesis cache for tests: a CDK app synthesized into a folder named after a hash of its inputs (the
 * files and folders it is built from, and the aws-cdk-lib version), in the system's temp folder, so every test
 * file, worker and later run with the same inputs reads the same cdk.out. Synthesis costs seconds; reading
 * a template, milliseconds. A lock keeps two workers from synthesizing the same inputs at once, and a new
 * synthesis removes the older ones of the same name, so the cache holds one folder per app.
 */
import { createHash, type Hash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface CachedSynthesisOptions {
  /** Names the cache folder (`<name>-<hash>`); one app, one name. */
  name: string;
  /** Files and folders whose content decides the template (build output such as bundles included). */
  inputs: readonly string[];
  /** Folders below an input that hold no input (dependencies, other outputs). */
  ignore?: readonly string[];
  /** Synthesizes the app into `outdir` (imported lazily by the caller: aws-cdk-lib takes seconds to load). */
  synth: (outdir: string) => void | Promise<void>;
}

const lockStaleMs = 120_000;
const waitMs = 180_000;

export async function cachedSynthesis(options: CachedSynthesisOptions): Promise<string> {
  const ignore = new Set(['node_modules', 'cdk.out', ...(options.ignore ?? [])]);
  const hash = createHash('sha256').update(cdkVersion());
  for (const input of options.inputs) hashPath(input, hash, ignore);
  const target = path.join(os.tmpdir(), `${options.name}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(path.join(target, 'manifest.json'))) return target;
  const lock = `${target}.lock`;
  if (!takeLock(lock)) return waitFor(target);
  try {
    const staging = mkdtempSync(`${target}.staging-`);
    try {
      await options.synth(staging);
      renameSync(staging, target);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    removeOlder(options.name, target);
  } finally {
    rmSync(lock, { force: true });
  }
  return target;
}

function cdkVersion(): string {
  return (createRequire(import.meta.url)('aws-cdk-lib/package.json') as { version: string }).version;
}

function hashPath(p: string, hash: Hash, ignore: ReadonlySet<string>): void {
  hash.update(p).update('\0');
  if (!existsSync(p)) return;
  if (!statSync(p).isDirectory()) {
    hash.update(readFileSync(p));
    return;
  }
  for (const name of readdirSync(p).sort()) {
    if (!ignore.has(name)) hashPath(path.join(p, name), hash, ignore);
  }
}

/** One synthesis at a time per set of inputs, across workers; a lock older than two minutes is a dead run's. */
function takeLock(lock: string): boolean {
  try {
    closeSync(openSync(lock, 'wx'));
    return true;
  } catch {
    if (Date.now() - statSync(lock).mtimeMs < lockStaleMs) return false;
    rmSync(lock, { force: true });
    return takeLock(lock);
  }
}

async function waitFor(target: string): Promise<string> {
  const until = Date.now() + waitMs;
  while (!existsSync(path.join(target, 'manifest.json'))) {
    if (Date.now() > until) throw new Error(`synthesis into ${target} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return target;
}

/** Older syntheses of the same app (inputs since changed), unless another run is writing one right now. */
function removeOlder(name: string, keep: string): void {
  const dir = path.dirname(keep);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (full === keep || !new RegExp(`^${name}-[0-9a-f]{16}$`).test(entry)) continue;
    if (existsSync(`${full}.lock`)) continue;
    rmSync(full, { recursive: true, force: true });
  }
}
