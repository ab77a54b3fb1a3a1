import { describe, expect, it } from 'vitest';
import { jacketColours } from '../../edge/config.ts';
import { colourCookie, colourFromCookies } from '../src/lib/colour-cookie.ts';

describe('the colour cookie the swatches write', () => {
  it('is site-wide, SameSite=Lax and kept for the configured lifetime', () => {
    expect(colourCookie('red', false)).toBe(
      `${jacketColours.cookie}=red; Path=/; Max-Age=${jacketColours.maxAgeSeconds}; SameSite=Lax`,
    );
  });

  it('is Secure when the page came over HTTPS', () => {
    expect(colourCookie('red', true).split('; ')).toContain('Secure');
  });

  it('is read back from document.cookie among other cookies', () => {
    expect(colourFromCookies(`sf-home=a; ${jacketColours.cookie}=forest; other=1`)).toBe('forest');
  });

  it('is ignored when it names no known colour, so the page keeps the default', () => {
    expect(colourFromCookies(`${jacketColours.cookie}=ultraviolet`)).toBeUndefined();
    expect(colourFromCookies(`${jacketColours.cookie}=__proto__`)).toBeUndefined();
    expect(colourFromCookies('')).toBeUndefined();
  });

  it('is ignored when its percent-encoding is malformed, instead of throwing', () => {
    expect(colourFromCookies(`${jacketColours.cookie}=%E0`)).toBeUndefined();
    expect(colourFromCookies(`${jacketColours.cookie}=%`)).toBeUndefined();
    expect(colourFromCookies(`${jacketColours.cookie}=%E0; other=1`)).toBeUndefined();
  });

  it('is read when percent-encoded correctly', () => {
    expect(colourFromCookies(`${jacketColours.cookie}=%72%65%64`)).toBe('red');
  });
});
