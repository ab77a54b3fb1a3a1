import { type ColourId, jacketColours } from '../../../edge/config.ts';
import { cookieValue } from '../../../edge/lib/cookies.ts';
import { isColourId } from '../../../edge/lib/image-request.ts';

/** Reads and writes the jacket colour cookie in the browser; the edge reads the same cookie the same way. */

/** The colour stored in a `document.cookie` string, if it names a known colour. */
export function colourFromCookies(cookies: string): ColourId | undefined {
  const value = cookieValue(cookies, jacketColours.cookie);
  return isColourId(value) ? value : undefined;
}

/** A `document.cookie` assignment for the colour: site-wide, kept a year, Secure wherever HTTPS is. */
export function colourCookie(colour: ColourId, secure: boolean): string {
  const attributes = [
    `${jacketColours.cookie}=${colour}`,
    'Path=/',
    `Max-Age=${jacketColours.maxAgeSeconds}`,
  ];
  attributes.push('SameSite=Lax');
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** "navy" -> "Navy": colour ids are single lower-case words. */
export function colourLabel(colour: ColourId): string {
  return colour.charAt(0).toUpperCase() + colour.slice(1);
}
