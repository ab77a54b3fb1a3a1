import { describe, expect, it } from 'vitest';
import { theRecord } from '../lib/records.ts';

describe('the one record of an event (rule 1)', () => {
  it('is the first and only element', () => {
    expect(theRecord([{ cf: 1 }])).toEqual({ cf: 1 });
  });

  it('is refused when there is none, which CloudFront never sends', () => {
    expect(() => theRecord([])).toThrow(/exactly one record/);
  });
});
