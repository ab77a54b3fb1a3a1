/**
 * The sample ratio mismatch (SRM) check: Pearson's chi-squared goodness-of-fit test of the visitors each variant
 * got against the split its weights promise. A split that misses by more than chance says the assignment or the
 * counting is broken, and then no comparison of the variants can be trusted (docs/experiment.md).
 */

export interface RatioTest {
  /** Visitors each variant was expected to get at the configured weights, in the order given. */
  expected: number[];
  chiSquared: number;
  degreesOfFreedom: number;
  pValue: number;
}

/**
 * Observed counts against relative weights (they need not add up to 1 or 100). Undefined without visitors or
 * with fewer than two variants of positive weight: there is no split to check then. A variant of zero weight
 * that still got visitors is a mismatch by definition (p = 0).
 */
export function sampleRatioTest(
  observed: readonly number[],
  weights: readonly number[],
): RatioTest | undefined {
  const total = observed.reduce((sum, n) => sum + n, 0);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const live = weights.filter((w) => w > 0).length;
  if (total <= 0 || weightSum <= 0 || live < 2 || observed.length !== weights.length) return undefined;
  const expected = weights.map((w) => (total * w) / weightSum);
  let chiSquared = 0;
  for (const [i, e] of expected.entries()) {
    const o = observed[i] ?? 0;
    if (e > 0) chiSquared += ((o - e) * (o - e)) / e;
    else if (o > 0) chiSquared = Number.POSITIVE_INFINITY;
  }
  const degreesOfFreedom = live - 1;
  return { expected, chiSquared, degreesOfFreedom, pValue: chiSquaredSurvival(chiSquared, degreesOfFreedom) };
}

/** P(X ≥ x) for X chi-squared with k degrees of freedom: the regularized upper incomplete gamma Q(k/2, x/2). */
export function chiSquaredSurvival(x: number, k: number): number {
  if (!(x > 0)) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return upperGammaRegularized(k / 2, x / 2);
}

/**
 * Q(a, x) = Γ(a, x) / Γ(a): the power series of P below x < a + 1, Lentz's continued fraction of Q above,
 * as in Numerical Recipes (Press et al., 3rd ed., section 6.2); each converges fast on its side.
 */
export function upperGammaRegularized(a: number, x: number): number {
  if (x <= 0) return 1;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-17; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/** ln Γ(a) for a > 0: Lanczos' approximation (g = 7, nine coefficients), about 15 significant digits. */
export function logGamma(a: number): number {
  if (a < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
  const x = a - 1;
  let sum = lanczos[0] as number;
  for (let i = 1; i < lanczos.length; i++) sum += (lanczos[i] as number) / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
