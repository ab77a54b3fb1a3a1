import { describe, expect, test } from 'vitest';
import { notAnObject, rule, validateResult } from '../index.ts';
import { originResponseEvent, requestOf, viewerRequestEvent, viewerResponseEvent } from './support.ts';

describe('result contract (rule 2.1)', () => {
  test.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'ok'],
    ['an array', []],
  ])('a result that is %s is invalid JSON: the output must be an object type (rule 2.1)', (_, result) => {
    expect(validateResult('viewer-request', viewerRequestEvent(), result)).toEqual({
      ok: false,
      message: notAnObject,
    });
  });

  test('a viewer-request result that returns the request continues as a request (rule 2.1)', () => {
    const event = viewerRequestEvent({ uri: '/' });
    const outcome = validateResult('viewer-request', event, {
      ...requestOf(event),
      uri: '/home/a/index.html',
    });
    expect(outcome).toMatchObject({ ok: true, kind: 'request', value: { uri: '/home/a/index.html' } });
  });

  test('a viewer-request result with a status is a generated response (rule 2.1)', () => {
    const outcome = validateResult('viewer-request', viewerRequestEvent(), { status: '302', headers: {} });
    expect(outcome).toMatchObject({ ok: true, kind: 'response', value: { status: '302' } });
  });

  test('a response event that returns a request instead of a response is a validation error (rule 2.1)', () => {
    const event = originResponseEvent();
    const outcome = validateResult('origin-response', event, requestOf(event));
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.expectedResponse) });
  });

  test('a viewer-response function may not change the status (rule 2.1)', () => {
    const outcome = validateResult('viewer-response', viewerResponseEvent({}, { status: '200' }), {
      status: '404',
      headers: {},
    });
    expect(outcome).toEqual({ ok: false, message: expect.stringContaining(rule.viewerResponseStatus) });
  });

  test('an origin-response function may change the status within 200-599 (rule 2.1)', () => {
    const outcome = validateResult('origin-response', originResponseEvent({}, { status: '403' }), {
      status: 404,
      statusDescription: 'Not Found',
      headers: {},
    });
    expect(outcome).toMatchObject({ ok: true, kind: 'response', value: { status: '404' } });
  });
});
