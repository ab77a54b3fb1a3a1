import type { CloudFrontRequest } from 'aws-lambda';
import { afterAll, describe, expect, test } from 'vitest';
import { viewerRequestEvent } from '../../testing/events.ts';
import { notParsable, rule } from '../../validation/index.ts';
import { createFunctionRuntime } from '../index.ts';
import { fixture } from './support.ts';

const recycled: string[] = [];
const runtime = createFunctionRuntime({ strict: false, log: (line) => recycled.push(line) });
afterAll(() => runtime.close());

describe('loading handlers as the Lambda Node runtime does (rule 2.7)', () => {
  test('runs an async ESM handler from index.mjs with a Lambda context', async () => {
    const outcome = await runtime.invoke(fixture('esm-async', { memoryMb: 256 }), viewerRequestEvent());
    expect(outcome).toMatchObject({
      ok: true,
      result: { uri: '/rewritten', headers: { 'x-context': [{ value: 'esm-async,256,string' }] } },
    });
    const result = outcome.ok ? (outcome.result as CloudFrontRequest) : undefined;
    const remaining = Number(result?.headers['x-remaining']?.[0]?.value);
    expect(remaining).toBeGreaterThan(4000);
    expect(remaining).toBeLessThanOrEqual(5000);
  });

  test('loads index.js as CommonJS when the code folder has no package.json, whatever the repository says', async () => {
    const outcome = await runtime.invoke(fixture('commonjs'), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: true, result: { status: '418' } });
  });

  test('loads index.js as ESM when the code folder package.json has "type": "module"', async () => {
    const outcome = await runtime.invoke(fixture('esm-package'), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: true, result: { body: 'esm via package.json' } });
  });

  test('runs a callback-style handler (event, context, callback)', async () => {
    const outcome = await runtime.invoke(fixture('callback'), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: true, result: { status: '200', body: 'from a callback' } });
  });

  test('a non-async handler that takes no callback ends with a null result: invalid JSON (rule 2.1)', async () => {
    const outcome = await runtime.invoke(fixture('sync-no-callback'), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: false, failure: 'LambdaValidationError' });
  });

  test('a missing handler file is a LambdaExecutionError naming the module', async () => {
    const outcome = await runtime.invoke(
      fixture('esm-async', { handler: 'missing.handler' }),
      viewerRequestEvent(),
    );
    expect(outcome).toMatchObject({ ok: false, failure: 'LambdaExecutionError' });
    expect(!outcome.ok && outcome.message).toContain("Cannot find module 'missing'");
  });
});

describe('failures with CloudFront names (rule 2.4)', () => {
  test('a rejected promise is a LambdaExecutionError carrying the error (rule 2.4)', async () => {
    const outcome = await runtime.invoke(fixture('throwing'), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: false, failure: 'LambdaExecutionError', message: 'TypeError: boom' });
  });

  test('callback(err) is a LambdaExecutionError carrying the error (rule 2.4)', async () => {
    const outcome = await runtime.invoke(fixture('callback-error'), viewerRequestEvent());
    expect(outcome).toMatchObject({
      ok: false,
      failure: 'LambdaExecutionError',
      message: 'Error: denied by callback',
    });
  });

  test('a result that changes the read-only Host header is a LambdaValidationError (rule 2.3)', async () => {
    const outcome = await runtime.invoke(fixture('read-only-host'), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: false, failure: 'LambdaValidationError' });
    expect(!outcome.ok && outcome.message).toContain(rule.readOnlyHeader);
    expect(!outcome.ok && outcome.message).toContain('"host"');
  });

  test('a result JSON cannot represent is a LambdaValidationError: the json output is not parsable (rule 2.4)', async () => {
    const outcome = await runtime.invoke(fixture('unparsable'), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: false, failure: 'LambdaValidationError', message: notParsable });
  });

  test('a function that outlives its configured timeout is LambdaLimitExceeded (rule 2.4)', async () => {
    const outcome = await runtime.invoke(
      fixture('never-resolving', { timeoutSeconds: 1 }),
      viewerRequestEvent(),
    );
    expect(outcome).toMatchObject({
      ok: false,
      failure: 'LambdaLimitExceeded',
      message: 'Task timed out after 1.00 seconds',
    });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(990);
    expect(outcome.durationMs).toBeLessThan(5000); // includes the cold start, which the timeout excludes
  });

  test('a function that exceeds its configured memory is LambdaLimitExceeded (rule 2.6)', async () => {
    const outcome = await runtime.invoke(fixture('memory-hog', { memoryMb: 32 }), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: false, failure: 'LambdaLimitExceeded' });
    expect(!outcome.ok && outcome.message).toContain('out of memory (limit 32 MB');
  });
});

describe('memory counted as Lambda counts it: heap and off-heap (rule 2.6)', () => {
  test('a 128 MB function allocating 512 MB of Buffers is stopped mid-loop with LambdaLimitExceeded (rule 2.4, 2.6)', async () => {
    const outcome = await runtime.invoke(
      fixture('buffer-hog', { memoryMb: 128, timeoutSeconds: 30 }),
      viewerRequestEvent(),
    );
    expect(outcome).toMatchObject({ ok: false, failure: 'LambdaLimitExceeded' });
    const used = Number(/used (\d+) MB/.exec(!outcome.ok ? outcome.message : '')?.[1]);
    expect(!outcome.ok && outcome.message).toContain('out of memory (limit 128 MB');
    // Stopped near the limit, long before the loop's 512 MB.
    expect(used).toBeGreaterThanOrEqual(128);
    expect(used).toBeLessThan(384);
  }, 60_000); // a busy machine fills Buffers slowly: the function's own timeout is 30 s here

  test('Buffers a function lets go of are not counted: 512 MB allocated one at a time and dropped runs in 128 MB', async () => {
    const outcome = await runtime.invoke(
      fixture('buffer-churn', { memoryMb: 128, timeoutSeconds: 30 }),
      viewerRequestEvent(),
    );
    expect(outcome).toMatchObject({ ok: true, result: { body: '512' } });
  }, 60_000);
});

describe('recycled instances (rule 2.4)', () => {
  test('a leaking function fails the invocation that crosses its memory, then serves again from a fresh instance', async () => {
    recycled.length = 0;
    const association = fixture('leaky', { memoryMb: 64 });
    const bodies: string[] = [];
    for (let i = 0; i < 10; i++) {
      const outcome = await runtime.invoke(association, viewerRequestEvent());
      bodies.push(outcome.ok ? (outcome.result as { body: string }).body : outcome.failure);
    }
    // 8 MB kept per invocation: the one that takes it past 64 MB fails, and the count starts again at 1.
    const failed = bodies.indexOf('LambdaLimitExceeded');
    expect(failed).toBeGreaterThan(4);
    expect(bodies.slice(0, failed)).toEqual(Array.from({ length: failed }, (_, i) => String(i + 1)));
    expect(bodies[failed + 1]).toBe('1');
    expect(recycled.join('\n')).toMatch(/function leaky: instance recycled \(Runtime exited: out of memory/);
  });

  test('a hung invocation times out alone: the others in flight on its instance are replayed and succeed', async () => {
    recycled.length = 0;
    const association = fixture('warm-counter', { name: 'warm-counter-hang', timeoutSeconds: 0.5 });
    const hung = runtime.invoke(association, viewerRequestEvent({ uri: '/hang' }));
    const others = Array.from({ length: 3 }, () => runtime.invoke(association, viewerRequestEvent()));
    expect(await hung).toMatchObject({ ok: false, failure: 'LambdaLimitExceeded' });
    const outcomes = await Promise.all(others);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    expect(recycled).toEqual([
      'function warm-counter-hang: instance recycled (Task timed out after 0.50 seconds); ' +
        'a fresh instance serves the next invocation',
    ]);
  });

  test('an invocation that crashes its instance fails alone: the others are replayed one at a time and succeed', async () => {
    recycled.length = 0;
    const association = fixture('crash-on-path');
    const uris = ['/a', '/crash', '/b', '/c'];
    const outcomes = await Promise.all(
      uris.map((uri) => runtime.invoke(association, viewerRequestEvent({ uri }))),
    );
    expect(
      outcomes.map((outcome) => (outcome.ok ? (outcome.result as { body: string }).body : outcome.failure)),
    ).toEqual(['/a', 'LambdaExecutionError', '/b', '/c']);
    expect(recycled[0]).toBe(
      'function crash-on-path: instance recycled (Runtime exited with code 3); ' +
        '4 other invocation(s) replayed on a fresh instance, one at a time',
    );
  });
});

describe('strict mode (rule 2.6)', () => {
  test('strict mode stops a viewer function at the viewer timeout even when it is configured longer (rule 2.6)', async () => {
    const strict = createFunctionRuntime({ strict: true, viewerTimeoutSeconds: 0.5 });
    const outcome = await strict.invoke(
      fixture('never-resolving', { timeoutSeconds: 10 }),
      viewerRequestEvent(),
    );
    await strict.close();
    expect(outcome).toMatchObject({
      ok: false,
      failure: 'LambdaLimitExceeded',
      message: 'Task timed out after 0.50 seconds',
    });
  });
});

describe('warm instances', () => {
  test('serves concurrent invocations on one instance, each with its own result', async () => {
    const uris = Array.from({ length: 20 }, (_, i) => `/page/${i}`);
    const outcomes = await Promise.all(
      uris.map((uri) => runtime.invoke(fixture('passthrough'), viewerRequestEvent({ uri }))),
    );
    expect(outcomes.map((outcome) => outcome.ok && (outcome.result as { uri: string }).uri)).toEqual(uris);
  });

  test('reuses one instance per function across invocations, like a warm Lambda container', async () => {
    const association = fixture('warm-counter');
    const bodies = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await runtime.invoke(association, viewerRequestEvent());
      bodies.push(outcome.ok && (outcome.result as { body: string }).body);
    }
    expect(bodies).toEqual(['1', '2', '3']);
  });

  test('starts the timeout after the code has loaded, as Lambda separates init from the invocation', async () => {
    const outcome = await runtime.invoke(fixture('slow-init', { timeoutSeconds: 0.2 }), viewerRequestEvent());
    expect(outcome).toMatchObject({ ok: true, result: { body: 'ready' } });
  });

  test('starts a fresh instance after a timeout', async () => {
    const association = fixture('warm-counter', { name: 'warm-counter-restart', timeoutSeconds: 1 });
    await runtime.invoke(association, viewerRequestEvent());
    const hung = await runtime.invoke(association, viewerRequestEvent({ uri: '/hang' }));
    const after = await runtime.invoke(association, viewerRequestEvent());
    expect(hung).toMatchObject({ ok: false, failure: 'LambdaLimitExceeded' });
    expect(after).toMatchObject({ ok: true, result: { body: '1' } });
  });

  test('reload() drops loaded code so the next invocation starts a fresh instance', async () => {
    const reloading = createFunctionRuntime({ strict: false });
    const association = fixture('warm-counter', { name: 'warm-counter-reload' });
    await reloading.invoke(association, viewerRequestEvent());
    await reloading.reload();
    const outcome = await reloading.invoke(association, viewerRequestEvent());
    await reloading.close();
    expect(outcome).toMatchObject({ ok: true, result: { body: '1' } });
  });
});
