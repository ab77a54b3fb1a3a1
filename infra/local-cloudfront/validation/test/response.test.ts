import { describe, expect, test } from 'vitest';
import { rule, validateResult } from '../index.ts';
import {
  originRequestEvent,
  originResponseEvent,
  responseOf,
  viewerRequestEvent,
  viewerResponseEvent,
} from './support.ts';

const failsWith = (text: string) => ({ ok: false, message: expect.stringContaining(text) });

describe('generated and replaced responses (rule 2.2)', () => {
  test.each([[199], [600], ['abc'], [undefined]])(
    'a status of %s is a LambdaValidationError: status must be 200-599 (rule 2.2)',
    (status) => {
      const outcome = validateResult('viewer-request', viewerRequestEvent(), { status });
      expect(outcome).toEqual(failsWith(rule.status));
    },
  );

  test('a numeric status is accepted and passed on as a string (rule 2.2)', () => {
    const outcome = validateResult('viewer-request', viewerRequestEvent(), { status: 301, headers: {} });
    expect(outcome).toMatchObject({ ok: true, value: { status: '301' } });
  });

  test('a bodyEncoding other than text or base64 is a LambdaValidationError (rule 2.2)', () => {
    const outcome = validateResult('viewer-request', viewerRequestEvent(), {
      status: '200',
      body: 'x',
      bodyEncoding: 'gzip',
    });
    expect(outcome).toEqual(failsWith(rule.bodyEncoding));
  });

  test('a base64 body that is not valid base64 is a LambdaValidationError (rule 2.2)', () => {
    const outcome = validateResult('viewer-request', viewerRequestEvent(), {
      status: '200',
      body: '%%%',
      bodyEncoding: 'base64',
    });
    expect(outcome).toEqual(failsWith(rule.base64));
  });

  test('a viewer-request generated 204 response with a body is a LambdaValidationError (rule 2.2)', () => {
    const outcome = validateResult('viewer-request', viewerRequestEvent(), { status: '204', body: 'hello' });
    expect(outcome).toEqual(failsWith(rule.noContentBody));
  });

  test('a viewer-request generated response over 40 KB with its headers is a LambdaValidationError (rule 2.5)', () => {
    const outcome = validateResult('viewer-request', viewerRequestEvent(), {
      status: '200',
      headers: { 'content-type': [{ key: 'Content-Type', value: 'text/plain' }] },
      body: 'x'.repeat(40 * 1024 - 10),
    });
    expect(outcome).toEqual(failsWith(rule.responseSize));
  });

  test('an origin-request generated response of 100 KB passes under the 1 MB origin limit (rule 2.5)', () => {
    const outcome = validateResult('origin-request', originRequestEvent(), {
      status: '200',
      body: 'x'.repeat(100_000),
    });
    expect(outcome.ok).toBe(true);
  });

  test('a viewer-response may replace the body within the 40 KB viewer limit (rule 9.6)', () => {
    const event = viewerResponseEvent();
    const outcome = validateResult('viewer-response', event, { ...responseOf(event), body: 'replaced' });
    expect(outcome).toMatchObject({ ok: true, value: { body: 'replaced' } });
  });

  test('a viewer-response body over 40 KB with its headers is a LambdaValidationError (rule 9.6, 2.5)', () => {
    const event = viewerResponseEvent();
    const outcome = validateResult('viewer-response', event, {
      ...responseOf(event),
      body: 'x'.repeat(40 * 1024 + 1),
    });
    expect(outcome).toEqual(failsWith(rule.responseSize));
  });

  test('an origin-response that replaces the body with more than 1 MB is a LambdaValidationError (rule 2.5)', () => {
    const event = originResponseEvent();
    const outcome = validateResult('origin-response', event, {
      ...responseOf(event),
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(outcome).toEqual(failsWith(rule.responseSize));
  });

  test('an origin-response that leaves body unset keeps the origin body (rule 2.1)', () => {
    const event = originResponseEvent();
    const outcome = validateResult('origin-response', event, responseOf(event));
    expect(outcome).toMatchObject({ ok: true, kind: 'response' });
    expect(outcome.ok && 'body' in outcome.value).toBe(false);
  });
});
