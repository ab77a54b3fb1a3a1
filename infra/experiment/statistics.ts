/**
 * The statistics of the report: a proportion's Wilson score interval and the two-proportion z-test (pooled
 * standard error, two-sided). Plain formulas, checked in test/statistics.test.ts against published
 * worked examples (Newcombe 1998) and independently computed values.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for `successes` of `trials`; it stays inside [0, 1] and behaves at 0 and n. */
export function wilsonInterval(successes: number, trials: number, z = z95): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface ZTest {
  /** p2 − p1. */
  difference: number;
  z: number;
  /** Two-sided. */
  pValue: number;
}

/** Two-proportion z-test of x2/n2 against x1/n1 with the pooled standard error; undefined when it cannot be formed. */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTest | undefined {
  if (n1 <= 0 || n2 <= 0) return undefined;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const difference = x2 / n2 - x1 / n1;
  if (se === 0) return undefined;
  const z = difference / se;
  return { difference, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/**
 * The z-test's normal approximation needs enough of both outcomes: at least 5 expected conversions and
 * 5 expected non-conversions per variant under the pooled rate (the usual textbook condition).
 */
export function enoughForZTest(x1: number, n1: number, x2: number, n2: number, minimum = 5): boolean {
  if (n1 <= 0 || n2 <= 0) return false;
  const pooled = (x1 + x2) / (n1 + n2);
  return [n1, n2].every((n) => n * pooled >= minimum && n * (1 - pooled) >= minimum);
}

/**
 * Complementary error function, W. J. Cody's rational Chebyshev approximations (relative error below
 * 1e-15 in double precision), so p-values far in the tail keep their digits.
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erfSmall(x);
  if (x < 4) return Math.exp(-x * x) * ratio(x, cody.midP, cody.midQ);
  const y = 1 / (x * x);
  const tail = (y * ratio(y, cody.tailP, cody.tailQ) + 1 / Math.sqrt(Math.PI)) / x;
  return Math.exp(-x * x) * (x > 26.6 ? 0 : tail);
}

function erfSmall(x: number): number {
  const y = x * x;
  return x * ratio(y, cody.smallP, cody.smallQ);
}

/** P(x) / Q(x), each given highest power first and evaluated by Horner's rule. */
function ratio(x: number, p: readonly number[], q: readonly number[]): number {
  let num = 0;
  for (const c of p) num = num * x + c;
  let den = 0;
  for (const c of q) den = den * x + c;
  return num / den;
}

const cody = {
  smallP: [0.18577770618460315, 3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694],
  smallQ: [1, 23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171],
  midP: [
    2.1531153547440383e-8, 0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001,
    881.952221241769, 1712.0476126340707, 2051.0783778260716, 1230.3393547979972,
  ],
  midQ: [
    1, 15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
    4362.619090143247, 3439.3676741437216, 1230.3393548037495,
  ],
  tailP: [
    -0.016315387137302097, -0.30532663496123236, -0.36034489994980445, -0.12578172611122926,
    -0.016083785148742275, -0.0006587491615298378,
  ],
  tailQ: [
    1, 2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
  ],
} as const;
