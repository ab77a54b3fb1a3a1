/**
 * The checkpoints test the real build, so a check builds first; a tree whose build inputs are unchanged since
 * the last successful build (same hash of every input file) is not rebuilt.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git } from './edits.ts';
import { buildInputs, built } from './paths.ts';

/** A hash of every build input git would see (tracked or untracked, not ignored); undefined outside git. */
export function inputHash(root: string): string | undefined {
  const listing = git(root, ['ls-files', '-co', '--exclude-standard', '-z', '--', ...buildInputs]);
  if (listing === undefined) return undefined;
  const hash = createHash('sha256');
  for (const file of listing.split('\0').filter(Boolean).sort()) {
    const full = path.join(root, file);
    if (!existsSync(full)) continue; // deleted but still tracked
    hash.update(file).update('\0').update(readFileSync(full)).update('\0');
  }
  return hash.digest('hex');
}

export type BuildResult = { ok: true; rebuilt: boolean } | { ok: false; message: string };

/** `npm run build` (site, edge bundles, CDK synthesis with cdk-nag) unless the last one saw these inputs. */
export function ensureBuilt(root: string, log: (line: string) => void): BuildResult {
  const hash = inputHash(root);
  const stampFile = path.join(root, built.stamp);
  const manifest = path.join(root, built.cdkOut, 'manifest.json');
  if (hash && existsSync(manifest) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
    log('build: nothing changed since the last build');
    return { ok: true, rebuilt: false };
  }
  log('build: npm run build (the site, the edge bundles, the CDK app with cdk-nag) ...');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n');
    return { ok: false, message: output.slice(-15).join('\n') };
  }
  if (hash) writeFileSync(stampFile, hash);
  return { ok: true, rebuilt: true };
}
