/**
 * Every lab, in a scratch copy of the repository: its checkpoint fails on the starting point and passes after
 * `npm run lab -- solve <n>`, and `reset` brings the copy back to a clean tree. The copy is the working tree's
 * files (tracked and untracked, not ignored) with the files the labs edit taken from the workshop's starting
 * point (workshop/start/, start.ts), committed into a fresh git repository, node_modules shared by a symlink and
 * the image cache copied, so a solved lab rebuilds in seconds rather than re-encoding every image. A shop
 * changed around the labs (its name, products, weights, colours) is the shop they run on; the files they edit
 * are the ones they were written for.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labs } from './labs/index.ts';
import { git, scratchCopy } from './scratch.ts';
import { restoreStart, solutionProblems, startDir } from './start.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let scratch: string;
let start: string;

/** `npm run lab -- <args>` in a copy; resolves with its exit status and everything it printed. */
function lab(cwd: string, ...args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'lab', '--', ...args], { cwd });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (status) => resolve({ status, output }));
  });
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(0)} s`;
}

beforeAll(async () => {
  const began = Date.now();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'workshop-'));
  start = path.join(scratch, 'start');
  scratchCopy(repo, start, (copy) => {
    const differed = restoreStart(repo, copy);
    if (differed.length > 0)
      console.log(
        `workshop: the labs start from ${startDir}/ for ${differed.join(', ')} (changed in this tree)`,
      );
  });
  // Build the starting point once (lab 0's checkpoint builds, then fails: no answers yet); every lab's copy
  // starts from this build, so its starting-point checkpoint does not rebuild.
  const first = await lab(start, 'check', '0');
  expect(first.output, first.output).toContain('build: npm run build');
  expect(first.output, first.output).not.toContain('the shop builds');
  console.log(`workshop: scratch copy built in ${elapsed(began)}`);
}, 900_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the starting point', () => {
  it(`holds every file a lab edits, and every lab's solution applies to it (${startDir}/)`, () => {
    expect(solutionProblems(repo, labs)).toEqual([]);
  });
});

describe.each(labs.map((l) => [l.id, l] as const))('lab %i', (id, definition) => {
  it(`${definition.title}: the checkpoint fails at the start, passes after solve, and reset cleans up`, async () => {
    const began = Date.now();
    const copy = path.join(scratch, `lab-${id}`);
    cpSync(start, copy, { recursive: true, verbatimSymlinks: true });

    const before = await lab(copy, 'check', String(id));
    expect(before.output, before.output).toContain('build: nothing changed');
    if (definition.asksForChange) {
      expect(before.status, before.output).toBe(1);
      expect(before.output, before.output).toMatch(/^FAIL {2}/m);
      expect(before.output, before.output).not.toContain('the shop builds');
    }

    const solved = await lab(copy, 'solve', String(id));
    expect(solved.status, solved.output).toBe(0);

    const after = await lab(copy, 'check', String(id));
    expect(after.status, after.output).toBe(0);
    expect(after.output, after.output).not.toMatch(/^FAIL/m);

    const again = await lab(copy, 'solve', String(id));
    expect(again.status, 'solve refuses over the changes it made').toBe(1);
    expect(again.output).toContain('not solving');

    const reset = await lab(copy, 'reset');
    expect(reset.status, reset.output).toBe(0);
    expect(git(copy, ['status', '--porcelain']), 'reset leaves a clean tree').toBe('');

    rmSync(copy, { recursive: true, force: true });
    const rebuilt = after.output.includes('build: npm run build') ? 'rebuilt after solve' : 'no rebuild';
    console.log(`workshop: lab ${id} in ${elapsed(began)} (${rebuilt})`);
  }, 900_000);
});
