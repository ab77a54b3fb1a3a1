/**
 * The Lambda@Edge contract that the stack, the local CloudFront and the storefront's tests share, defined once
 * here so that none of them imports another for it.
 */
import type { CloudFrontRequestEvent, CloudFrontResponseEvent } from 'aws-lambda';

/** The four CloudFront events a function can be associated with, in the order a request meets them (rule 1.2, 3). */
export const edgeEventTypes = [
  'viewer-request',
  'origin-request',
  'origin-response',
  'viewer-response',
] as const;

/** One of the four events: `cf.config.eventType` of the event, and the association's EventType (rule 1.2). */
export type EdgeEventType = (typeof edgeEventTypes)[number];

export function isEdgeEventType(value: unknown): value is EdgeEventType {
  return (edgeEventTypes as readonly unknown[]).includes(value);
}

/** The event a Lambda@Edge function receives: a request event, or a response event (rule 1.1). */
export type EdgeEvent = CloudFrontRequestEvent | CloudFrontResponseEvent;
