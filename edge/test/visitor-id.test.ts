import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, isVisitorId, newVisitorId } from '../lib/visitor-id.ts';

describe('the visitor id', () => {
  it('is 128 bits written in base64url, as Node writes them (RFC 4648 section 5, no padding)', () => {
    const counting = newVisitorId((bytes) => bytes.map((_, i) => i));
    expect(counting).toBe('AAECAwQFBgcICQoLDA0ODw');
    expect(newVisitorId((bytes) => bytes.fill(255))).toBe('_____________________w');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 40 }), (bytes) => {
        expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });

  it('comes from the cryptographic generator: 10,000 ids, all distinct and well-formed', () => {
    const ids = Array.from({ length: 10_000 }, () => newVisitorId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(isVisitorId(id), id).toBe(true);
  });

  it('accepts exactly what it writes: any 16 bytes, and nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        expect(isVisitorId(base64url(bytes))).toBe(true);
      }),
    );
    for (const bad of [
      undefined,
      '',
      'AAECAwQFBgcICQoLDA0OD', // 21 characters
      'AAECAwQFBgcICQoLDA0ODwA', // 23
      'AAECAwQFBgcICQoLDA0ODx', // last character carries bits 128 bits cannot have
      'AAECAwQFBgcICQoLDA0OD=',
      'AAECAwQF+gcICQoLDA0ODw', // base64, not base64url
      'AAECAwQF%67cICQoLDA0ODw',
      'a'.repeat(4000),
      'AAECAwQFBgcICQoLDA0ODw; Domain=evil.example',
    ])
      expect(isVisitorId(bad), String(bad).slice(0, 40)).toBe(false);
  });
});
