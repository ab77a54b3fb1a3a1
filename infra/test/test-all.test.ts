/** infra/tools/test-all.ts, the runner behind `npm test`: every suite runs and reports, whatever the others did. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outcomeLine, runSuites, type Suite } from '../tools/test-all.ts';
import { removeTempDirs, tempDir } from './synth.ts';

afterAll(removeTempDirs);

/** A suite that leaves a mark in cwd (so the test sees that it ran) and exits with the given status. */
function stub(name: string, status: number): Suite {
  const script = `require('node:fs').writeFileSync('${name}.ran', ''); process.exit(${status})`;
  return { name, command: process.execPath, args: ['-e', script], report: `${name}.json` };
}

describe('npm test runner', () => {
  it('runs the browser suite after a failing Vitest run, and reports both outcomes', () => {
    const cwd = tempDir();
    const outcomes = runSuites([stub('vitest', 1), stub('playwright', 0)], cwd);
    expect(existsSync(path.join(cwd, 'playwright.ran'))).toBe(true);
    expect(outcomes).toEqual([
      { name: 'vitest', status: 1 },
      { name: 'playwright', status: 0 },
    ]);
    expect(outcomeLine(outcomes)).toBe('test: vitest FAILED (exit 1), playwright passed');
  });

  it('removes a report an earlier run left before the suite runs', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'vitest.json'), '{}');
    runSuites([stub('vitest', 0)], cwd);
    expect(existsSync(path.join(cwd, 'vitest.json'))).toBe(false);
  });

  it('counts a suite that cannot start as failed', () => {
    const cwd = tempDir();
    const [outcome] = runSuites(
      [{ name: 'missing', command: path.join(cwd, 'no-such-runner'), args: [] }],
      cwd,
    );
    expect(outcome?.status).not.toBe(0);
  });
});
