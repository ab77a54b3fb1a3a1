import type { CloudFrontResponse } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import type { EdgeEventType } from '../../types.ts';
import { rule, validateResult } from '../index.ts';
import {
  originRequestEvent,
  originResponseEvent,
  requestOf,
  responseOf,
  viewerRequestEvent,
  viewerResponseEvent,
} from './support.ts';

const events = {
  'viewer-request': viewerRequestEvent,
  'origin-request': originRequestEvent,
  'origin-response': () => originResponseEvent(),
  'viewer-response': () => viewerResponseEvent(),
} as const;

/** Edits the headers of what the event's function would return (the request or the response). */
function resultWithHeaders(
  eventType: EdgeEventType,
  edit: (headers: Record<string, unknown>) => void,
  without?: string,
) {
  const event = events[eventType]();
  const isRequest = eventType.endsWith('request');
  const original = event.Records[0]?.cf as unknown as Record<string, { headers: Record<string, unknown> }>;
  if (without) delete original[isRequest ? 'request' : 'response']?.headers[without];
  const result = isRequest ? requestOf(event) : responseOf(event);
  edit(result.headers as Record<string, unknown>);
  return validateResult(eventType, event, result);
}

const readOnlyTable: [EdgeEventType, string[]][] = [
  ['viewer-request', ['CDN-Loop', 'Content-Length', 'Host', 'Transfer-Encoding', 'Via']],
  [
    'origin-request',
    [
      'Accept-Encoding',
      'CDN-Loop',
      'Content-Length',
      'If-Modified-Since',
      'If-None-Match',
      'If-Range',
      'If-Unmodified-Since',
      'Transfer-Encoding',
      'Via',
    ],
  ],
  ['origin-response', ['Transfer-Encoding', 'Via']],
  ['viewer-response', ['Warning', 'Via', 'Content-Length', 'Content-Encoding', 'Transfer-Encoding']],
];
const readOnlyCases = readOnlyTable.flatMap(([eventType, names]) => names.map((name) => [eventType, name]));

describe('read-only headers (rule 2.3)', () => {
  test.each(readOnlyCases)(
    'a %s result that adds a read-only %s header is a LambdaValidationError (rule 2.3)',
    (eventType, key) => {
      const name = key.toLowerCase();
      const outcome = resultWithHeaders(
        eventType as EdgeEventType,
        (h) => {
          h[name] = [{ key, value: '1' }];
        },
        name,
      );
      expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.readOnlyHeader) });
      expect(outcome).toEqual({
        ok: false,
        message: expect.stringContaining(`"${key.toLowerCase()}" was added`),
      });
    },
  );

  test('a viewer-request result that changes the Host header is a LambdaValidationError (rule 2.3)', () => {
    const outcome = resultWithHeaders('viewer-request', (h) => {
      h.host = [{ key: 'Host', value: 'evil.example' }];
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('"host" was changed') });
  });

  test('a viewer-request result that deletes the Host header is a LambdaValidationError (rule 2.3)', () => {
    const outcome = resultWithHeaders('viewer-request', (h) => {
      delete h.host;
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('"host" was deleted') });
  });

  test('an origin-request result may change the Host header, which is writable there (rule 2.3)', () => {
    const outcome = resultWithHeaders('origin-request', (h) => {
      h.host = [{ key: 'Host', value: 'other-bucket.s3.amazonaws.com' }];
    });
    expect(outcome.ok).toBe(true);
  });

  test('a viewer-request result that adds CloudFront-Viewer-Country is a LambdaValidationError (rule 2.3)', () => {
    const outcome = resultWithHeaders('viewer-request', (h) => {
      h['cloudfront-viewer-country'] = [{ key: 'CloudFront-Viewer-Country', value: 'DE' }];
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining('cloudfront-viewer-country') });
  });

  test('an origin-response result that changes the read-only Transfer-Encoding header is a LambdaValidationError (rule 2.3)', () => {
    const event = originResponseEvent({}, { headers: { 'Transfer-Encoding': 'chunked' } });
    const result = responseOf(event);
    result.headers['transfer-encoding'] = [{ key: 'Transfer-Encoding', value: 'gzip' }];
    const outcome = validateResult('origin-response', event, result);
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringContaining('"transfer-encoding" was changed'),
    });
  });

  test('an origin-request result may add CloudFront-* headers (rule 2.3)', () => {
    const outcome = resultWithHeaders('origin-request', (h) => {
      h['cloudfront-is-mobile-viewer'] = [{ key: 'CloudFront-Is-Mobile-Viewer', value: 'true' }];
    });
    expect(outcome.ok).toBe(true);
  });
});

describe('disallowed headers (rule 2.3)', () => {
  test.each([['X-Cache'], ['Connection'], ['X-Forwarded-Proto'], ['X-Amz-Cf-Pop'], ['X-Edge-Location']])(
    'a result that adds the disallowed %s header is a LambdaValidationError (rule 2.3)',
    (key) => {
      const outcome = resultWithHeaders('viewer-response', (h) => {
        h[key.toLowerCase()] = [{ key, value: 'x' }];
      });
      expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.disallowedHeader) });
    },
  );

  test.each([['X-Cache'], ['X-Amz-Cf-Pop']])(
    'a viewer-request result that adds the disallowed %s header is a LambdaValidationError (rule 2.3)',
    (key) => {
      const outcome = resultWithHeaders('viewer-request', (h) => {
        h[key.toLowerCase()] = [{ key, value: 'x' }];
      });
      expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.disallowedHeader) });
    },
  );
});

describe('header map format (rule 1.6)', () => {
  test('a header value that is not a string is a LambdaValidationError (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['x-count'] = [{ key: 'X-Count', value: 3 }];
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.headerMap) });
  });

  test('a header given as a plain string instead of an array is a LambdaValidationError (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['x-flag'] = 'on';
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.headerMap) });
  });

  test('a map key that is not the lowercase of its key is a LambdaValidationError (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h.Location = [{ key: 'Location', value: '/a' }];
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.headerMap) });
  });

  test('a key naming another header than its map key is accepted with a warning, as AWS\'s example "Override a response header" needs (rule 9.8)', () => {
    // AWS's example, as published: the X-Amz-Meta-Last-Modified entry copied under last-modified.
    const overrideResponseHeader = (response: {
      headers: Record<string, { key?: string; value: string }[]>;
    }) => {
      const headerNameSrc = 'X-Amz-Meta-Last-Modified';
      const headerNameDst = 'Last-Modified';
      const src = response.headers[headerNameSrc.toLowerCase()];
      if (src?.[0]) response.headers[headerNameDst.toLowerCase()] = [src[0]];
      return response;
    };
    const event = originResponseEvent();
    const cf = event.Records[0]?.cf as unknown as { response: CloudFrontResponse };
    cf.response.headers['x-amz-meta-last-modified'] = [
      { key: 'X-Amz-Meta-Last-Modified', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
    ];
    const outcome = validateResult('origin-response', event, overrideResponseHeader(responseOf(event)));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const headers = (outcome.value as unknown as CloudFrontResponse).headers;
    expect(headers['last-modified']).toEqual([
      { key: 'Last-Modified', value: 'Thu, 01 Jan 2026 00:00:00 GMT' },
    ]);
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        /response\.headers\["last-modified"\]\[0\]\.key "X-Amz-Meta-Last-Modified" names another header than its map key: sent as Last-Modified/,
      ),
    ]);
  });

  test('a key that is not a string is a LambdaValidationError (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['x-a'] = [{ key: 7, value: '1' }];
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.headerMap) });
  });

  test('a result without surprises carries no warnings', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['x-a'] = [{ key: 'X-A', value: '1' }];
    });
    expect(outcome).toMatchObject({ ok: true, warnings: [] });
  });

  test('a header value with a CR is a LambdaValidationError (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['x-a'] = [{ key: 'X-A', value: 'a\r\nSet-Cookie: b=c' }];
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.headerValue) });
  });

  test.each([
    ['LF', '\n'],
    ['NUL', '\u0000'],
    ['SOH', '\u0001'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
  ])(
    'a header value with the control character %s is a LambdaValidationError: only tab is allowed (rule 1.6)',
    (_, character) => {
      const outcome = resultWithHeaders('viewer-response', (h) => {
        h['x-a'] = [{ key: 'X-A', value: `a${character}b` }];
      });
      expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.headerValue) });
    },
  );

  test('a header value with a tab, the one control character a field value may hold, passes (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['x-a'] = [{ key: 'X-A', value: 'a\tb' }];
    });
    expect(outcome.ok).toBe(true);
  });

  test('a header without a key gets one with each word capitalised (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['x-foo-bar'] = [{ value: '1' }];
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: { headers: { 'x-foo-bar': [{ key: 'X-Foo-Bar', value: '1' }] } },
    });
  });

  test('several values of one header are kept as several elements (rule 1.6)', () => {
    const outcome = resultWithHeaders('viewer-response', (h) => {
      h['set-cookie'] = [{ value: 'a=1' }, { value: 'b=2' }];
    });
    expect(outcome).toMatchObject({
      ok: true,
      value: { headers: { 'set-cookie': [{ value: 'a=1' }, { value: 'b=2' }] } },
    });
  });
});
