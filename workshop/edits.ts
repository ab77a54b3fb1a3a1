/**
 * Solutions as small scripted edits: each finds an anchor in a file and fails loudly if the anchor is not
 * there exactly once, so a change elsewhere in the project cannot make a solution apply half-way or silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { added, edited } from './paths.ts';

export type Edit = { file: string; anchor: string; replacement: string } | { file: string; create: string };

/** Runs git in the repository; undefined when git is missing or this is not a git checkout. */
export function git(root: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

/** Files among `files` that differ from HEAD (changed, or present and untracked). */
export function uncommitted(root: string, files: readonly string[]): string[] {
  const status = git(root, ['status', '--porcelain', '--untracked-files=all', '--', ...files]);
  if (status === undefined) throw new Error('lab: this folder is not a git checkout; clone the repository');
  return status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
}

export function filesOf(edits: readonly Edit[]): string[] {
  return [...new Set(edits.map((e) => e.file))];
}

/** Checks every anchor first, then writes: either the whole solution applies or nothing changes. */
export function applyEdits(root: string, edits: readonly Edit[]): void {
  const contents = new Map<string, string>();
  for (const edit of edits) {
    const file = path.join(root, edit.file);
    if ('create' in edit) {
      contents.set(edit.file, edit.create);
      continue;
    }
    const text = contents.get(edit.file) ?? (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    if (text === undefined) throw new Error(`lab: ${edit.file} does not exist; the solution cannot apply`);
    const count = text.split(edit.anchor).length - 1;
    if (count !== 1) {
      throw new Error(
        `lab: the solution expects this text ${count === 0 ? 'once' : `once, not ${count} times`} in ${edit.file}:\n` +
          `${edit.anchor}\nThe project changed since the solution was written; update workshop/labs.`,
      );
    }
    contents.set(
      edit.file,
      text.replace(edit.anchor, () => edit.replacement),
    );
  }
  for (const [file, text] of contents) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

/**
 * The workshop's starting point is the commit you cloned (HEAD): every file a lab edits is checked out from
 * HEAD and every file a lab adds is deleted unless git tracks it. Work you committed is kept.
 */
export function resetToStart(root: string): string[] {
  const touched: string[] = [];
  const editedFiles = Object.values(edited);
  const changed = uncommitted(root, editedFiles);
  if (changed.length > 0) {
    if (git(root, ['checkout', 'HEAD', '--', ...changed]) === undefined) {
      throw new Error(`lab: git could not restore ${changed.join(', ')}`);
    }
    touched.push(...changed);
  }
  for (const file of Object.values(added)) {
    const tracked = git(root, ['ls-files', '--error-unmatch', '--', file]) !== undefined;
    if (!tracked && existsSync(path.join(root, file))) {
      rmSync(path.join(root, file));
      touched.push(file);
      // A folder the lab created for the file goes too (git does not track empty folders).
      const folder = path.dirname(path.join(root, file));
      if (readdirSync(folder).length === 0) rmSync(folder, { recursive: true });
    }
  }
  return touched;
}
