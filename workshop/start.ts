/**
 * The workshop's starting point: a copy, under workshop/start/, of every file a lab edits (paths.ts, `edited`),
 * as the labs were written for them. The workshop's own test runs every lab on these copies, so a team that
 * changes its shop (other weights, another colour, plum among them) keeps a green `npm test` in which every
 * lab still fails at its start and passes after its solution. An attendee's clone is unchanged: its files are
 * these. `npm run lab -- pin` rewrites the copies from the working tree; run it, and commit, when a lab and the
 * files it edits change together.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyEdits } from './edits.ts';
import type { Lab } from './harness.ts';
import { edited } from './paths.ts';

/** Where the copies live, relative to the repository root; each keeps its path below it. */
export const startDir = 'workshop/start';

export const startFiles: readonly string[] = Object.values(edited);

const pinHint = 'run `npm run lab -- pin` in a tree where every lab applies, and commit workshop/start/';

function same(a: string, b: string): boolean {
  return existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
}

/** Copies the working tree's files into workshop/start/; returns the ones that changed. */
export function pin(root: string): string[] {
  const changed: string[] = [];
  for (const file of startFiles) {
    const from = path.join(root, file);
    const to = path.join(root, startDir, file);
    if (same(from, to)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(from, to);
    changed.push(file);
  }
  return changed;
}

/** Writes the starting point's files over `target`'s; returns the ones that differed there. */
export function restoreStart(root: string, target: string): string[] {
  const differed: string[] = [];
  for (const file of startFiles) {
    const from = path.join(root, startDir, file);
    if (!existsSync(from)) throw new Error(`workshop: ${startDir}/${file} is missing; ${pinHint}`);
    if (same(from, path.join(target, file))) continue;
    cpSync(from, path.join(target, file));
    differed.push(file);
  }
  return differed;
}

/** Every lab's solution, applied to a scratch copy of the starting point: the first failure's message per lab. */
export function solutionProblems(root: string, labs: readonly Lab[]): string[] {
  const problems: string[] = [];
  for (const lab of labs) {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'workshop-start-'));
    try {
      for (const file of startFiles) {
        const from = path.join(root, startDir, file);
        if (!existsSync(from)) throw new Error(`${startDir}/${file} is missing`);
        mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
        cpSync(from, path.join(scratch, file));
      }
      applyEdits(scratch, lab.solution);
    } catch (error) {
      problems.push(`lab ${lab.id}: ${error instanceof Error ? error.message : error}\n(${pinHint})`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return problems;
}
