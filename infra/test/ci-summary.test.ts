/**
 * .ci/summary.mjs, the line CI reads: run on small Vitest and Playwright reports in the shapes the runners write.
 * Skipped and flaky tests must show by name and count as failed, so neither passes CI unseen.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../.ci/summary.mjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'ci-summary-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function vitestReport(statuses: string[], extra: object = {}) {
  const count = (status: string) => statuses.filter((s) => s === status).length;
  return {
    numTotalTests: statuses.length,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped') + count('pending'),
    numTodoTests: count('todo'),
    success: count('failed') === 0,
    testResults: [
      {
        name: '/repo/edge/test/a.test.ts',
        status: count('failed') ? 'failed' : 'passed',
        message: '',
        assertionResults: statuses.map((status, i) => ({ status, fullName: `case ${i}` })),
      },
    ],
    ...extra,
  };
}

function playwrightReport(statuses: string[], errors: object[] = []) {
  const count = (status: string) => statuses.filter((s) => s === status).length;
  return {
    suites: [
      {
        file: 'quality.spec.ts',
        specs: [],
        suites: [
          {
            file: 'quality.spec.ts',
            specs: statuses.map((status, i) => ({
              title: `page ${i}`,
              file: 'quality.spec.ts',
              tests: [{ projectName: 'tablet', status }],
            })),
          },
        ],
      },
    ],
    errors,
    stats: {
      expected: count('expected'),
      unexpected: count('unexpected'),
      skipped: count('skipped'),
      flaky: count('flaky'),
    },
  };
}

/** The lines printed; the exit status must be 1 exactly when the last line counts a failure. */
function summarise(vitest: object | undefined, playwright: object | undefined): string[] {
  const files = ['vitest.json', 'playwright.json'].map((name) =>
    path.join(scratch, `${Math.random()}-${name}`),
  );
  if (vitest) writeFileSync(files[0] as string, JSON.stringify(vitest));
  if (playwright) writeFileSync(files[1] as string, JSON.stringify(playwright));
  const run = spawnSync(process.execPath, [script, ...files], { encoding: 'utf8' });
  const lines = run.stdout.trim().split('\n');
  expect(run.status, 'exit status').toBe(lines.at(-1)?.endsWith(' 0 failed') ? 0 : 1);
  return lines;
}

describe('.ci/summary.mjs', () => {
  it('passes a run where every test passed', () => {
    const lines = summarise(vitestReport(['passed', 'passed']), playwrightReport(['expected']));
    expect(lines).toEqual([
      'vitest: passed 2, failed 0, skipped 0, flaky 0 | playwright: passed 1, failed 0, skipped 0, flaky 0',
      '3 passed, 0 failed',
    ]);
  });

  it('ends with the plain CI line after a detail line per suite', () => {
    const lines = summarise(
      vitestReport(['passed', 'passed', 'failed']),
      playwrightReport(['expected', 'unexpected']),
    );
    expect(lines.at(-2)).toBe(
      'vitest: passed 2, failed 1, skipped 0, flaky 0 | playwright: passed 1, failed 1, skipped 0, flaky 0',
    );
    expect(lines.at(-1)).toBe('3 passed, 2 failed');
  });

  it('counts skipped and flaky tests as failed and names each', () => {
    const lines = summarise(
      vitestReport(['passed', 'skipped', 'todo']),
      playwrightReport(['expected', 'skipped', 'flaky']),
    );
    expect(lines).toContain('vitest skipped: case 1');
    expect(lines).toContain('vitest todo: case 2');
    expect(lines).toContain('playwright skipped: [tablet] quality.spec.ts › page 1');
    expect(lines).toContain('playwright flaky: [tablet] quality.spec.ts › page 2');
    expect(lines.at(-2)).toBe(
      'vitest: passed 1, failed 0, skipped 2, flaky 0 | playwright: passed 1, failed 0, skipped 1, flaky 1',
    );
    expect(lines.at(-1)).toBe('2 passed, 4 failed');
  });

  it('counts a missing report, a run of no test and an error outside any test as failures', () => {
    expect(summarise(undefined, undefined).at(-1)).toBe('0 passed, 2 failed');
    expect(summarise(vitestReport([]), playwrightReport(['expected'])).at(-1)).toBe('1 passed, 1 failed');
    const webServerDown = playwrightReport(
      [],
      [{ message: 'Error: Timed out waiting for config.webServer' }],
    );
    const lines = summarise(vitestReport(['passed']), webServerDown);
    expect(lines).toContain('playwright error outside a test: Error: Timed out waiting for config.webServer');
    expect(lines.at(-1)).toBe('1 passed, 2 failed');
  });

  it('counts a test file that failed to load as a failure, though it has no failing test', () => {
    const report = vitestReport(['passed']);
    report.testResults.push({
      name: '/repo/site/test/broken.test.ts',
      status: 'failed',
      message: 'Cannot find module',
      assertionResults: [],
    });
    report.success = false;
    expect(summarise(report, playwrightReport(['expected'])).at(-1)).toBe('2 passed, 1 failed');
  });
});
