/**
 * Applies a response headers policy (rule 5.5) to a response about to go to the viewer: each
 * header set when absent or when the policy overrides, then the listed headers removed. Applied to
 * every response of the behavior, including cached hits and errors, after viewer-response (9.4 is
 * unverified; see the README).
 */
import { type CloudFrontHeaders, setHeader } from '../cf-headers.ts';
import type { ResponseHeadersPolicy } from '../model.ts';

/** A policy cannot remove these (rule 5.5). */
const unremovable = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'warning', 'via']);

export function applyResponseHeadersPolicy(
  headers: CloudFrontHeaders,
  policy: ResponseHeadersPolicy | undefined,
): void {
  if (!policy) return;
  for (const h of policy.headers) {
    if (h.override || !headers[h.name.toLowerCase()]) setHeader(headers, h.name, h.value);
  }
  for (const name of policy.remove) if (!unremovable.has(name)) delete headers[name];
}
