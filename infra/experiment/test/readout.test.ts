/**
 * What the report may conclude: the split first, then the plan, then a verdict. Counts are given directly here
 * (the log reading is log-sources.test.ts); the skewed log at the end goes through the CLI from a gzip file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Variant } from '../../../edge/config.ts';
import type { ExperimentCounts } from '../analysis.ts';
import { readExperiment } from '../readout.ts';
import { buildReport, formatReport } from '../report.ts';
import { cookies, gzipped, line, visitorId } from './fixture-logs.ts';

const run = promisify(execFile);
const plan5 = { minimumEffect: 0.05, alpha: 0.05, power: 0.8 };

function counts(...variants: [string, number, number][]): ExperimentCounts {
  return {
    variants: variants.map(([variant, visitors, converted]) => ({
      variant,
      visitors,
      sawProduct: converted,
      converted,
    })),
    requests: 0,
    withoutVariant: 0,
    withoutVisitorId: 0,
    contaminated: 0,
  };
}

const three: Variant[] = [
  { id: 'a', weight: 50, page: '/home/a/index.html' },
  { id: 'b', weight: 25, page: '/home/b/index.html' },
  { id: 'c', weight: 25, page: '/home/c/index.html' },
];

describe('the sample ratio check comes before anything else', () => {
  it('600 against 400 on 50/50: a mismatch, and no verdict even with the planned size reached', () => {
    const readout = readExperiment(counts(['a', 600, 120], ['b', 400, 120]), {
      ...plan5,
      minimumEffect: 0.3,
    });
    expect(readout.split.mismatch).toBe(true);
    expect(readout.split.test?.pValue).toBeLessThan(0.001);
    expect(readout.plan?.perVariant).toBeLessThan(400);
    expect(readout).toMatchObject({ status: 'sample-ratio-mismatch', verdicts: [] });
  });

  it('checks every configured variant at its own weight', () => {
    // 500/250/250 on 50/25/25 is exact; 500/300/200 is chi-squared 20, 2 df: p = exp(−10).
    expect(
      readExperiment(counts(['a', 500, 50], ['b', 250, 25], ['c', 250, 25]), plan5, three).split,
    ).toMatchObject({
      mismatch: false,
      test: { chiSquared: 0, degreesOfFreedom: 2, pValue: 1 },
    });
    const skewed = readExperiment(counts(['a', 500, 50], ['b', 300, 30], ['c', 200, 20]), plan5, three);
    expect(skewed.split.test?.pValue).toBeCloseTo(Math.exp(-10), 15);
    expect(skewed.split.test?.chiSquared).toBeCloseTo(20, 12);
    expect(skewed.status).toBe('sample-ratio-mismatch');
  });
});

describe('the plan and no peeking', () => {
  it('gives no verdict without --mde', () => {
    expect(
      readExperiment(counts(['a', 5000, 500], ['b', 5000, 700]), { alpha: 0.05, power: 0.8 }),
    ).toMatchObject({
      status: 'no-plan',
      verdicts: [],
    });
  });

  it("plans from the control's observed rate unless --baseline is given, and says the test is running below it", () => {
    // 20% observed in a; 5 points: 1,094 per variant (statistics.test.ts).
    const running = readExperiment(counts(['a', 1000, 200], ['b', 1093, 300]), plan5);
    expect(running).toMatchObject({
      status: 'running',
      plan: { baseline: 0.2, perVariant: 1094 },
      verdicts: [],
    });
    const fixed = readExperiment(counts(['a', 1000, 200], ['b', 1000, 300]), { ...plan5, baseline: 0.5 });
    expect(fixed.plan?.baseline).toBe(0.5);
  });

  it('reads the test once every variant has the planned visitors', () => {
    // 220/1,100 against 300/1,100: z = 4.01, p = 5.95e-5 (two-proportion z-test; Python's math.erfc).
    const readout = readExperiment(counts(['a', 1100, 220], ['b', 1100, 300]), plan5);
    expect(readout.status).toBe('complete');
    expect(readout.verdicts).toEqual([
      expect.objectContaining({ variant: 'b', control: 'a', level: 0.05, significant: true }),
    ]);
    expect(readout.verdicts[0]?.test?.pValue).toBeCloseTo(5.9540312769714746e-5, 12);
  });

  it('compares two treatments with the control at alpha / 2 (Bonferroni), stated in the text', () => {
    // 10% baseline, 2 points, two treatments: 4,652 per variant (statistics.test.ts), split 50/25/25 ignored by
    // the plan (it asks the same of each variant); c's p of 0.038 (Python's math.erfc) passes 0.05 but not 0.025.
    const input = counts(['a', 9400, 940], ['b', 4700, 560], ['c', 4700, 523]);
    const readout = readExperiment(input, { ...plan5, minimumEffect: 0.02 }, three);
    expect(readout.status).toBe('complete');
    expect(readout.plan).toMatchObject({ comparisons: 2, alphaPerComparison: 0.025, perVariant: 4652 });
    const [b, c] = readout.verdicts;
    expect(b).toMatchObject({ variant: 'b', level: 0.025, significant: true });
    expect(c?.test?.pValue).toBeGreaterThan(0.025);
    expect(c?.test?.pValue).toBeLessThan(0.05);
    expect(c?.significant).toBe(false);
  });
});

describe('the text report', () => {
  it('prints the split first, then the plan and the verdict with its correction', () => {
    const report = buildReport({
      source: 'test',
      files: 1,
      counts: counts(['a', 1100, 220], ['b', 1100, 300]),
      problems: [],
      options: plan5,
    });
    const text = formatReport(report);
    expect(text.indexOf('Sample ratio check')).toBeLessThan(text.indexOf('variant  visitors'));
    expect(text).toContain(
      'a 1,100 (expected 1100.0), b 1,100 (expected 1100.0): chi-squared 0.00, 1 df, p = 1.000: the split matches.',
    );
    expect(text).toContain(
      'Plan: 1,094 visitors per variant to detect 5.0 percentage points from a baseline of 20.0%',
    );
    expect(text).toContain('b vs a: +7.3 percentage points, z = 4.01, p = 6.0e-5');
    expect(text).toContain('Significant at the 0.0500 level: b beats a.');
  });
});

describe('a skewed log through npm run experiment:report', () => {
  it('600 against 400 visitors on the 50/50 split prints the sample ratio warning and no verdict', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'experiment-skewed-'));
    try {
      const lines: string[] = [];
      for (let n = 0; n < 1000; n++) {
        const variant = n < 600 ? 'a' : 'b';
        const cookie = cookies(variant, visitorId(n));
        lines.push(line('12:00:00', '192.0.2.10', '/', 200, '-', cookie));
        if (n % 4 === 0)
          lines.push(line('12:00:05', '192.0.2.10', '/bag/add.json', 200, 'sku=jacket', cookie));
      }
      writeFileSync(path.join(dir, 'E2EXAMPLE.2026-11-30-12.00000000.gz'), gzipped(lines.join('\n')));
      const tsx = path.resolve('node_modules/.bin/tsx');
      const { stdout } = await run(tsx, ['infra/experiment/cli.ts', '--logs', dir, '--mde', '30']);
      expect(stdout).toMatch(/^variant\s+visitors/m);
      expect(stdout).toMatch(/^a\s+600\s+0\s+150\s+25\.0%/m);
      expect(stdout).toMatch(/^b\s+400\s+0\s+100\s+25\.0%/m);
      expect(stdout).toContain('chi-squared 40.00, 1 df, p = 2.5e-10.');
      expect(stdout).toContain('SAMPLE RATIO MISMATCH (p < 0.001)');
      expect(stdout).toContain('this result must not be read');
      expect(stdout).toContain('No verdict: the sample ratio check failed');
      expect(stdout).not.toMatch(/ vs a:|Significant|Not significant/);
      expect(stdout.indexOf('SAMPLE RATIO MISMATCH')).toBeLessThan(stdout.indexOf('variant  visitors'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
