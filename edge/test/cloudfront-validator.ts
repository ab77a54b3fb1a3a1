/**
 * The checks CloudFront applies to a Lambda@Edge result (reference section 2), as a list of violations.
 * An empty list means CloudFront would accept the result; anything else would be a 502.
 */
import type { CloudFrontHeaders, CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';

export type EventType = 'viewer-request' | 'origin-request' | 'origin-response' | 'viewer-response';

/** Reference 2.3, "Disallowed": never shown to functions; adding one is a 502. */
const disallowed = new Set(
  (
    'Connection Expect Keep-Alive Proxy-Authenticate Proxy-Authorization Proxy-Connection Trailer Upgrade ' +
    'X-Accel-Buffering X-Accel-Charset X-Accel-Limit-Rate X-Accel-Redirect X-Amzn-Auth X-Amzn-Cf-Billing ' +
    'X-Amzn-Cf-Id X-Amzn-Cf-Xff X-Amzn-Errortype X-Amzn-Fle-Profile X-Amzn-Header-Count X-Amzn-Header-Order ' +
    'X-Amzn-Lambda-Integration-Tag X-Amzn-RequestId X-Cache X-Forwarded-Proto X-Real-IP'
  )
    .toLowerCase()
    .split(' '),
);
const disallowedPrefixes = ['x-amz-cf-', 'x-edge-'];

/** Reference 2.3, "Read-only": may be read, not added, changed or deleted. */
export const readOnlyHeaders: Record<EventType, readonly string[]> = {
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

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
/** RFC 9110 field-value: no control characters but horizontal tab (1.6: a CR is a validation error). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const INVALID_VALUE_CHAR = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** Reference 1.3: no spaces, control characters or '#' in the query string. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVALID_QUERY_CHAR = /[\u0000-\u0020\u007f#]/;

export function headerMapViolations(headers: unknown, where: string): string[] {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    return [`${where}: not a map`];
  const problems: string[] = [];
  for (const [name, entries] of Object.entries(headers)) {
    if (name !== name.toLowerCase() || !TOKEN.test(name)) problems.push(`${where}: bad header name ${name}`);
    if (disallowed.has(name) || disallowedPrefixes.some((p) => name.startsWith(p))) {
      problems.push(`${where}: disallowed header ${name} (2.3)`);
    }
    if (!Array.isArray(entries)) {
      problems.push(`${where}: ${name} is not an array (1.6)`);
      continue;
    }
    for (const entry of entries as unknown[]) {
      const { key, value } = (entry ?? {}) as { key?: unknown; value?: unknown };
      if (typeof value !== 'string') problems.push(`${where}: ${name} value is not a string (1.6)`);
      else if (INVALID_VALUE_CHAR.test(value))
        problems.push(`${where}: ${name} value has a control character`);
      if (key !== undefined && (typeof key !== 'string' || key.toLowerCase() !== name)) {
        problems.push(`${where}: ${name} has key ${String(key)}`);
      }
    }
  }
  return problems;
}

function readOnlyViolations(event: EventType, before: CloudFrontHeaders, after: CloudFrontHeaders): string[] {
  return readOnlyHeaders[event]
    .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .map((name) => `${event}: read-only header ${name} was added, changed or deleted (2.3)`);
}

function statusOf(value: unknown): number {
  return typeof value === 'number' || typeof value === 'string' ? Number(value) : Number.NaN;
}

function requestViolations(event: EventType, before: CloudFrontRequest, after: CloudFrontRequest): string[] {
  const problems = headerMapViolations(after.headers, `${event} request`);
  if (typeof after.uri !== 'string' || !after.uri.startsWith('/'))
    problems.push('uri must start with / (1.3)');
  if (typeof after.querystring !== 'string') problems.push('querystring must be a string (1.3)');
  else if (INVALID_QUERY_CHAR.test(after.querystring))
    problems.push('querystring has an invalid character (1.3)');
  if (`${after.uri}${after.querystring}`.length >= 8192) problems.push('uri + querystring >= 8192 (2.5)');
  if (after.method !== before.method) problems.push('method is read-only (1.3)');
  if (
    event === 'viewer-request' &&
    after.headers?.['cloudfront-viewer-country'] &&
    !before.headers['cloudfront-viewer-country']
  ) {
    problems.push('viewer-request may not add CloudFront-Viewer-Country (2.3)');
  }
  return [...problems, ...readOnlyViolations(event, before.headers, after.headers ?? {})];
}

function generatedResponseViolations(result: Record<string, unknown>): string[] {
  const status = statusOf(result.status);
  const problems = headerMapViolations(result.headers ?? {}, 'generated response');
  if (!(status >= 200 && status <= 599)) problems.push(`generated status ${String(result.status)} (2.2)`);
  return problems;
}

/**
 * Checks `result` against the 2.1 return contract for `event`, given a deep copy of what the function was
 * called with (`before`): a request or response, as that event allows.
 */
export function validateResult(
  event: EventType,
  before: { request: CloudFrontRequest; response?: CloudFrontResponse },
  result: unknown,
): string[] {
  if (typeof result !== 'object' || result === null) return [`${event}: result is not an object (2.1)`];
  const r = result as Record<string, unknown>;
  if (event === 'viewer-request' || event === 'origin-request') {
    if ('status' in r) return generatedResponseViolations(r);
    return requestViolations(event, before.request, r as unknown as CloudFrontRequest);
  }
  const response = r as unknown as CloudFrontResponse;
  const problems = headerMapViolations(response.headers, `${event} response`);
  const status = statusOf(response.status);
  if (!(status >= 200 && status <= 599)) problems.push(`${event}: status ${String(response.status)} (2.1)`);
  if (event === 'viewer-response' && status !== statusOf(before.response?.status)) {
    problems.push('viewer-response may not change the status (2.1)');
  }
  return [...problems, ...readOnlyViolations(event, before.response?.headers ?? {}, response.headers ?? {})];
}
