/**
 * Synthesizes the fixture apps once per content of the fixtures (and aws-cdk-lib version), into a
 * temp dir that every test file and run can share: synthesis costs seconds, the rules milliseconds.
 */
import { createHash } from 'node:crypto';
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
import { fixturesDir } from '../fixtures/paths.ts';

function hashTree(dir: string, hash = createHash('sha256')): ReturnType<typeof createHash> {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    hash.update(name);
    if (statSync(p).isDirectory()) hashTree(p, hash);
    else hash.update(readFileSync(p));
  }
  return hash;
}

export async function fixtureCdkOut(): Promise<string> {
  const cdkVersion = (createRequire(import.meta.url)('aws-cdk-lib/package.json') as { version: string })
    .version;
  const key = hashTree(fixturesDir).update(cdkVersion).digest('hex').slice(0, 16);
  const target = path.join(os.tmpdir(), `local-cloudfront-fixtures-${key}`);
  if (existsSync(path.join(target, 'manifest.json'))) return target;
  if (!takeLock(`${target}.lock`)) return waitFor(target);
  const staging = mkdtempSync(path.join(os.tmpdir(), 'local-cloudfront-synth-'));
  // aws-cdk-lib takes seconds to load: only when the fixtures changed.
  const { synthFixtureApps } = await import('../fixtures/apps.ts');
  synthFixtureApps(staging);
  try {
    renameSync(staging, target);
  } catch {
    // Another test file synthesized the same fixtures first; theirs is identical.
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(`${target}.lock`, { force: true });
  return target;
}

/** One synthesis at a time across test workers; a lock older than two minutes is from a dead run. */
function takeLock(lock: string): boolean {
  try {
    closeSync(openSync(lock, 'wx'));
    return true;
  } catch {
    if (Date.now() - statSync(lock).mtimeMs < 120_000) return false;
    rmSync(lock, { force: true });
    return takeLock(lock);
  }
}

async function waitFor(target: string): Promise<string> {
  const until = Date.now() + 90_000;
  while (!existsSync(path.join(target, 'manifest.json'))) {
    if (Date.now() > until) throw new Error(`fixture synthesis into ${target} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return target;
}
