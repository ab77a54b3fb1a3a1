/**
 * `npm run lab -- check <n>`   builds if needed, serves the shop on the local CloudFront, runs lab n's checkpoint
 * `npm run lab -- solve <n>`   applies lab n's solution to the working tree (never over uncommitted changes)
 * `npm run lab -- reset`       returns every file the labs touch to the starting point (the commit you cloned)
 * `npm run lab -- list`        the labs and their pages
 * `npm run lab -- pin`         (for whoever changes the labs) copies the files the labs edit into workshop/start/
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.ts';
import { applyEdits, filesOf, resetToStart, uncommitted } from './edits.ts';
import { type Expectation, withShop } from './harness.ts';
import { labs } from './labs/index.ts';
import { pin, solutionProblems, startDir } from './start.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'usage: npm run lab -- check <n> | solve <n> | reset | list | pin';

function labOf(arg: string | undefined) {
  const lab = labs.find((l) => String(l.id) === arg);
  if (!lab) {
    console.error(`lab: no lab "${arg ?? ''}"; the labs are ${labs.map((l) => l.id).join(', ')}\n${usage}`);
    process.exit(2);
  }
  return lab;
}

function print(results: Expectation[]): boolean {
  for (const r of results) {
    const seen = r.seen ? ` (seen: ${r.seen})` : '';
    console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.name}${seen}`);
    if (!r.pass) console.log(`      hint: ${r.hint}`);
  }
  return results.every((r) => r.pass);
}

async function check(arg: string | undefined): Promise<number> {
  const lab = labOf(arg);
  console.log(`lab ${lab.id}: ${lab.title} (${lab.page})`);
  const build = ensureBuilt(root, (line) => console.log(line));
  if (!build.ok) {
    print([
      {
        name: 'the shop builds (npm run build)',
        pass: false,
        hint: `the build failed; its last lines:\n${build.message}`,
      },
    ]);
    return 1;
  }
  const results = await withShop(root, (shop) => lab.check(shop));
  const passed = print(results);
  for (const line of lab.notChecked ?? []) console.log(`NOT CHECKED  ${line}`);
  console.log(
    passed
      ? `lab ${lab.id}: checkpoint passed`
      : `lab ${lab.id}: checkpoint failed (${results.filter((r) => !r.pass).length} of ${results.length})`,
  );
  return passed ? 0 : 1;
}

function solve(arg: string | undefined): number {
  const lab = labOf(arg);
  const files = filesOf(lab.solution);
  const dirty = uncommitted(root, files);
  if (dirty.length > 0) {
    console.error(
      `lab ${lab.id}: not solving; the solution would overwrite your uncommitted changes in:\n` +
        dirty.map((f) => `  ${f}`).join('\n') +
        '\nCommit or stash them (git stash), or run `npm run lab -- reset` to drop them, then try again.',
    );
    return 1;
  }
  applyEdits(root, lab.solution);
  console.log(`lab ${lab.id}: solution applied to ${files.join(', ')}`);
  console.log(`run \`npm run lab -- check ${lab.id}\` to see it pass`);
  return 0;
}

function reset(): number {
  const touched = resetToStart(root);
  console.log(
    touched.length > 0
      ? `lab: back at the starting point (restored or removed: ${touched.join(', ')})`
      : 'lab: already at the starting point',
  );
  return 0;
}

/** The workshop's starting point from this tree, refused when a lab's solution would not apply to it. */
function pinStart(): number {
  const changed = pin(root);
  const problems = solutionProblems(root, labs);
  for (const problem of problems) console.error(problem);
  console.log(
    changed.length > 0
      ? `lab: ${startDir}/ now holds this tree's ${changed.join(', ')}; commit it`
      : `lab: ${startDir}/ already matches this tree`,
  );
  return problems.length > 0 ? 1 : 0;
}

const [command, arg] = process.argv.slice(2);
try {
  if (command === 'check') process.exitCode = await check(arg);
  else if (command === 'solve') process.exitCode = solve(arg);
  else if (command === 'reset') process.exitCode = reset();
  else if (command === 'pin') process.exitCode = pinStart();
  else if (command === 'list') for (const l of labs) console.log(`${l.id}  ${l.title}  ${l.page}`);
  else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
