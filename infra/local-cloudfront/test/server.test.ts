/**
 * The developer-facing side: the request deadline, the request log, reload on a new synth (issue 5).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRequestLine } from '../logs/request-log.ts';
import { useLocalCloudFront } from './support/harness.ts';
import { fixtureCdkOut } from './support/synth.ts';

const t = useLocalCloudFront('Conformance', { deadlineMs: 300 });
// The default deadline: the request below starts four cold function instances, which can take longer than the
// short deadline above on a busy machine.
const logged = useLocalCloudFront('Conformance');
const watched = useLocalCloudFront('Conformance', { watch: true });

describe('the server (issue 5)', () => {
  it('answers 504 instead of hanging when a request outlives the request deadline', async () => {
    const started = Date.now();
    const res = await t.get('/slow/deadline');
    expect(res.status).toBe(504);
    expect(res.headers.get('x-cache')).toBe('Error from cloudfront');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('logs one line per request with method, path, behavior, each function with its time, cache result, status and total', () => {
    const line = formatRequestLine({
      requestId: 'r',
      method: 'GET',
      path: '/images/hero',
      behavior: '/images/*',
      functions: [
        { eventType: 'viewer-request', name: 'Vr', ms: 1.2 },
        { eventType: 'origin-request', name: 'Or', ms: 3, failure: 'LambdaValidationError' },
      ],
      cacheResult: 'LambdaValidationError',
      status: 502,
      totalMs: 7.4,
    });
    expect(line).toBe(
      'GET /images/hero [/images/*] VReq 1ms OReq 3ms (LambdaValidationError) LambdaValidationError 502 7ms',
    );
  });

  it('marks the functions that ran for a custom error page in the log line (rule 5.8)', () => {
    const line = formatRequestLine({
      requestId: 'r',
      method: 'GET',
      path: '/nope',
      behavior: '*',
      functions: [
        { eventType: 'viewer-request', name: 'Vr', ms: 1 },
        { eventType: 'origin-response', name: 'Or', ms: 1, errorPage: '/404.html' },
      ],
      cacheResult: 'Error',
      status: 404,
      totalMs: 3,
    });
    expect(line).toBe('GET /nope [*] VReq 1ms ORes 1ms (for error page /404.html) Error 404 3ms');
  });

  it('logs a real request through the server: behavior, functions with ms, cache result, status, error-page functions marked (rule 5.8)', async () => {
    const res = await logged.get('/ores/fail-500');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('object b\n');
    const log = logged.logs.at(-1);
    expect(logged.infos).toContain(log && formatRequestLine(log));
    expect(logged.infos.at(-1)).toMatch(
      /^GET \/ores\/fail-500 \[\*\] VReq \d+ms ORes \d+ms OReq \d+ms \(for error page \/oreq\/rewrite\) ORes \d+ms \(for error page \/oreq\/rewrite\) Error 500 \d+ms$/,
    );
  });

  it('reloads a new synth without a restart: the assembly is re-read and the cache cleared', async () => {
    await watched.get('/a.txt');
    expect(watched.edge.stats().entries).toBeGreaterThan(0);
    const manifest = path.join(await fixtureCdkOut(), 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest));
    await expect
      .poll(() => watched.infos.some((l) => l.startsWith('reloaded')), { timeout: 5_000 })
      .toBe(true);
    expect(watched.edge.stats().entries).toBe(0);
    expect((await watched.get('/a.txt')).headers.get('x-cache')).toBe('Miss from cloudfront');
  });
});
