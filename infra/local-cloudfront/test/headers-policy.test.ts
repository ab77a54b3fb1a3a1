import { describe, expect, it } from 'vitest';
import { managedResponseHeadersPolicies } from '../assembly/managed-policies.ts';
import { applyResponseHeadersPolicy } from '../response/headers-policy.ts';

const h = (pairs: Record<string, string>) =>
  Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, [{ key: k, value: v }]]));
const policy = {
  name: 'test',
  headers: [
    { name: 'X-Keep', value: 'policy', override: false },
    { name: 'X-Force', value: 'policy', override: true },
  ],
  remove: ['server', 'via', 'content-length'],
};

describe('response headers policy (rule 5.5)', () => {
  it('adds a custom header only when the response lacks it, unless the policy overrides (rule 5.5)', () => {
    const headers = h({ 'x-keep': 'origin', 'x-force': 'origin' });
    applyResponseHeadersPolicy(headers, policy);
    expect(headers['x-keep']?.[0]?.value).toBe('origin');
    expect(headers['x-force']?.[0]?.value).toBe('policy');
    const empty = {};
    applyResponseHeadersPolicy(empty, policy);
    expect(empty).toMatchObject({ 'x-keep': [{ value: 'policy' }] });
  });

  it('removes listed headers except Content-Length, Via and the other protected ones (rule 5.5)', () => {
    const headers = h({ server: 'AmazonS3', via: '1.1 x', 'content-length': '3' });
    applyResponseHeadersPolicy(headers, policy);
    expect(Object.keys(headers).sort()).toEqual(['content-length', 'via', 'x-force', 'x-keep']);
  });

  it('knows the managed SecurityHeadersPolicy by its ID (rule 5.5)', () => {
    const headers = {};
    applyResponseHeadersPolicy(
      headers,
      managedResponseHeadersPolicies['67f7725c-6f97-4210-82d7-5512b31e9d03'],
    );
    expect(headers).toMatchObject({ 'x-content-type-options': [{ value: 'nosniff' }] });
  });
});
