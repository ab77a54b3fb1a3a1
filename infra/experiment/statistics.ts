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
  smallP: [
    1.85777706184603152673e-1, 3.161123743870565596947, 1.138641541510501556495e2, 3.774852376853020208137e2,
    3.209377589138469472562e3,
  ],
  smallQ: [
    1, 2.360129095234412093499e1, 2.440246379344441733056e2, 1.282616526077372275645e3,
    2.844236833439170622273e3,
  ],
  midP: [
    2.15311535474403846343e-8, 5.6418849698867008918e-1, 8.88314979438837594118, 6.61191906371416294775e1,
    2.98635138197400131132e2, 8.81952221241769090411e2, 1.71204761263407058314e3, 2.05107837782607146532e3,
    1.23033935479799725272e3,
  ],
  midQ: [
    1, 1.57449261107098347253e1, 1.17693950891312499305e2, 5.37181101862009857509e2, 1.62138957456669018874e3,
    3.29079923573345962678e3, 4.3626190901432471582e3, 3.43936767414372163696e3, 1.23033935480374942043e3,
  ],
  tailP: [
    -1.63153871373020978498e-2, -3.05326634961232344035e-1, -3.60344899949804439429e-1,
    -1.25781726111229246204e-1, -1.60837851487422766278e-2, -6.58749161529837803157e-4,
  ],
  tailQ: [
    1, 2.56852019228982242072, 1.87295284992346725209, 5.27905102951428412248e-1, 6.05183413124413191178e-2,
    2.33520497626869185443e-3,
  ],
} as const;
