/** Helpers for the validation tests: the edge team's event builders (rule 1) plus result copies. */
import type { CloudFrontRequest, CloudFrontResponse } from 'aws-lambda';
import type { EdgeEvent } from '../../types.ts';

export {
  headers,
  originRequestEvent,
  originResponseEvent,
  viewerRequestEvent,
  viewerResponseEvent,
} from '../../testing/events.ts';

/** A deep copy of the event's request, as a function that edits and returns it would produce. */
export function requestOf(event: EdgeEvent): CloudFrontRequest {
  return structuredClone(event.Records[0]?.cf.request) as CloudFrontRequest;
}

export function responseOf(event: EdgeEvent): CloudFrontResponse {
  const cf = event.Records[0]?.cf as { response: CloudFrontResponse };
  return structuredClone(cf.response);
}
