/**
 * CloudFront's path-pattern rules (rule 5.6): first match in list order, `*` matches any run of
 * characters including `/`, `?` exactly one, leading `/` optional, case-sensitive, query ignored.
 */
import type { Behavior } from '../model.ts';

const compiled = new Map<string, RegExp>();

export function patternToRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/^\//, '')
      .replace(/&amp;/g, '&')
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    re = new RegExp(`^/?${body}$`, 's');
    compiled.set(pattern, re);
  }
  return re;
}

export function matchesPattern(pattern: string, path: string): boolean {
  return pattern === '*' || patternToRegExp(pattern).test(path);
}

/** The behavior for a path (without query string). The default `*` behavior is last, so one always matches. */
export function selectBehavior<B extends Pick<Behavior, 'pathPattern'>>(behaviors: B[], path: string): B {
  const found = behaviors.find((b) => matchesPattern(b.pathPattern, path));
  if (!found) throw new Error(`no behavior matches ${path} (the default behavior must be last)`);
  return found;
}
