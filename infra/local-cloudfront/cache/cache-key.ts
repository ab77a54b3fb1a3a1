/**
 * The cache key (rule 3.4, 5.1): computed from the request as viewer-request left it, with only
 * what the cache policy names, plus Accept-Encoding normalised to `br,gzip`, `gzip` or `br`.
 */
import { parseCookie } from 'cookie';
import type { CloudFrontHeaders } from '../cf-headers.ts';
import type { CachePolicy, NameList } from '../model.ts';

export interface KeyInput {
  method: string;
  uri: string;
  querystring: string;
  /** The viewer's headers after viewer-request, with CloudFront's own values for CloudFront-* names. */
  headers: CloudFrontHeaders;
}

/** Rule 5.1: the key carries only the encodings the policy enables and the viewer accepts. */
export function normalizeAcceptEncoding(value: string | undefined, policy: CachePolicy): string | undefined {
  if (!value || (!policy.gzip && !policy.brotli)) return undefined;
  const accepted = new Set(
    value
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => (name ?? '').trim().toLowerCase()),
  );
  const br = policy.brotli && accepted.has('br');
  const gzip = policy.gzip && accepted.has('gzip');
  return br && gzip ? 'br,gzip' : br ? 'br' : gzip ? 'gzip' : undefined;
}

export function selects(list: NameList, name: string): boolean {
  switch (list.behavior) {
    case 'all':
      return true;
    case 'whitelist':
      return list.names.includes(name);
    case 'allExcept':
      return !list.names.includes(name);
    default:
      return false;
  }
}

/** Cookies the list selects, sorted by name (CloudFront forwards them sorted, rule 4). */
export function selectCookies(headers: CloudFrontHeaders, list: NameList): [string, string][] {
  if (list.behavior === 'none') return [];
  const cookies: Record<string, string | undefined> = {};
  for (const h of headers.cookie ?? []) Object.assign(cookies, parseCookie(h.value));
  return Object.entries(cookies)
    .filter((e): e is [string, string] => e[1] !== undefined && selects(list, e[0]))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Query-string parameters the list selects, in the viewer's order (order matters, rule 5.1). */
export function selectQueryString(querystring: string, list: NameList): string {
  if (list.behavior === 'none' || querystring === '') return '';
  if (list.behavior === 'all') return querystring;
  return querystring
    .split('&')
    .filter((pair) => selects(list, decodeName(pair.split('=')[0] ?? '')))
    .join('&');
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

export function cacheKey(input: KeyInput, policy: CachePolicy): string {
  const headerValues =
    policy.headers.behavior === 'none'
      ? []
      : policy.headers.names.map((name) => [name, (input.headers[name] ?? []).map((h) => h.value).join(',')]);
  return JSON.stringify([
    // OPTIONS responses are keyed apart from GET/HEAD (rule 5.1).
    input.method === 'OPTIONS' ? 'OPTIONS' : 'GET',
    input.uri,
    selectQueryString(input.querystring, policy.queryStrings),
    headerValues,
    selectCookies(input.headers, policy.cookies),
    normalizeAcceptEncoding(input.headers['accept-encoding']?.[0]?.value, policy) ?? '',
  ]);
}
