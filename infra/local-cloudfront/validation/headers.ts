/** Header map shape (rule 1.6) and the disallowed and read-only headers (rule 2.3). */
import type { EdgeEventType } from '../types.ts';
import { check, isObject, rule } from './rules.ts';

export type HeaderMap = Record<string, { key: string; value: string }[]>;

const disallowed = new Set(
  [
    'Connection',
    'Expect',
    'Keep-Alive',
    'Proxy-Authenticate',
    'Proxy-Authorization',
    'Proxy-Connection',
    'Trailer',
    'Upgrade',
    'X-Accel-Buffering',
    'X-Accel-Charset',
    'X-Accel-Limit-Rate',
    'X-Accel-Redirect',
    'X-Amzn-Auth',
    'X-Amzn-Cf-Billing',
    'X-Amzn-Cf-Id',
    'X-Amzn-Cf-Xff',
    'X-Amzn-Errortype',
    'X-Amzn-Fle-Profile',
    'X-Amzn-Header-Count',
    'X-Amzn-Header-Order',
    'X-Amzn-Lambda-Integration-Tag',
    'X-Amzn-RequestId',
    'X-Cache',
    'X-Forwarded-Proto',
    'X-Real-IP',
  ].map((name) => name.toLowerCase()),
);
const disallowedPrefixes = ['x-amz-cf-', 'x-edge-'];

export function isDisallowed(name: string): boolean {
  return disallowed.has(name) || disallowedPrefixes.some((prefix) => name.startsWith(prefix));
}

/** Per event, lowercase (rule 2.3, the [DGnow] table). */
export const readOnlyHeaders: Record<EdgeEventType, readonly string[]> = {
  'viewer-request': ['cdn-loop', 'content-length', 'host', 'transfer-encoding', 'via'],
  'origin-request': [
    'accept-encoding',
    'cdn-loop',
    'content-length',
    'if-modified-since',
    'if-none-match',
    'if-range',
    'if-unmodified-since',
    'transfer-encoding',
    'via',
  ],
  'origin-response': ['transfer-encoding', 'via'],
  'viewer-response': ['warning', 'via', 'content-length', 'content-encoding', 'transfer-encoding'],
};

const token = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * A control character other than horizontal tab: CR is the one users have seen CloudFront refuse (reference
 * 1.6); LF, NUL and the rest are refused alike because no HTTP field value may hold them (RFC 9110 5.5).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const invalidHeaderValueCharacter = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** The key CloudFront generates when a function leaves it out: each hyphen-separated word capitalised. */
export function defaultKey(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/**
 * Checks the shape of 1.6 and returns a copy with every `key` filled in and empty arrays dropped.
 * An entry whose `key` names another header than its map key is not a failure: no AWS document states
 * that rule, and AWS's own example "Override a response header" copies the `x-amz-meta-last-modified`
 * entry (key `X-Amz-Meta-Last-Modified`) under `last-modified`. The map key decides the header; the entry
 * gets that header's key, and `warnings` says so (rule 9.8).
 */
export function checkHeaderMap(input: unknown, where: string, warnings?: string[]): HeaderMap {
  if (input === undefined) return {};
  check(isObject(input), rule.headerMap, () => `${where} must be an object of arrays.`);
  const map: HeaderMap = {};
  for (const [name, entries] of Object.entries(input)) {
    check(token.test(name), rule.headerMap, () => `${where}: "${name}" is not a lowercase header name.`);
    check(
      Array.isArray(entries),
      rule.headerMap,
      () => `${where}["${name}"] must be an array of {key, value}.`,
    );
    const normalized = entries.map((entry: unknown, i) => {
      const at = () => `${where}["${name}"][${i}]`;
      check(
        isObject(entry) && typeof entry.value === 'string',
        rule.headerMap,
        () => `${at()}.value must be a string.`,
      );
      const { key, value } = entry as { key?: unknown; value: string };
      check(
        key === undefined || typeof key === 'string',
        rule.headerMap,
        () => `${at()}.key must be a string.`,
      );
      check(!invalidHeaderValueCharacter.test(value), rule.headerValue, () => `${at()} ("${name}").`);
      if (key !== undefined && key.toLowerCase() !== name) {
        warnings?.push(
          `${at()}.key "${key}" names another header than its map key: sent as ${defaultKey(name)} (rule 9.8: CloudFront's handling is undocumented)`,
        );
        return { key: defaultKey(name), value };
      }
      return { key: key ?? defaultKey(name), value };
    });
    if (normalized.length > 0) map[name] = normalized;
  }
  return map;
}

function sameValues(a: HeaderMap[string] = [], b: HeaderMap[string] = []): boolean {
  return a.length === b.length && a.every((entry, i) => entry.value === b[i]?.value);
}

function change(before: HeaderMap, after: HeaderMap, name: string): string | undefined {
  if (sameValues(before[name], after[name])) return undefined;
  if (!before[name]) return 'added';
  return after[name] ? 'changed' : 'deleted';
}

export function checkReadOnly(eventType: EdgeEventType, before: HeaderMap, after: HeaderMap, where: string) {
  for (const name of readOnlyHeaders[eventType]) {
    const changed = change(before, after, name);
    check(!changed, rule.readOnlyHeader, () => `${eventType} ${where} header "${name}" was ${changed}.`);
  }
}

/** Disallowed headers are never shown to functions, so any one in the result not passed in was added. */
export function checkDisallowed(before: HeaderMap, after: HeaderMap, where: string) {
  for (const name of Object.keys(after)) {
    if (isDisallowed(name)) {
      check(
        !change(before, after, name),
        rule.disallowedHeader,
        () => `${where} header "${name}" (rule 2.3).`,
      );
    }
  }
}

/** Bytes the headers take on the wire ("Key: value\r\n" each), for the size limits of 2.5. */
export function headerBytes(map: HeaderMap): number {
  let bytes = 0;
  for (const entries of Object.values(map)) {
    for (const { key, value } of entries) bytes += Buffer.byteLength(key) + Buffer.byteLength(value) + 4;
  }
  return bytes;
}
