/** A generated (request events) or modified (response events) response: rule 2.1, 2.2 and 2.5. */
import type { EdgeEventType } from '../types.ts';
import { checkDisallowed, checkHeaderMap, checkReadOnly, type HeaderMap, headerBytes } from './headers.ts';
import { check, isBase64, isViewerEvent, type Json, limits, rule } from './rules.ts';

function checkStatus(status: unknown): string {
  // AWS's own examples assign a number, the docs say string: accept both (2.2).
  const text = typeof status === 'number' ? String(status) : status;
  check(
    typeof text === 'string' && /^\d{3}$/.test(text),
    rule.status,
    () => `Got ${JSON.stringify(status)}.`,
  );
  const code = Number(text);
  check(code >= 200 && code <= 599, rule.status, () => `Got ${code}.`);
  return text;
}

function checkBody(result: Json): { body?: string; bodyEncoding?: string } {
  const { body, bodyEncoding } = result;
  check(
    bodyEncoding === undefined || bodyEncoding === 'text' || bodyEncoding === 'base64',
    rule.bodyEncoding,
    () => `Got ${JSON.stringify(bodyEncoding)}.`,
  );
  if (body === undefined) return {};
  check(typeof body === 'string', rule.body, () => `Got ${typeof body}.`);
  if (bodyEncoding === 'base64')
    check(isBase64(body), rule.base64, () => `Response body (${body.length} chars).`);
  return bodyEncoding === undefined ? { body } : { body, bodyEncoding };
}

/**
 * @param original the response the event carried (response events), or undefined for a response a
 *   request-event function generated.
 */
export function validateResponse(
  eventType: EdgeEventType,
  original: { status: string; headers: HeaderMap } | undefined,
  result: Json,
  warnings?: string[],
): Json {
  check('status' in result, rule.expectedResponse, () => `The ${eventType} result has no "status".`);
  const status = checkStatus(result.status);
  if (eventType === 'viewer-response' && original) {
    check(
      status === String(original.status),
      rule.viewerResponseStatus,
      () => `${original.status} -> ${status}.`,
    );
  }
  check(
    result.statusDescription === undefined || typeof result.statusDescription === 'string',
    rule.statusDescription,
    () => `Got ${typeof result.statusDescription}.`,
  );
  const headers = checkHeaderMap(result.headers, 'response.headers', warnings);
  checkDisallowed(original?.headers ?? {}, headers, 'response');
  if (original) checkReadOnly(eventType, original.headers, headers, 'response');
  const body = checkBody(result);
  if (eventType === 'viewer-request') {
    check(!(status === '204' && body.body), rule.noContentBody, '(rule 2.2)');
  }
  // Generated responses always count; a response event's response only when it replaces the body (2.5).
  if (!original || body.body !== undefined) {
    const limit = isViewerEvent(eventType) ? limits.responseBytes.viewer : limits.responseBytes.origin;
    const size = headerBytes(headers) + Buffer.byteLength(body.body ?? '');
    check(size <= limit, rule.responseSize, () => `${size} bytes > ${limit} bytes for ${eventType}.`);
  }
  return { ...result, status, headers, ...body };
}
