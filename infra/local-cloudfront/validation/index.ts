/**
 * Checks a Lambda@Edge result the way CloudFront does before it uses it (rule 2.1-2.5). Pure: the
 * runtime calls it on every invocation, and its tests call it directly.
 */
import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import type { EdgeEvent, EdgeEventType } from '../types.ts';
import type { HeaderMap } from './headers.ts';
import { validateRequest } from './request.ts';
import { validateResponse } from './response.ts';
import { isObject, notAnObject, RuleBroken } from './rules.ts';

export { invalidHeaderValueCharacter } from './headers.ts';
export { urlLength } from './request.ts';
export { limits, notAnObject, notParsable, rule } from './rules.ts';

export type ValidationResult =
  | {
      ok: true;
      /** Whether CloudFront continues with a request or answers with a response (2.1). */
      kind: 'request' | 'response';
      /**
       * The result as CloudFront would use it: header keys filled in (1.6), status as a string,
       * read-only fields and ignored changes (method, clientIp, a read-only body) restored from the event.
       */
      value: Record<string, unknown>;
      /** Accepted, but relies on something CloudFront does not document (logged once per function). */
      warnings: string[];
    }
  | { ok: false; message: string };

export function validateResult(
  eventType: EdgeEventType,
  event: EdgeEvent,
  result: unknown,
): ValidationResult {
  if (!isObject(result)) return { ok: false, message: notAnObject };
  const cf = event.Records[0]?.cf as { request: CloudFrontRequest; response?: CloudFrontResponse };
  const warnings: string[] = [];
  try {
    const isRequestEvent = eventType === 'viewer-request' || eventType === 'origin-request';
    if (isRequestEvent && !('status' in result)) {
      const value = validateRequest(eventType, cf.request, result, warnings);
      return { ok: true, kind: 'request', value, warnings };
    }
    const original = cf.response && { status: cf.response.status, headers: cf.response.headers as HeaderMap };
    const value = validateResponse(eventType, original, result, warnings);
    return { ok: true, kind: 'response', value, warnings };
  } catch (error) {
    if (error instanceof RuleBroken) return { ok: false, message: error.message };
    throw error;
  }
}
