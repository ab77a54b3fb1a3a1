/**
 * Runs an edge function on an event and checks its result with the local CloudFront's own validator
 * (infra/local-cloudfront/validation: the one implementation of CloudFront's result rules, rule 2.1-2.5).
 * Functions edit the event in place, so the result is checked against a copy taken before the call: checked
 * against the edited event, a changed read-only header would look unchanged.
 */
import type { EdgeEvent, EdgeEventType } from '@edge-storefront/local-cloudfront/lambda-edge';
import { type ValidationResult, validateResult } from '@edge-storefront/local-cloudfront/validation';

export async function runValidated<E extends EdgeEvent, R>(
  eventType: EdgeEventType,
  event: E,
  fn: (event: E) => R | Promise<R>,
): Promise<{ before: E; result: Awaited<R>; violations: string[] }> {
  const before = structuredClone(event);
  const result = await fn(event);
  return { before, result, violations: asViolations(validateResult(eventType, before, result)) };
}

/** As a list, so that `expect(violations).toEqual([])` prints CloudFront's message when it fails. */
function asViolations(validation: ValidationResult): string[] {
  return validation.ok ? [] : [validation.message];
}
