/**
 * The rules a Lambda@Edge result must follow (rule 2.1-2.5), worded the way CloudFront words its
 * validation errors where the wording is known (rule 2.1, 2.4) and in the same style where it is not.
 */

export const notAnObject =
  'The Lambda function returned invalid JSON: The JSON output must be an object type.';
export const notParsable = 'The Lambda function returned invalid json: The json output is not parsable.';

const prefix = 'The Lambda function result failed validation:';

export const rule = {
  readOnlyHeader: 'The function tried to add, delete, or change a read-only header.',
  disallowedHeader: 'The function tried to add a disallowed header.',
  headerMap: 'The function returned a malformed header map.',
  headerValue: 'The function returned a header value containing a control character other than tab.',
  readOnlyField: 'The function tried to change a read-only field.',
  uri: 'The URI must be a string that starts with "/".',
  querystring: 'The query string must be a string without spaces, control characters or "#".',
  urlLength: 'The URI plus query string must be under 8192 characters.',
  expectedResponse: 'The function must return a response object for a response event.',
  status: 'The status code must be between 200 and 599.',
  viewerResponseStatus: 'The function tried to change the status of a viewer response.',
  statusDescription: 'The status description must be a string.',
  bodyEncoding: 'The body encoding must be "text" or "base64".',
  body: 'The body must be a string.',
  base64: 'The body is not valid base64.',
  noContentBody: 'A viewer-request function generated a 204 response with a body.',
  responseSize: 'The generated or replaced response (headers plus body) exceeds the size limit.',
  requestBody: 'The request body is malformed.',
  requestBodySize: 'The replacement request body exceeds the size limit.',
  origin: 'The request origin is invalid.',
} as const;

/** Thrown by a check and turned into { ok: false } by validateResult; never escapes the module. */
export class RuleBroken extends Error {}

export function fail(broken: string, detail: string): never {
  throw new RuleBroken(`${prefix} ${broken} ${detail}`);
}

/** `detail` may be a function so that the message is only built when the rule is broken (hot path). */
export function check(
  condition: boolean,
  broken: string,
  detail: string | (() => string),
): asserts condition {
  if (!condition) fail(broken, typeof detail === 'function' ? detail() : detail);
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Viewer events share the 40 KB limits, origin events the 1 MB ones (rule 2.5). */
export function isViewerEvent(eventType: string): boolean {
  return eventType.startsWith('viewer-');
}

const kb = 1024;
export const limits = {
  responseBytes: { viewer: 40 * kb, origin: 1024 * kb },
  requestBodyText: { viewer: 40 * kb, origin: 1024 * kb },
  requestBodyBase64: { viewer: Math.floor(53.2 * kb), origin: Math.floor(1.33 * kb * kb) },
  urlChars: 8192,
} as const;

export function isBase64(data: string): boolean {
  return data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data);
}
