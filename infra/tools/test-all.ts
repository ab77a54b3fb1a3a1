/**
 * `npm test` after its build: the Vitest projects, then the browser suite, each whatever the other's result, so a
 * failing unit test never hides the browser suite's outcome. Prints both outcomes last and exits 1 if either failed.
 * Their JSON reports (test-results/) are removed first: a report left by an earlier run must not count in
 * .ci/summary.mjs as this run's.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Suite {
  name: string;
  command: string;
  args: string[];
  /** The JSON report the suite writes, removed before it runs. */
  report?: string;
}

export interface Outcome {
  name: string;
  status: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const suites: Suite[] = [
  { name: 'vitest', command: 'vitest', args: ['run'], report: 'test-results/vitest.json' },
  {
    name: 'playwright',
    command: 'playwright',
    args: ['test', '-c', 'e2e'],
    report: 'test-results/playwright.json',
  },
];

/** Runs every suite in order with the terminal attached; a suite that could not start counts as failed. */
export function runSuites(list: Suite[], cwd = root): Outcome[] {
  return list.map((suite) => {
    if (suite.report) rmSync(path.join(cwd, suite.report), { force: true });
    const result = spawnSync(suite.command, suite.args, { cwd, stdio: 'inherit' });
    if (result.error) console.error(`test: could not run ${suite.command}: ${result.error.message}`);
    return { name: suite.name, status: result.status ?? 1 };
  });
}

export function outcomeLine(outcomes: Outcome[]): string {
  const parts = outcomes.map(
    ({ name, status }) => `${name} ${status === 0 ? 'passed' : `FAILED (exit ${status})`}`,
  );
  return `test: ${parts.join(', ')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcomes = runSuites(suites);
  console.log(`\n${outcomeLine(outcomes)}`);
  process.exitCode = outcomes.every((o) => o.status === 0) ? 0 : 1;
}
