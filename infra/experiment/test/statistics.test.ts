/**
 * The report's statistics against worked examples computed elsewhere: the Wilson intervals of Newcombe
 * (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17, table I,
 * method 3; the z-tests and erfc values computed with Python's math.erfc, not with this code; chi-squared
 * critical values from a printed table; normal quantiles and sample sizes from R's documentation and SciPy.
 */
import { describe, expect, it } from 'vitest';
import { chiSquaredSurvival, sampleRatioTest } from '../chi-squared.ts';
import { normalQuantile, planSampleSize, twoProportionSampleSize } from '../sample-size.ts';
import { enoughForZTest, erfc, twoProportionZTest, wilsonInterval } from '../statistics.ts';

describe('the Wilson score interval (Newcombe 1998, table I, method 3)', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i: %f to %f', (x, n, low, high) => {
    const interval = wilsonInterval(x, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('stays inside [0, 1] at n of n, and says nothing (0 to 1) with no trials', () => {
    expect(wilsonInterval(29, 29).high).toBe(1);
    expect(wilsonInterval(29, 29).low).toBeCloseTo(0.883, 3);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('the two-proportion z-test (pooled, two-sided)', () => {
  it.each([
    // x1, n1, x2, n2, z, p: from Python's math.erfc
    [6, 20, 11, 20, 1.5992325525180036, 0.10976893978320737],
    [48, 80, 56, 80, 1.3259870882635914, 0.18484397422753435],
    [200, 1000, 250, 1000, 2.677397763008329, 0.007419649261025693],
    [30, 300, 45, 300, 1.8516401995451026, 0.0640775064510596],
  ])('%i/%i against %i/%i: z %f, p %f', (x1, n1, x2, n2, z, p) => {
    const test = twoProportionZTest(x1, n1, x2, n2);
    expect(test?.z).toBeCloseTo(z, 10);
    expect(test?.pValue).toBeCloseTo(p, 10);
    expect(test?.difference).toBeCloseTo(x2 / n2 - x1 / n1, 12);
  });

  it('is symmetric: swapping the groups flips z and keeps p', () => {
    const ab = twoProportionZTest(6, 20, 11, 20);
    const ba = twoProportionZTest(11, 20, 6, 20);
    expect(ba?.z).toBeCloseTo(-(ab?.z ?? 0), 12);
    expect(ba?.pValue).toBeCloseTo(ab?.pValue ?? 0, 12);
  });

  it('cannot be formed without visitors or when every outcome is the same', () => {
    expect(twoProportionZTest(0, 0, 1, 10)).toBeUndefined();
    expect(twoProportionZTest(0, 10, 0, 10)).toBeUndefined();
    expect(twoProportionZTest(10, 10, 10, 10)).toBeUndefined();
  });

  it('asks for 5 expected conversions and non-conversions per group at the pooled rate', () => {
    expect(enoughForZTest(6, 20, 11, 20)).toBe(true);
    // pooled 4/40 = 10%: 2 expected conversions per group
    expect(enoughForZTest(1, 20, 3, 20)).toBe(false);
    // pooled 38/40 = 95%: 1 expected non-conversion per group
    expect(enoughForZTest(19, 20, 19, 20)).toBe(false);
    expect(enoughForZTest(0, 0, 5, 10)).toBe(false);
  });
});

describe('erfc (Cody), against Python math.erfc', () => {
  it.each([
    [0, 1],
    [0.25, 0.7236736098317631],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2.5, 0.0004069520174449589],
    [4, 1.541725790028002e-8],
    [6, 2.1519736712498916e-17],
    [-1, 1.842700792949715],
  ])('erfc(%f) = %e', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-13);
  });
});

/**
 * Upper-tail critical values of the chi-squared distribution as tables print them (NIST/SEMATECH e-Handbook of
 * Statistical Methods, section 1.3.6.7.4, "Critical Values of the Chi-Square Distribution"): the value a
 * statistic must reach for p = 0.05 and p = 0.001 with k degrees of freedom. Tables round to three decimals,
 * so the p-value at a printed value is checked to within that rounding.
 */
describe('the chi-squared upper tail, against a printed table', () => {
  it.each([
    [3.841, 1, 0.05],
    [10.828, 1, 0.001],
    [5.991, 2, 0.05],
    [13.816, 2, 0.001],
    [7.815, 3, 0.05],
    [16.266, 3, 0.001],
    [18.307, 10, 0.05],
    [29.588, 10, 0.001],
  ])('chi-squared %f with %i df has p = %f', (x, k, p) => {
    expect(chiSquaredSurvival(x, k)).toBeCloseTo(p, p < 0.01 ? 6 : 4);
  });

  it('agrees with erfc for 1 df, where P(X ≥ x) = erfc(√(x/2)) exactly, far into the tail', () => {
    for (const x of [0.01, 0.5, 1, 2.5, 10, 40, 100, 400])
      expect(Math.abs(chiSquaredSurvival(x, 1) / erfc(Math.sqrt(x / 2)) - 1)).toBeLessThan(1e-12);
  });

  it('agrees with exp(−x/2) for 2 df, where the tail is exactly that', () => {
    for (const x of [0.1, 1, 5, 13.816, 60, 200])
      expect(Math.abs(chiSquaredSurvival(x, 2) / Math.exp(-x / 2) - 1)).toBeLessThan(1e-12);
  });

  it('is 1 at 0 and 0 at infinity', () => {
    expect(chiSquaredSurvival(0, 3)).toBe(1);
    expect(chiSquaredSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
  });
});

describe('the sample ratio test (Pearson goodness of fit against the weights)', () => {
  it('finds 600 against 400 on a 50/50 split far beyond p < 0.001', () => {
    // (100² / 500) · 2 = 40 with 1 df; p = erfc(√20) = 2.5396e-10 (Python's math.erfc).
    const test = sampleRatioTest([600, 400], [50, 50]);
    expect(test?.chiSquared).toBeCloseTo(40, 12);
    expect(test?.degreesOfFreedom).toBe(1);
    expect(test?.pValue).toBeCloseTo(2.5396285894708634e-10, 20);
  });

  it('weights every variant, in any units, and passes a split chance explains', () => {
    // 350/330/320 of 1,000 on thirds: chi-squared 1.4, 2 df, p = exp(−0.7) = 0.4966.
    const thirds = sampleRatioTest([350, 330, 320], [1, 1, 1]);
    expect(thirds?.chiSquared).toBeCloseTo(1.4, 12);
    expect(thirds?.degreesOfFreedom).toBe(2);
    expect(thirds?.pValue).toBeCloseTo(Math.exp(-0.7), 12);
    // 25/75 weights: 260 and 740 of 1,000 against 250 and 750: 0.4 + 0.1333 = 0.5333.
    const uneven = sampleRatioTest([260, 740], [25, 75]);
    expect(uneven?.expected).toEqual([250, 750]);
    expect(uneven?.chiSquared).toBeCloseTo(0.5333333333333333, 12);
  });

  it('has nothing to test without visitors or with a single live variant; a zero-weight variant with visitors fails', () => {
    expect(sampleRatioTest([0, 0], [50, 50])).toBeUndefined();
    expect(sampleRatioTest([10], [100])).toBeUndefined();
    expect(sampleRatioTest([10, 10, 0], [50, 50, 0])?.pValue).toBe(1);
    expect(sampleRatioTest([10, 10, 3], [50, 50, 0])?.pValue).toBe(0);
  });
});

describe('the standard normal quantile, against printed z values', () => {
  it.each([
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.9, 1.2815515655446004],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.025, -1.959963984540054],
    [0.001, -3.090232306167813],
    [0.99999, 4.264890793923841],
    [1e-10, -6.361340902404056],
  ])('z(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });
});

describe('the planned sample size (two proportions, two-sided)', () => {
  it("matches R's published example: power.prop.test(p1 = .50, p2 = .75, power = .90) gives n = 76.7", () => {
    // The example and its answer ("## => n = 76.7") are in R's stats::power.prop.test help page.
    expect(twoProportionSampleSize(0.5, 0.75, 0.05, 0.9)).toBeCloseTo(76.7, 1);
    expect(planSampleSize(0.5, 0.25, 0.05, 0.9)?.perVariant).toBe(77);
  });

  it('matches the formula worked by hand for a shop-sized test (20% to 25%, alpha 0.05, power 0.8)', () => {
    // (1.959964·√(2·0.225·0.775) + 0.841621·√(0.16 + 0.1875))² / 0.05² = 1,093.74 (computed with scipy's norm.ppf).
    expect(twoProportionSampleSize(0.2, 0.25, 0.05, 0.8)).toBeCloseTo(1093.739, 2);
    expect(planSampleSize(0.2, 0.05)).toMatchObject({ perVariant: 1094, alphaPerComparison: 0.05 });
  });

  it('splits alpha between treatments (Bonferroni), which asks for more visitors', () => {
    // 10% to 12% with two treatments: each compared at 0.025; 4,651.4 per variant (scipy).
    const plan = planSampleSize(0.1, 0.02, 0.05, 0.8, 2);
    expect(plan).toMatchObject({ comparisons: 2, alphaPerComparison: 0.025, perVariant: 4652 });
    expect(plan?.perVariant).toBeGreaterThan(
      planSampleSize(0.1, 0.02)?.perVariant ?? Number.POSITIVE_INFINITY,
    );
  });

  it('refuses a plan no test could meet', () => {
    expect(planSampleSize(0, 0.05)).toBeUndefined();
    expect(planSampleSize(0.98, 0.05)).toBeUndefined();
    expect(planSampleSize(0.2, 0)).toBeUndefined();
    expect(planSampleSize(0.2, 0.05, 0.05, 1)).toBeUndefined();
  });
});
