// Reads the Vitest and Playwright JSON reports and prints, last, one line `N passed, N failed` for CI.
// Before it: one detail line per suite (passed, failed, skipped, flaky) and the name of every test that was not a
// plain pass. A skipped or flaky test counts as failed in the last line: neither may pass CI unseen. A missing
// report, a report of no test, or a run that failed outside any test (a file that did not load, a web server
// that did not start) counts as one failure. Exits 1 when the last line counts any failure.
import { existsSync, readFileSync } from 'node:fs';

const [vitestReport, playwrightReport] = process.argv.slice(2);

function read(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/** Vitest's Jest-style report. It records no retries, and the config sets none, so no Vitest test can be flaky. */
function vitestCounts(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0, flaky: 0, notes: ['vitest: no report'] };
  const notes = [];
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      if (test.status !== 'passed' && test.status !== 'failed')
        notes.push(`vitest ${test.status}: ${test.fullName}`);
    }
  }
  // A file that failed with no failing test in it (an import error, a failing beforeAll) is one failure.
  const filesFailedOutsideTests = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
  );
  for (const file of filesFailedOutsideTests)
    notes.push(`vitest failed outside a test: ${file.name} ${file.message}`);
  let failed = report.numFailedTests + filesFailedOutsideTests.length;
  if (!report.success && failed === 0) {
    failed = 1;
    notes.push('vitest: the run did not succeed (an unhandled error)');
  }
  if (report.numTotalTests === 0) {
    failed += 1;
    notes.push('vitest: no test ran');
  }
  const skipped = report.numPendingTests + report.numTodoTests;
  return { passed: report.numPassedTests, failed, skipped, flaky: 0, notes };
}

function playwrightCounts(report) {
  if (!report) return { passed: 0, failed: 1, skipped: 0, flaky: 0, notes: ['playwright: no report'] };
  const notes = [];
  const walk = (suite) => {
    for (const child of suite.suites ?? []) walk(child);
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === 'skipped' || test.status === 'flaky') {
          notes.push(`playwright ${test.status}: [${test.projectName}] ${spec.file} › ${spec.title}`);
        }
      }
    }
  };
  for (const suite of report.suites ?? []) walk(suite);
  const { expected, unexpected, skipped, flaky } = report.stats;
  const errors = report.errors ?? [];
  for (const error of errors) notes.push(`playwright error outside a test: ${error.message?.split('\n')[0]}`);
  let failed = unexpected + errors.length;
  if (expected + unexpected + skipped + flaky === 0) {
    failed += 1;
    notes.push('playwright: no test ran');
  }
  return { passed: expected, failed, skipped, flaky, notes };
}

const suites = {
  vitest: vitestCounts(read(vitestReport)),
  playwright: playwrightCounts(read(playwrightReport)),
};
for (const { notes } of Object.values(suites)) for (const note of notes) console.log(note);
console.log(
  Object.entries(suites)
    .map(
      ([name, c]) =>
        `${name}: passed ${c.passed}, failed ${c.failed}, skipped ${c.skipped}, flaky ${c.flaky}`,
    )
    .join(' | '),
);
const totals = Object.values(suites).reduce(
  (sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed + c.skipped + c.flaky }),
  { passed: 0, failed: 0 },
);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 ? 1 : 0;
