import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiateFormat, preferredFormat } from '../lib/accept.ts';
import { acceptHeader } from './arbitraries.ts';

describe('Accept negotiation (RFC 9110 12.5.1)', () => {
  it('prefers the configured order when the browser weighs formats equally', () => {
    expect(negotiateFormat('image/webp,image/avif')).toBe('avif');
  });

  it('honours a higher q over the configured order', () => {
    expect(negotiateFormat('image/avif;q=0.1,image/webp;q=0.2')).toBe('webp');
  });

  it('reads q=0 as "not acceptable" and parameters other than q as irrelevant', () => {
    expect(negotiateFormat('image/avif;q=0;level=1,image/webp;level=1')).toBe('webp');
  });

  it('does not take a wildcard as support for a modern format', () => {
    expect(negotiateFormat('image/*,*/*')).toBe('jpeg');
  });

  it('gives the same answer from its memo as from a fresh parse', () => {
    fc.assert(
      fc.property(acceptHeader, (accept) => {
        expect(preferredFormat(accept)).toBe(negotiateFormat(accept));
        expect(preferredFormat(accept)).toBe(negotiateFormat(accept));
      }),
      { numRuns: 300 },
    );
  });

  it('negotiates a very long header without remembering it', () => {
    const long = `${'x/y;q=0.5,'.repeat(500)}image/webp`;
    expect(preferredFormat(long)).toBe('webp');
  });
});

describe('Accept memo', () => {
  it('keeps answering correctly after more distinct headers than it remembers', () => {
    for (let i = 0; i < 600; i++) {
      const accept = `image/webp;q=0.${i % 10},text/x-${i}`;
      expect(preferredFormat(accept)).toBe(i % 10 === 0 ? 'jpeg' : 'webp');
    }
  });
});
