/**
 * A scratch copy of the repository for tests that build and run it whole: the working tree's files (tracked
 * and untracked, not ignored), node_modules shared by a symlink and the image cache copied (a build then
 * re-encodes only what changed), committed into a fresh git repository as its starting point.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export function git(cwd: string, args: string[], input?: string): string {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=workshop', '-c', 'user.email=workshop@localhost', ...args],
    { cwd, encoding: 'utf8', ...(input !== undefined && { input }) },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Copies `repo`'s working tree into `dest`; `prepare` changes the copy before its first commit. */
export function scratchCopy(repo: string, dest: string, prepare: (copy: string) => void = () => {}): void {
  const files = git(repo, ['ls-files', '-co', '--exclude-standard', '-z']).split('\0').filter(Boolean);
  const copied: string[] = [];
  for (const file of files) {
    // node_modules is linked below; in a copy it is itself a link, which the ignore rule `node_modules/` misses.
    if (file === 'node_modules') continue;
    if (!existsSync(path.join(repo, file))) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    cpSync(path.join(repo, file), path.join(dest, file));
    copied.push(file);
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(dest, 'node_modules'));
  const imageCache = path.join(repo, 'site', '.image-cache');
  if (existsSync(imageCache))
    cpSync(imageCache, path.join(dest, 'site', '.image-cache'), { recursive: true });
  prepare(dest);
  git(dest, ['init', '-q']);
  git(dest, ['add', '-A']);
  // Tracked files under an ignored name (infra/local-cloudfront/logs/ matches `logs/`) stay tracked in the copy,
  // so a copy of the copy (the day-one suite's workshop test) has them too.
  git(
    dest,
    ['add', '-f', '--pathspec-from-file=-', '--pathspec-file-nul'],
    copied.filter((file) => existsSync(path.join(dest, file))).join('\0'),
  );
  git(dest, ['commit', '-q', '-m', 'the starting point']);
}
