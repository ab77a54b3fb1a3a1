import { describe, expect, it } from 'vitest';
import { theRecord } from '../lib/records.ts';
import { validateResult } from './cloudfront-validator.ts';
import { viewerRequestEvent, viewerResponseEvent } from './events.ts';

/** The validator is what the property tests trust, so it must catch what CloudFront would refuse. */
describe('the CloudFront result validator (reference 2)', () => {
  const request = () => theRecord(viewerRequestEvent({ uri: '/a' }).Records).cf;
  const response = () => theRecord(viewerResponseEvent({}, { status: '200' }).Records).cf;

  it('accepts an unchanged request', () => {
    expect(validateResult('viewer-request', request(), request().request)).toEqual([]);
  });

  it.each([
    ['a non-object result (2.1)', () => undefined, /not an object/],
    [
      'a changed Host in viewer-request (2.3)',
      (r) => ({ ...r, headers: { ...r.headers, host: [{ value: 'x' }] } }),
      /read-only header host/,
    ],
    [
      'a deleted Via-like read-only header (2.3)',
      (r) => ({ ...r, headers: { via: [{ value: '2.0 x' }] } }),
      /read-only header/,
    ],
    [
      'a disallowed header (2.3)',
      (r) => ({ ...r, headers: { ...r.headers, 'x-cache': [{ value: 'Hit' }] } }),
      /disallowed/,
    ],
    [
      'an X-Amz-Cf-* header (2.3)',
      (r) => ({ ...r, headers: { ...r.headers, 'x-amz-cf-pop': [{ value: 'x' }] } }),
      /disallowed/,
    ],
    [
      'a CR in a value (1.6)',
      (r) => ({ ...r, headers: { ...r.headers, a: [{ value: 'x\r\ny' }] } }),
      /control character/,
    ],
    [
      'an upper-case map key (1.6)',
      (r) => ({ ...r, headers: { ...r.headers, 'X-A': [{ value: 'x' }] } }),
      /bad header name/,
    ],
    [
      'a key that disagrees with its name (1.6)',
      (r) => ({ ...r, headers: { ...r.headers, a: [{ key: 'B', value: 'x' }] } }),
      /has key B/,
    ],
    [
      'a non-string value (1.6)',
      (r) => ({ ...r, headers: { ...r.headers, a: [{ value: 1 }] } }),
      /not a string/,
    ],
    ['a URI without a leading slash (1.3)', (r) => ({ ...r, uri: 'a' }), /start with \//],
    ['a URI of 8,192 characters (2.5)', (r) => ({ ...r, uri: `/${'a'.repeat(8191)}` }), /8192/],
    ['a # in the query string (1.3)', (r) => ({ ...r, querystring: 'a#b' }), /querystring/],
    [
      'an added CloudFront-Viewer-Country (2.3)',
      (r) => ({ ...r, headers: { ...r.headers, 'cloudfront-viewer-country': [{ value: 'GB' }] } }),
      /CloudFront-Viewer-Country/,
    ],
    ['a generated status of 600 (2.2)', () => ({ status: '600' }), /generated status/],
  ] as [string, (r: ReturnType<typeof request>['request']) => unknown, RegExp][])(
    'refuses %s',
    (_, change, message) => {
      const before = request();
      expect(
        validateResult('viewer-request', before, change(structuredClone(before.request))).join('\n'),
      ).toMatch(message);
    },
  );

  it('refuses a status change in viewer-response (2.1)', () => {
    const before = response();
    expect(validateResult('viewer-response', before, { ...before.response, status: '404' })).toContainEqual(
      expect.stringMatching(/may not change the status/),
    );
  });

  it('refuses a changed Transfer-Encoding in origin-response (2.3)', () => {
    const before = response();
    const changed = { ...before.response, headers: { 'transfer-encoding': [{ value: 'gzip' }] } };
    expect(validateResult('origin-response', before, changed).join()).toMatch(/transfer-encoding/);
  });
});
