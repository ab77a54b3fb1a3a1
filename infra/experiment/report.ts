/**
 * The report as text (with a bar chart) or JSON: per variant the visitors, those who saw a product page,
 * those who converted, the conversion rate with its 95% Wilson interval; each variant against the control
 * (the first variant of edge/config.ts) with a two-proportion z-test, or a plain "too little data".
 */
import { homepageExperiment } from '../../edge/config.ts';
import type { ExperimentCounts } from './analysis.ts';
import type { ReadProblem } from './log-records.ts';
import {
  enoughForZTest,
  type Interval,
  twoProportionZTest,
  wilsonInterval,
  type ZTest,
} from './statistics.ts';

export interface ReportInput {
  source: string;
  files: number;
  counts: ExperimentCounts;
  problems: ReadProblem[];
}

export interface VariantResult {
  variant: string;
  visitors: number;
  sawProduct: number;
  converted: number;
  /** Undefined without visitors. */
  conversionRate?: number;
  interval?: Interval;
}

export interface Comparison {
  variant: string;
  control: string;
  /** Undefined when there is too little data for the z-test. */
  test?: ZTest;
  tooLittleData: boolean;
}

export interface Report {
  source: string;
  files: number;
  requests: number;
  withoutVariant: number;
  variants: VariantResult[];
  comparisons: Comparison[];
  problems: ReadProblem[];
}

export function buildReport(input: ReportInput): Report {
  const variants = input.counts.variants.map((c): VariantResult => {
    if (c.visitors === 0) return { ...c };
    return {
      ...c,
      conversionRate: c.converted / c.visitors,
      interval: wilsonInterval(c.converted, c.visitors),
    };
  });
  const [control, ...others] = input.counts.variants;
  const comparisons = control
    ? others.map((v): Comparison => {
        const enough = enoughForZTest(control.converted, control.visitors, v.converted, v.visitors);
        const test = enough
          ? twoProportionZTest(control.converted, control.visitors, v.converted, v.visitors)
          : undefined;
        return { variant: v.variant, control: control.variant, tooLittleData: !test, ...(test && { test }) };
      })
    : [];
  return {
    source: input.source,
    files: input.files,
    requests: input.counts.requests,
    withoutVariant: input.counts.withoutVariant,
    variants,
    comparisons,
    problems: input.problems,
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString('en-US');

export function formatReport(report: Report, chartWidth = 40): string {
  const out: string[] = [];
  out.push(
    `Homepage experiment (cookie ${homepageExperiment.cookie}), control: ${report.variants[0]?.variant ?? '-'}`,
  );
  out.push(
    `Read ${count(report.files)} log file${report.files === 1 ? '' : 's'} from ${report.source}: ` +
      `${count(report.requests)} requests, ${count(report.withoutVariant)} without a variant cookie.`,
  );
  for (const p of report.problems) out.push(`warning: ${p.source}: ${p.message}`);
  out.push('');
  const header = ['variant', 'visitors', 'saw a product', 'converted', 'conversion', '95% CI (Wilson)'];
  const rows = report.variants.map((v) => [
    v.variant,
    count(v.visitors),
    count(v.sawProduct),
    count(v.converted),
    v.conversionRate === undefined ? '-' : percent(v.conversionRate),
    v.interval ? `${percent(v.interval.low)} to ${percent(v.interval.high)}` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  out.push(line(header), ...rows.map(line), '');

  const top = Math.max(...report.variants.map((v) => v.interval?.high ?? 0), 0.0001);
  out.push(`conversion rate, bar = rate, scale 0 to ${percent(top)}:`);
  for (const v of report.variants) {
    const filled = Math.round(((v.conversionRate ?? 0) / top) * chartWidth);
    const bar = '█'.repeat(filled) + '░'.repeat(chartWidth - filled);
    out.push(
      `  ${v.variant.padEnd(widths[0] as number)}  ${bar}  ${v.conversionRate === undefined ? '-' : percent(v.conversionRate)}`,
    );
  }
  out.push('');

  for (const v of report.variants)
    if (v.visitors === 0) out.push(`No visitors with variant ${v.variant} in these logs.`);
  for (const c of report.comparisons) {
    if (!c.test) {
      out.push(
        `Too little data to compare ${c.variant} with ${c.control}: the two-proportion z-test needs at least 5 ` +
          'expected conversions and 5 expected non-conversions in each variant (at the pooled rate). Collect more visitors.',
      );
      continue;
    }
    const points = c.test.difference * 100;
    out.push(
      `${c.variant} vs ${c.control}: ${points >= 0 ? '+' : ''}${points.toFixed(1)} percentage points, ` +
        `z = ${c.test.z.toFixed(2)}, p = ${formatP(c.test.pValue)} (two-proportion z-test, two-sided).`,
    );
    out.push(
      c.test.pValue < 0.05
        ? 'Significant at the 5% level.'
        : 'Not significant at the 5% level: a difference this size could be chance.',
    );
  }
  return `${out.join('\n')}\n`;
}

function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
