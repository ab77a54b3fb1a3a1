/**
 * Conformance: viewer-request is shown the viewer's headers minus the disallowed list of rule 2.3,
 * the same list the result validation uses (validation/headers.ts).
 */
import { describe, expect, it } from 'vitest';
import { isDisallowed } from '../validation/headers.ts';
import { useLocalCloudFront } from './support/harness.ts';
import { rawRequest } from './support/raw-request.ts';

const t = useLocalCloudFront('Conformance');

describe('headers hidden from functions (rule 2.3)', () => {
  it('hides exactly the documented disallowed headers from viewer-request (rule 2.3 "Disallowed")', async () => {
    const sent = {
      'x-amzn-trace-id': 'Root=1-abc',
      'x-accel-custom': 'shown',
      'x-amzn-requestid': 'hidden',
      'x-accel-redirect': '/hidden',
      'x-amz-cf-id': 'hidden',
      'x-edge-location': 'hidden',
      'x-real-ip': '203.0.113.9',
    };
    const res = await rawRequest(t.edge.url, '/vr/echo', { headers: sent });
    const seen = (JSON.parse(res.body) as { request: { headers: Record<string, unknown> } }).request.headers;
    for (const name of Object.keys(sent)) {
      expect({ name, shown: name in seen }).toEqual({ name, shown: !isDisallowed(name) });
    }
    expect(seen['x-amzn-trace-id']).toBeDefined();
    expect(seen['x-accel-custom']).toBeDefined();
    expect(seen['x-amzn-requestid']).toBeUndefined();
  });
});
