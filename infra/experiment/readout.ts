/**
 * What the report may conclude, in the order a careful reader checks it:
 *
 * 1. The split (sample ratio mismatch): visitors per variant against the weights of edge/config.ts, every
 *    variant, by a chi-squared goodness-of-fit test. Below p < 0.001 nothing else may be read: the threshold the
 *    experimentation platforms use, strict because the check runs on every read and a false alarm stops a test.
 * 2. The plan: with a minimum effect (`--mde`), the visitors each variant needs at the chosen alpha and power,
 *    alpha split between the treatments (Bonferroni). Until every variant has them the test is still running.
 * 3. Only then a verdict per treatment against the control: the two-proportion z-test at alpha / treatments.
 *
 * Without a plan there is no verdict either: a p-value read at an unplanned moment is a peek.
 */
import { homepageExperiment, type Variant } from '../../edge/config.ts';
import type { ExperimentCounts, VariantCounts } from './analysis.ts';
import { type RatioTest, sampleRatioTest } from './chi-squared.ts';
import { planSampleSize, type SamplePlan } from './sample-size.ts';
import { enoughForZTest, twoProportionZTest, type ZTest } from './statistics.ts';

/** The sample ratio mismatch threshold. */
export const srmThreshold = 0.001;

export interface PlanOptions {
  /** Minimum detectable effect, absolute, as a proportion (0.05 for 5 percentage points). */
  minimumEffect?: number;
  /** The control's conversion rate to plan from; the control's observed rate when absent. */
  baseline?: number;
  alpha: number;
  power: number;
}

export const defaultPlanOptions: PlanOptions = { alpha: 0.05, power: 0.8 };

export type Status =
  /** No visitor in the logs. */
  | 'no-visitors'
  /** The split fails the SRM check: nothing may be read. */
  | 'sample-ratio-mismatch'
  /** No --mde: no planned size, so no verdict. */
  | 'no-plan'
  /** A plan, not reached yet. */
  | 'running'
  /** A plan, reached: the verdicts below stand. */
  | 'complete';

export interface SplitCheck {
  variants: { variant: string; weight: number; visitors: number; expected: number }[];
  test?: RatioTest;
  mismatch: boolean;
}

export interface Verdict {
  variant: string;
  control: string;
  /** alpha / treatments (Bonferroni). */
  level: number;
  /** Undefined when the z-test's conditions are not met (too little data at the pooled rate). */
  test?: ZTest;
  significant?: boolean;
}

export interface Readout {
  status: Status;
  split: SplitCheck;
  plan?: SamplePlan;
  /** Why a requested plan could not be made. */
  planProblem?: string;
  /** Only when the status is `complete`. */
  verdicts: Verdict[];
}

/** `configured` is edge/config.ts's variants; a test may pass others (a third variant, uneven weights). */
export function readExperiment(
  counts: ExperimentCounts,
  options: PlanOptions,
  configured: readonly Variant[] = homepageExperiment.variants,
): Readout {
  const split = checkSplit(counts.variants, configured);
  const [control, ...treatments] = counts.variants;
  const { plan, planProblem } = makePlan(control, treatments.length, options);
  const base = { split, ...(plan && { plan }), ...(planProblem && { planProblem }), verdicts: [] };
  if (!control || counts.variants.every((v) => v.visitors === 0)) return { status: 'no-visitors', ...base };
  if (split.mismatch) return { status: 'sample-ratio-mismatch', ...base };
  if (!plan) return { status: 'no-plan', ...base };
  if (counts.variants.some((v) => v.visitors < plan.perVariant)) return { status: 'running', ...base };
  const level = plan.alphaPerComparison;
  const verdicts = treatments.map((v): Verdict => {
    const enough = enoughForZTest(control.converted, control.visitors, v.converted, v.visitors);
    const test = enough
      ? twoProportionZTest(control.converted, control.visitors, v.converted, v.visitors)
      : undefined;
    return {
      variant: v.variant,
      control: control.variant,
      level,
      ...(test && { test, significant: test.pValue < level }),
    };
  });
  return { status: 'complete', ...base, verdicts };
}

function checkSplit(variants: readonly VariantCounts[], configured: readonly Variant[]): SplitCheck {
  // A variant the logs name but the configuration does not has weight 0: any visitor of it is a mismatch.
  const weights = variants.map((v) => configured.find((c) => c.id === v.variant)?.weight ?? 0);
  const test = sampleRatioTest(
    variants.map((v) => v.visitors),
    weights,
  );
  return {
    variants: variants.map((v, i) => ({
      variant: v.variant,
      weight: weights[i] ?? 0,
      visitors: v.visitors,
      expected: test?.expected[i] ?? 0,
    })),
    ...(test && { test }),
    mismatch: test !== undefined && test.pValue < srmThreshold,
  };
}

function makePlan(
  control: VariantCounts | undefined,
  treatments: number,
  options: PlanOptions,
): { plan?: SamplePlan; planProblem?: string } {
  if (options.minimumEffect === undefined) return {};
  if (treatments < 1) return { planProblem: 'the experiment has no treatment to compare with the control' };
  const observed = control && control.visitors > 0 ? control.converted / control.visitors : undefined;
  const baseline = options.baseline ?? observed;
  if (baseline === undefined)
    return { planProblem: 'the control has no visitors yet: give --baseline <percent> to plan' };
  const plan = planSampleSize(baseline, options.minimumEffect, options.alpha, options.power, treatments);
  if (plan) return { plan };
  return {
    planProblem:
      `no sample size detects ${(options.minimumEffect * 100).toFixed(1)} percentage points from a baseline of ` +
      `${(baseline * 100).toFixed(1)}%: the baseline must be above 0% and below 100%, and so must baseline + mde` +
      (options.baseline === undefined
        ? ' (the baseline is the control’s observed rate; give --baseline)'
        : ''),
  };
}
