/** A request returned by a viewer-request or origin-request function: rule 1.3, 1.4 and 2.5. */
import type { CloudFrontRequest } from 'aws-lambda';
import type { EdgeEventType } from '../types.ts';
import { checkDisallowed, checkHeaderMap, checkReadOnly, type HeaderMap } from './headers.ts';
import { validateOrigin } from './origin.ts';
import { check, fail, isBase64, isObject, isViewerEvent, type Json, limits, rule } from './rules.ts';

function checkUnchanged(original: CloudFrontRequest, result: Json, field: 'method' | 'clientIp') {
  const value = result[field];
  check(
    value === undefined || value === original[field],
    rule.readOnlyField,
    () => `request.${field} ${JSON.stringify(original[field])} -> ${JSON.stringify(value)} (rule 1.3).`,
  );
}

/** Spaces, control characters (C0 and DEL) and '#' may not appear in a query string (1.3). */
function hasForbiddenQueryCharacter(querystring: string): boolean {
  for (let i = 0; i < querystring.length; i++) {
    const code = querystring.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x23) return true;
  }
  return false;
}

/** The characters of the URL that the 8,192 limit counts (rule 1.3, 2.5): the "?" included. */
export function urlLength(uri: string, querystring: string): number {
  return uri.length + (querystring ? querystring.length + 1 : 0);
}

function checkUrl(result: Json): { uri: string; querystring: string } {
  const { uri, querystring = '' } = result;
  check(typeof uri === 'string' && uri.startsWith('/'), rule.uri, () => `Got ${JSON.stringify(uri)}.`);
  check(
    typeof querystring === 'string' && !hasForbiddenQueryCharacter(querystring),
    rule.querystring,
    () => `Got ${JSON.stringify(querystring)}.`,
  );
  const length = urlLength(uri, querystring);
  check(length < limits.urlChars, rule.urlLength, () => `Got ${length}.`);
  return { uri, querystring };
}

type Body = NonNullable<CloudFrontRequest['body']>;

/** IncludeBody (1.4): read-only ignores changes; replace is checked against the 2.5 limits. */
function checkRequestBody(eventType: EdgeEventType, original: Body, body: unknown): Body {
  if (body === undefined) return original;
  check(isObject(body), rule.requestBody, 'request.body must be an object.');
  const action = body.action ?? 'read-only';
  if (action === 'read-only') return original;
  check(action === 'replace', rule.requestBody, () => `request.body.action ${JSON.stringify(action)}.`);
  const { encoding, data } = body;
  check(
    encoding === 'text' || encoding === 'base64',
    rule.requestBody,
    () => `encoding ${JSON.stringify(encoding)}.`,
  );
  check(typeof data === 'string', rule.requestBody, 'request.body.data must be a string.');
  const side = isViewerEvent(eventType) ? 'viewer' : 'origin';
  if (encoding === 'base64') {
    check(isBase64(data), rule.base64, () => `Request body (${data.length} chars).`);
    const limit = limits.requestBodyBase64[side];
    check(data.length <= limit, rule.requestBodySize, () => `${data.length} base64 chars > ${limit}.`);
  } else {
    const size = Buffer.byteLength(data);
    const limit = limits.requestBodyText[side];
    check(size <= limit, rule.requestBodySize, () => `${size} bytes > ${limit}.`);
  }
  return { inputTruncated: original.inputTruncated, action: 'replace', encoding, data };
}

export function validateRequest(
  eventType: EdgeEventType,
  original: CloudFrontRequest,
  result: Json,
  warnings?: string[],
): Json {
  if (eventType !== 'viewer-request' && eventType !== 'origin-request') {
    fail(rule.expectedResponse, `The ${eventType} result has no "status".`);
  }
  checkUnchanged(original, result, 'method');
  checkUnchanged(original, result, 'clientIp');
  const url = checkUrl(result);
  const before = original.headers as HeaderMap;
  const headers = checkHeaderMap(result.headers, 'request.headers', warnings);
  checkDisallowed(before, headers, 'request');
  checkReadOnly(eventType, before, headers, 'request');
  if (eventType === 'viewer-request') {
    const country = 'cloudfront-viewer-country';
    check(
      !headers[country] || !!before[country],
      rule.readOnlyHeader,
      () => `viewer-request added "${country}".`,
    );
  }
  const { body: _ignored, origin: _absent, ...rest } = result;
  const value: Json = { ...rest, method: original.method, clientIp: original.clientIp, ...url, headers };
  // Without IncludeBody the function never saw a body, and CloudFront forwards the viewer's (1.1).
  if (original.body) value.body = checkRequestBody(eventType, original.body, result.body);
  if (eventType === 'origin-request') value.origin = validateOrigin(result.origin, headers, warnings);
  return value;
}
