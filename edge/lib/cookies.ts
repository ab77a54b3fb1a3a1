import type { CloudFrontHeaders } from 'aws-lambda';
import { parseCookie } from 'cookie';
import { headerValues } from './headers.ts';

/**
 * One cookie's value from every Cookie header of a request. A malformed header yields no value rather
 * than an exception: a viewer's bad cookie must never break its own page.
 */
export function readCookie(headers: CloudFrontHeaders, name: string): string | undefined {
  for (const header of headerValues(headers, 'cookie')) {
    try {
      const value = parseCookie(header)[name];
      if (value !== undefined) return value;
    } catch {
      // A header the parser rejects holds no cookie we trust; look at the next one.
    }
  }
  return undefined;
}
