/** viewer-response, the last function a response meets, with CloudFront's skip rules (rule 3.10). */
import type { CloudFrontRequest } from 'aws-lambda';
import {
  buildEvent,
  type InvocationContext,
  invoke,
  toEventResponse,
  toStoredResponse,
} from '../edge-events.ts';
import type { StoredResponse } from '../types.ts';

/** Rule 3.10: runs on hits and misses, not for a final status >= 400; its status may not change. */
export async function runViewerResponse(
  ctx: InvocationContext,
  request: CloudFrontRequest,
  response: StoredResponse,
): Promise<StoredResponse> {
  const association = ctx.behavior.functions['viewer-response'];
  if (!association || response.status >= 400) return response;
  const { body: _readOnly, ...viewerRequest } = request;
  // Runtimes copy the event (postMessage) and must not change it: no defensive clone on the hit path.
  const event = buildEvent(ctx, 'viewer-response', viewerRequest, toEventResponse(response));
  const result = toStoredResponse(await invoke(ctx, association, event), response.body);
  return { ...result, status: response.status, statusDescription: response.statusDescription };
}
