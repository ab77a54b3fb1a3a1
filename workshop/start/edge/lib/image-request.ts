import type { CloudFrontHeaders } from 'aws-lambda';
import { type ColourId, imageRouting, jacketColours, jacketImageName, paths } from '../config.ts';
import { preferredFormat } from './accept.ts';
import { readCookie } from './cookies.ts';
import { headerValues } from './headers.ts';

/**
 * A name the image step could have written: lowercase letters, digits and inner hyphens. Everything else
 * (dots, slashes, percent-encoding, upper case) is not a canonical image URL.
 */
const PLAIN_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function isPlainImageName(name: string): boolean {
  return PLAIN_NAME.test(name);
}

export function isImageUri(uri: string): boolean {
  return uri.startsWith(paths.imagePrefix);
}

/** A colour of the configuration; own keys only, so a cookie saying `__proto__` or `toString` names none. */
export function isColourId(value: string | undefined): value is ColourId {
  return value !== undefined && Object.hasOwn(jacketColours.colours, value);
}

/** The jacket colour from the viewer's cookie; a missing, unknown or malformed cookie gets the default. */
export function jacketColour(headers: CloudFrontHeaders): ColourId {
  const colour = readCookie(headers, jacketColours.cookie);
  return isColourId(colour) ? colour : jacketColours.default;
}

/**
 * Rewrites a canonical `/images/<name>` to `/images/<object-name>.<format>`. The colour cookie and Accept
 * are not in the images cache key (docs/edge.md#cache-key-discipline), so the choices they make go into the
 * URI here, before the key is computed (rule 3, step 4). A name that is not plain becomes the
 * placeholder: junk URLs then share one cache entry per format and device instead of one each.
 */
export function canonicalImageUri(uri: string, headers: CloudFrontHeaders): string {
  const requested = uri.slice(paths.imagePrefix.length);
  const name = !isPlainImageName(requested)
    ? imageRouting.placeholder
    : requested === jacketColours.image
      ? jacketImageName(jacketColour(headers))
      : requested;
  const format = preferredFormat(headerValues(headers, 'accept').join(','));
  return `${paths.imagePrefix}${name}.${format}`;
}
