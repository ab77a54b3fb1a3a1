import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { viewerRequestEvent } from '../../testing/events.ts';
import { createFunctionRuntime } from '../index.ts';
import { fixture } from './support.ts';

const runtime = createFunctionRuntime({ strict: false });
afterAll(() => runtime.close());

const event = () =>
  viewerRequestEvent({
    uri: '/images/jacket',
    querystring: 'v=1',
    headers: { Cookie: 'sf-colour=red; sf-home=a', Accept: 'image/webp', 'X-Unused': '1' },
  });

test('reports the header names a function branched on, not the ones it only copied (cache-key discipline)', async () => {
  const outcome = await runtime.invoke(fixture('reads-headers'), event());
  expect(outcome).toMatchObject({ ok: true, reads: { headers: ['accept', 'cookie'] } });
});

test('reports the cookie names present in a Cookie header the function read', async () => {
  const outcome = await runtime.invoke(fixture('reads-headers'), event());
  expect(outcome).toMatchObject({ ok: true, reads: { cookies: ['sf-colour', 'sf-home'] } });
});

test('reports whether the function read the query string', async () => {
  const readsQuery = await runtime.invoke(fixture('reads-headers'), event());
  const ignoresQuery = await runtime.invoke(fixture('esm-async'), event());
  expect(readsQuery).toMatchObject({ ok: true, reads: { querystring: true } });
  expect(ignoresQuery).toMatchObject({ ok: true, reads: { headers: [], cookies: [], querystring: false } });
});

const python = fixture('python', { handler: 'app.handler', runtime: 'python3.13' });

test('runs a Python handler in python3 and reports what it read', async () => {
  const association = python;
  rmSync(path.join(python.fn.codeDir, '__pycache__'), { recursive: true, force: true });
  const outcome = await runtime.invoke(association, viewerRequestEvent({ headers: { Cookie: 'sf-home=b' } }));
  expect(outcome).toMatchObject({
    ok: true,
    result: { uri: '/python', headers: { 'x-function': [{ key: 'X-Function', value: 'python' }] } },
    reads: { headers: ['cookie'], cookies: ['sf-home'], querystring: true },
  });
  // PYTHONDONTWRITEBYTECODE: python3 leaves no bytecode beside the handler.
  expect(existsSync(path.join(python.fn.codeDir, '__pycache__'))).toBe(false);
});

test('a Python exception is a LambdaExecutionError carrying the error (rule 2.4)', async () => {
  const outcome = await runtime.invoke(python, viewerRequestEvent({ uri: '/raise' }));
  expect(outcome).toMatchObject({
    ok: false,
    failure: 'LambdaExecutionError',
    message: 'ValueError: bad input',
  });
});

test('a Python function that exceeds its configured memory is LambdaLimitExceeded (rule 2.6)', async () => {
  const outcome = await runtime.invoke(python, viewerRequestEvent({ uri: '/hog' }));
  expect(outcome).toMatchObject({ ok: false, failure: 'LambdaLimitExceeded' });
  expect(!outcome.ok && outcome.message).toContain('out of memory (limit 128 MB)');
});

test('a Python function is measured by its resident set: 60 MB held in a 64 MB function is LambdaLimitExceeded (rule 2.6)', async () => {
  const small = fixture('python', {
    name: 'python-64',
    handler: 'app.handler',
    runtime: 'python3.13',
    memoryMb: 64,
  });
  const outcome = await runtime.invoke(small, viewerRequestEvent({ uri: '/hold' }));
  expect(outcome).toMatchObject({ ok: false, failure: 'LambdaLimitExceeded' });
  // "used N MB" comes from the resident-set reading, not from a MemoryError at the address-space cap.
  expect(!outcome.ok && outcome.message).toMatch(/out of memory \(limit 64 MB, used \d+ MB\)/);
});
