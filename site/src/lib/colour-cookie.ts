import { type ColourId, jacketColours } from '../../../edge/config.ts';

/** Reads and writes the jacket colour cookie in the browser; the edge reads the same cookie. */

export function isColourId(value: unknown): value is ColourId {
  return typeof value === 'string' && Object.hasOwn(jacketColours.colours, value);
}

/** The colour stored in a `document.cookie` string, if it names a known colour. */
export function colourFromCookies(cookieHeader: string): ColourId | undefined {
  for (const pair of cookieHeader.split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    if (name !== jacketColours.cookie) continue;
    const value = decoded(rest.join('='));
    return isColourId(value) ? value : undefined;
  }
  return undefined;
}

/** A cookie value without its percent-encoding; a malformed escape (`%E0`) is no value, so no choice. */
function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
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
