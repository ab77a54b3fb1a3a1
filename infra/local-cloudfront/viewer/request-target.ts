/**
 * What CloudFront does with the raw request target before any function runs (rule 1.3, 2.5, 5.8):
 * the fragment is never part of the request, an absolute-form target is reduced to its path, and a URI
 * plus query string of 8,192 characters or more is CloudFront's own 414. A function must never be
 * blamed (502) for what the viewer sent.
 */

import type { Behavior, Distribution } from '../model.ts';
import { selectBehavior } from './behavior-matcher.ts';

/** Rule 1.3 / 2.5: URI plus query string must be under 8,192 characters. */
export const maxUriAndQueryLength = 8192;

export type RequestTarget = { path: string; querystring: string } | { status: 400 | 414; reason: string };

export function parseRequestTarget(raw: string): RequestTarget {
  const hashAt = raw.indexOf('#');
  let target = hashAt < 0 ? raw : raw.slice(0, hashAt);
  if (!target.startsWith('/')) {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(target);
    if (!absolute) return { status: 400, reason: `request target "${truncate(raw)}" is not a path` };
    target = target.slice(absolute[0].length);
    if (!target.startsWith('/')) target = `/${target}`;
  }
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const querystring = queryAt < 0 ? '' : target.slice(queryAt + 1);
  if (path.length + querystring.length >= maxUriAndQueryLength) {
    return {
      status: 414,
      reason: `URI plus query string is ${path.length + querystring.length} characters (limit: under ${maxUriAndQueryLength})`,
    };
  }
  return { path, querystring };
}

export const refusedTargetText = {
  400: 'Bad request.',
  414: 'The request URL is too long.',
} as const;

/** The behavior by the original path; a refused target is answered under the default behavior (last). */
export function behaviorForTarget(behaviors: Behavior[], target: RequestTarget): Behavior {
  if ('path' in target) return selectBehavior(behaviors, target.path);
  const fallback = behaviors.at(-1);
  if (!fallback) throw new Error('the distribution has no default behavior');
  return fallback;
}

/**
 * Does the request's body matter? Not when CloudFront refuses the target or the behavior does not allow
 * the method (403): the server then reads the body only to discard it (rule 1.4).
 */
export function keepsBody(distribution: Distribution, method: string, url: string): boolean {
  const target = parseRequestTarget(url);
  if (!('path' in target)) return false;
  return selectBehavior(distribution.behaviors, target.path).allowedMethods.includes(method);
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}...` : s;
}
