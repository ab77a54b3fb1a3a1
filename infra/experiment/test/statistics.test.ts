/**
 * The report's statistics against worked examples computed elsewhere: the Wilson intervals of Newcombe
 * (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17, table I,
 * method 3; the z-tests and erfc values computed with Python's math.erfc, not with this code.
 */
import { describe, expect, it } from 'vitest';
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
