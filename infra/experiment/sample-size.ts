/**
 * The planned sample size: how many visitors each variant needs before the test may be read, so that it is read
 * once, at a size chosen in advance, and not whenever a peek happens to look significant (each peek is another
 * chance of a false positive). The standard formula for two proportions and a two-sided test at level alpha with
 * the given power (Fleiss, Levin and Paik, "Statistical Methods for Rates and Proportions", 3rd ed., 4.14; the
 * formula R's stats::power.prop.test solves):
 *
 *   n = (z(1 − α/2) · √(2 p̄ (1 − p̄)) + z(power) · √(p1 (1 − p1) + p2 (1 − p2)))² / (p2 − p1)²,   p̄ = (p1 + p2) / 2
 */
import { erfc } from './statistics.ts';

export interface SamplePlan {
  baseline: number;
  /** The smallest absolute difference worth finding, as a proportion (0.05 is 5 percentage points). */
  minimumEffect: number;
  alpha: number;
  power: number;
  /** Treatments compared with the control: alpha is split between them (Bonferroni). */
  comparisons: number;
  /** alpha / comparisons: the level each comparison is tested at. */
  alphaPerComparison: number;
  /** Visitors each variant needs, rounded up. */
  perVariant: number;
}

/**
 * The plan for detecting an absolute lift of `minimumEffect` over `baseline` in each of `comparisons`
 * treatment-versus-control tests. Undefined when no test could find it: a baseline outside (0, 1) or a
 * target rate at or beyond 0 or 1.
 */
export function planSampleSize(
  baseline: number,
  minimumEffect: number,
  alpha = 0.05,
  power = 0.8,
  comparisons = 1,
): SamplePlan | undefined {
  const target = baseline + minimumEffect;
  const valid =
    baseline > 0 &&
    baseline < 1 &&
    target > 0 &&
    target < 1 &&
    minimumEffect !== 0 &&
    alpha > 0 &&
    alpha < 1 &&
    power > 0 &&
    power < 1 &&
    comparisons >= 1;
  if (!valid) return undefined;
  const alphaPerComparison = alpha / comparisons;
  const perVariant = Math.ceil(twoProportionSampleSize(baseline, target, alphaPerComparison, power) - 1e-9);
  return { baseline, minimumEffect, alpha, power, comparisons, alphaPerComparison, perVariant };
}

/** The formula above, unrounded (R's power.prop.test prints this n). */
export function twoProportionSampleSize(p1: number, p2: number, alpha: number, power: number): number {
  const mean = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zPower = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zPower * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (root * root) / ((p2 - p1) * (p2 - p1));
}

/**
 * The standard normal quantile: P. J. Acklam's rational approximation (relative error 1.15e-9) and one step of
 * Halley's method on the exact CDF (through erfc), which brings it to double precision.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(acklam.c, q) / (poly(acklam.d, q) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(acklam.a, r) * q) / (poly(acklam.b, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -poly(acklam.c, q) / (poly(acklam.d, q) * q + 1);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Horner's rule, highest power first. */
function poly(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (const c of coefficients) sum = sum * x + c;
  return sum;
}

const acklam = {
  a: [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ],
  b: [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572],
  c: [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ],
  d: [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416],
} as const;
