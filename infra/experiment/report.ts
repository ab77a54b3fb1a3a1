/**
 * The report as text (with a bar chart) or JSON. The split check comes first, because when it fails nothing
 * below it may be read; then per variant the visitors (distinct visitor ids), those who saw a product page,
 * those who converted, the conversion rate with its 95% Wilson interval; then the plan and, only once the
 * planned sample size is reached, a verdict per treatment (readout.ts).
 */
import { homepageExperiment } from '../../edge/config.ts';
import type { ExperimentCounts } from './analysis.ts';
import type { ReadProblem } from './log-records.ts';
import {
  defaultPlanOptions,
  type PlanOptions,
  type Readout,
  readExperiment,
  srmThreshold,
} from './readout.ts';
import { type Interval, wilsonInterval } from './statistics.ts';

export interface ReportInput {
  source: string;
  files: number;
  counts: ExperimentCounts;
  problems: ReadProblem[];
  /** --mde, --baseline, --alpha, --power. */
  options?: PlanOptions;
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

export interface Report extends Readout {
  source: string;
  files: number;
  requests: number;
  withoutVariant: number;
  withoutVisitorId: number;
  contaminated: number;
  variants: VariantResult[];
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
  return {
    source: input.source,
    files: input.files,
    requests: input.counts.requests,
    withoutVariant: input.counts.withoutVariant,
    withoutVisitorId: input.counts.withoutVisitorId,
    contaminated: input.counts.contaminated,
    ...readExperiment(input.counts, input.options ?? defaultPlanOptions),
    variants,
    problems: input.problems,
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString('en-US');

export function formatReport(report: Report, chartWidth = 40): string {
  const out: string[] = [];
  out.push(
    `Homepage experiment (variant cookie ${homepageExperiment.cookie}, visitor id cookie ` +
      `${homepageExperiment.visitorCookie}), control: ${report.variants[0]?.variant ?? '-'}`,
  );
  out.push(
    `Read ${count(report.files)} log file${report.files === 1 ? '' : 's'} from ${report.source}: ` +
      `${count(report.requests)} requests, ${count(report.withoutVariant)} without a variant cookie, ` +
      `${count(report.withoutVisitorId)} with a variant but no visitor id (not counted).`,
  );
  for (const p of report.problems) out.push(`warning: ${p.source}: ${p.message}`);
  out.push('', ...splitLines(report), '');
  if (report.contaminated > 0)
    out.push(
      `Contamination: ${count(report.contaminated)} visitor id${report.contaminated === 1 ? '' : 's'} seen with ` +
        'more than one variant, left out of every variant.',
      '',
    );
  out.push(...table(report), '', ...chart(report, chartWidth), '', ...conclusion(report));
  return `${out.join('\n')}\n`;
}

function splitLines(report: Report): string[] {
  const { split } = report;
  const weights = split.variants.map((v) => `${v.variant} ${v.weight}`).join(', ');
  const head = `Sample ratio check (chi-squared goodness of fit against the weights ${weights}):`;
  if (!split.test) return [head, '  no visitors to check yet.'];
  const observed = split.variants
    .map((v) => `${v.variant} ${count(v.visitors)} (expected ${v.expected.toFixed(1)})`)
    .join(', ');
  const { chiSquared, degreesOfFreedom, pValue } = split.test;
  const line = `  ${observed}: chi-squared ${chiSquared.toFixed(2)}, ${degreesOfFreedom} df, p = ${formatP(pValue)}`;
  if (!split.mismatch) return [head, `${line}: the split matches.`];
  return [
    head,
    `${line}.`,
    `SAMPLE RATIO MISMATCH (p < ${srmThreshold}): the visitors did not split as the weights say, so the`,
    'variants did not get comparable visitors and this result must not be read. It usually means the assignment',
    'or the counting is broken: weights changed during the test, one variant losing visitors (a page that fails,',
    'redirects or drops its cookies), bots or retries landing in one variant more than another, a cache serving',
    "one variant's page to another's visitors, or log files missing for part of the period. Find the cause first.",
  ];
}

function table(report: Report): string[] {
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
  return [line(header), ...rows.map(line)];
}

function chart(report: Report, chartWidth: number): string[] {
  const top = Math.max(...report.variants.map((v) => v.interval?.high ?? 0), 0.0001);
  const nameWidth = Math.max(7, ...report.variants.map((v) => v.variant.length));
  return [
    `conversion rate, bar = rate, scale 0 to ${percent(top)}:`,
    ...report.variants.map((v) => {
      const filled = Math.round(((v.conversionRate ?? 0) / top) * chartWidth);
      const bar = '█'.repeat(filled) + '░'.repeat(chartWidth - filled);
      return `  ${v.variant.padEnd(nameWidth)}  ${bar}  ${v.conversionRate === undefined ? '-' : percent(v.conversionRate)}`;
    }),
  ];
}

function conclusion(report: Report): string[] {
  const out: string[] = [];
  for (const v of report.variants)
    if (v.visitors === 0) out.push(`No visitors with variant ${v.variant} in these logs.`);
  const { plan } = report;
  if (report.planProblem) out.push(`No plan: ${report.planProblem}.`);
  if (plan) {
    const correction =
      plan.comparisons > 1
        ? `, alpha split over ${plan.comparisons} treatments by Bonferroni: each compared at ${plan.alphaPerComparison.toPrecision(3)}`
        : '';
    out.push(
      `Plan: ${count(plan.perVariant)} visitors per variant to detect ${(plan.minimumEffect * 100).toFixed(1)} ` +
        `percentage points from a baseline of ${percent(plan.baseline)} (alpha ${plan.alpha}, two-sided, power ` +
        `${plan.power}${correction}).`,
    );
  }
  switch (report.status) {
    case 'no-visitors':
      out.push('No verdict: no visitors yet.');
      break;
    case 'sample-ratio-mismatch':
      out.push('No verdict: the sample ratio check failed (above).');
      break;
    case 'no-plan':
      out.push(
        'No verdict: no planned sample size. Give --mde <percentage points> (the smallest lift worth finding) ' +
          'and read the test once each variant has the visitors it needs; a p-value read before that is a peek.',
      );
      break;
    case 'running': {
      const have = report.variants.map((v) => `${v.variant} ${count(v.visitors)}`).join(', ');
      out.push(
        `Still running: ${have} of the ${count(plan?.perVariant ?? 0)} visitors each variant needs. ` +
          'No verdict until every variant has them.',
      );
      break;
    }
    case 'complete':
      for (const v of report.verdicts) out.push(...verdictLines(v));
      break;
  }
  return out;
}

function verdictLines(v: Readout['verdicts'][number]): string[] {
  if (!v.test)
    return [
      `Too little data to compare ${v.variant} with ${v.control}: the two-proportion z-test needs at least 5 ` +
        'expected conversions and 5 expected non-conversions in each variant (at the pooled rate).',
    ];
  const points = v.test.difference * 100;
  const level = v.level.toPrecision(3);
  return [
    `${v.variant} vs ${v.control}: ${points >= 0 ? '+' : ''}${points.toFixed(1)} percentage points, ` +
      `z = ${v.test.z.toFixed(2)}, p = ${formatP(v.test.pValue)} (two-proportion z-test, two-sided).`,
    v.significant
      ? `Significant at the ${level} level: ${v.variant} ${points >= 0 ? 'beats' : 'loses to'} ${v.control}.`
      : `Not significant at the ${level} level: no difference of the planned size shown.`,
  ];
}

function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
