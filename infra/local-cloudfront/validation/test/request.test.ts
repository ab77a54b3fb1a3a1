import type { CloudFrontRequestEvent } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import { rule, validateResult } from '../index.ts';
import { originRequestEvent, requestOf, viewerRequestEvent } from './support.ts';

const failsWith = (text: string) => ({ ok: false, message: expect.stringContaining(text) });

describe('request fields (rule 1.3)', () => {
  test('a request result that changes the method is a LambdaValidationError: method is read-only (rule 1.3)', () => {
    const event = viewerRequestEvent({ method: 'GET' });
    const outcome = validateResult('viewer-request', event, { ...requestOf(event), method: 'POST' });
    expect(outcome).toEqual(failsWith(rule.readOnlyField));
  });

  test('a request result that changes the clientIp is a LambdaValidationError: clientIp is read-only (rule 1.3)', () => {
    const event = viewerRequestEvent();
    const outcome = validateResult('viewer-request', event, {
      ...requestOf(event),
      clientIp: '198.51.100.1',
    });
    expect(outcome).toEqual(failsWith(rule.readOnlyField));
  });

  test('a request result whose uri does not start with "/" is a LambdaValidationError (rule 1.3)', () => {
    const event = viewerRequestEvent();
    const outcome = validateResult('viewer-request', event, { ...requestOf(event), uri: 'images/hero' });
    expect(outcome).toEqual(failsWith(rule.uri));
  });

  test.each([
    ['a space', 'a=b c'],
    ['a "#"', 'a=b#frag'],
    ['a control character', 'a=\u0001'],
  ])('a query string with %s is a LambdaValidationError (rule 1.3)', (_, querystring) => {
    const event = viewerRequestEvent();
    const outcome = validateResult('viewer-request', event, { ...requestOf(event), querystring });
    expect(outcome).toEqual(failsWith(rule.querystring));
  });

  test('a uri plus query string of 8192 characters or more is a LambdaValidationError (rule 2.5)', () => {
    const event = viewerRequestEvent();
    const outcome = validateResult('viewer-request', event, {
      ...requestOf(event),
      uri: `/${'a'.repeat(4095)}`,
      querystring: 'q'.repeat(4095),
    });
    expect(outcome).toEqual(failsWith(rule.urlLength));
  });

  test('a uri of 8192 characters without a query string is a LambdaValidationError (rule 2.5)', () => {
    const event = viewerRequestEvent();
    const outcome = validateResult('viewer-request', event, {
      ...requestOf(event),
      uri: `/${'a'.repeat(8191)}`,
      querystring: '',
    });
    expect(outcome).toEqual(failsWith(rule.urlLength));
  });

  test('a uri plus query string just under 8192 characters passes (rule 2.5)', () => {
    const event = viewerRequestEvent();
    const outcome = validateResult('viewer-request', event, {
      ...requestOf(event),
      uri: `/${'a'.repeat(4094)}`,
      querystring: 'q'.repeat(4095),
    });
    expect(outcome.ok).toBe(true);
  });
});

function withBody(event: CloudFrontRequestEvent, data: string): CloudFrontRequestEvent {
  const request = event.Records[0]?.cf.request;
  if (request) request.body = { inputTruncated: false, action: 'read-only', encoding: 'base64', data };
  return event;
}

describe('request body with IncludeBody (rule 1.4)', () => {
  const original = Buffer.from('a=1').toString('base64');

  test('with action read-only, changes to the body are ignored (rule 1.4)', () => {
    const event = withBody(viewerRequestEvent({ method: 'POST' }), original);
    const result = requestOf(event);
    result.body = { inputTruncated: false, action: 'read-only', encoding: 'text', data: 'changed' };
    const outcome = validateResult('viewer-request', event, result);
    expect(outcome).toMatchObject({ ok: true, value: { body: { action: 'read-only', data: original } } });
  });

  test('with action replace, the new body is used (rule 1.4)', () => {
    const event = withBody(viewerRequestEvent({ method: 'POST' }), original);
    const result = requestOf(event);
    result.body = { inputTruncated: false, action: 'replace', encoding: 'text', data: 'b=2' };
    const outcome = validateResult('viewer-request', event, result);
    expect(outcome).toMatchObject({ ok: true, value: { body: { action: 'replace', data: 'b=2' } } });
  });

  test('a replaced body that is not valid base64 is a LambdaValidationError (rule 1.4)', () => {
    const event = withBody(viewerRequestEvent({ method: 'POST' }), original);
    const result = requestOf(event);
    result.body = { inputTruncated: false, action: 'replace', encoding: 'base64', data: 'not base64!' };
    expect(validateResult('viewer-request', event, result)).toEqual(failsWith(rule.base64));
  });

  test('a replaced viewer-request text body over 40 KB is a LambdaValidationError (rule 2.5)', () => {
    const event = withBody(viewerRequestEvent({ method: 'POST' }), original);
    const result = requestOf(event);
    result.body = {
      inputTruncated: false,
      action: 'replace',
      encoding: 'text',
      data: 'x'.repeat(40 * 1024 + 1),
    };
    expect(validateResult('viewer-request', event, result)).toEqual(failsWith(rule.requestBodySize));
  });

  test('a replaced origin-request text body of 1 MB passes (rule 2.5)', () => {
    const event = withBody(originRequestEvent({ method: 'POST' }), original);
    const result = requestOf(event);
    result.body = {
      inputTruncated: false,
      action: 'replace',
      encoding: 'text',
      data: 'x'.repeat(1024 * 1024),
    };
    expect(validateResult('origin-request', event, result).ok).toBe(true);
  });

  test('a replaced viewer-request base64 body over 53.2 KB is a LambdaValidationError (rule 2.5)', () => {
    const event = withBody(viewerRequestEvent({ method: 'POST' }), original);
    const result = requestOf(event);
    result.body = {
      inputTruncated: false,
      action: 'replace',
      encoding: 'base64',
      data: 'AAAA'.repeat(13_700),
    };
    expect(validateResult('viewer-request', event, result)).toEqual(failsWith(rule.requestBodySize));
  });
});

describe('request.origin in origin-request (rule 1.5)', () => {
  test('an origin with both custom and s3 is a LambdaValidationError (rule 1.5)', () => {
    const event = originRequestEvent();
    const result = requestOf(event);
    const s3 = result.origin?.s3;
    result.origin = { s3, custom: { domainName: 'example.com' } } as unknown as typeof result.origin;
    expect(validateResult('origin-request', event, result)).toEqual(failsWith('exactly one of'));
  });

  test('an origin without a domainName is a LambdaValidationError (rule 1.5)', () => {
    const event = originRequestEvent();
    const result = requestOf(event);
    result.origin = { s3: { path: '', customHeaders: {} } } as unknown as typeof result.origin;
    expect(validateResult('origin-request', event, result)).toEqual(failsWith(rule.origin));
  });

  test('switching to a custom origin with a DNS name passes (rule 1.5)', () => {
    const event = originRequestEvent();
    const result = requestOf(event);
    result.origin = {
      custom: {
        domainName: 'api.example.com',
        port: 443,
        protocol: 'https',
        path: '/v1',
        sslProtocols: ['TLSv1.2'],
        readTimeout: 30,
        keepaliveTimeout: 5,
        customHeaders: {},
      },
    };
    expect(validateResult('origin-request', event, result)).toMatchObject({
      ok: true,
      value: { origin: { custom: {} } },
    });
  });

  test('a custom origin domain that is an IP address is a LambdaValidationError (rule 1.5)', () => {
    const event = originRequestEvent();
    const result = requestOf(event);
    result.origin = { custom: { domainName: '192.0.2.1' } } as unknown as typeof result.origin;
    expect(validateResult('origin-request', event, result)).toEqual(failsWith(rule.origin));
  });

  test('an origin custom header that is also a request header is a LambdaValidationError (rule 1.5)', () => {
    const event = originRequestEvent({ headers: { 'X-Secret': 'a' } });
    const result = requestOf(event);
    const s3 = result.origin?.s3;
    if (s3) s3.customHeaders = { 'x-secret': [{ key: 'X-Secret', value: 'b' }] };
    expect(validateResult('origin-request', event, result)).toEqual(failsWith(rule.origin));
  });
});
