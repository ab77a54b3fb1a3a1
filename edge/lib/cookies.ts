import type { CloudFrontHeaders } from 'aws-lambda';
import { parseCookie } from 'cookie';
import { headerValues } from './headers.ts';

/**
 * One cookie's value in a Cookie header, or in `document.cookie`, which has the same `name=value; ...` form:
 * the edge and the page script read a cookie the same way. It never throws, so a viewer's bad cookie cannot
 * break its own page: the parser skips a pair without `=` and keeps a malformed percent-escape (`%E0`) as
 * it is (cookie's documented decode fallback), which names no colour or variant.
 */
export function cookieValue(cookies: string, name: string): string | undefined {
  return parseCookie(cookies)[name];
}

/**
 * One cookie's value from every Cookie header of a request. Several headers are one list joined with "; "
 * (as HTTP/2 splits it, RFC 9113 8.2.3); the first pair with the name wins, as in a single header.
 */
export function readCookie(headers: CloudFrontHeaders, name: string): string | undefined {
  return readCookies(headers)[name];
}

/** Every cookie of the request, parsed once, for a caller that reads several (the same rules as readCookie). */
export function readCookies(headers: CloudFrontHeaders): Record<string, string | undefined> {
  return parseCookie(headerValues(headers, 'cookie').join('; '));
}
