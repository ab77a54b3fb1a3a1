/**
 * The last step before the viewer (rule 4 "Viewer response headers", 5.5): hop-by-hop headers
 * removed, the response headers policy applied, and X-Cache, Via, X-Amz-Cf-Pop, X-Amz-Cf-Id and Age.
 */

import { setHeader } from '../cf-headers.ts';
import type { Behavior, Distribution } from '../model.ts';
import type { CacheResult, StoredResponse } from '../types.ts';
import { viaValue } from '../viewer/viewer-headers.ts';
import { applyResponseHeadersPolicy } from './headers-policy.ts';

/** The emulated edge location, in CloudFront's POP code format. */
export const localPop = 'LCL1-P1';

export function finalizeHeaders(
  response: StoredResponse,
  info: {
    behavior: Behavior;
    distribution: Distribution;
    requestId: string;
    cacheResult: CacheResult;
    ageSeconds?: number;
  },
): void {
  const h = response.headers;
  for (const name of ['transfer-encoding', 'trailer', 'upgrade', 'connection', 'keep-alive']) delete h[name];
  applyResponseHeadersPolicy(h, info.behavior.responseHeadersPolicy);
  if (info.cacheResult === 'LambdaGeneratedResponse' && !h.server) setHeader(h, 'server', 'CloudFront');
  setHeader(h, 'x-cache', `${info.cacheResult} from cloudfront`);
  setHeader(h, 'via', viaValue(info.distribution.id, '1.1'));
  h['x-amz-cf-pop'] = [{ key: 'X-Amz-Cf-Pop', value: localPop }];
  h['x-amz-cf-id'] = [{ key: 'X-Amz-Cf-Id', value: info.requestId }];
  if (info.ageSeconds !== undefined && (info.cacheResult === 'Hit' || info.cacheResult === 'RefreshHit')) {
    setHeader(h, 'age', String(info.ageSeconds));
  }
}
