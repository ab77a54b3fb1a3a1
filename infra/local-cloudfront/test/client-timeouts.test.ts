/**
 * Slow or broken viewers cannot hold the server: a client that never finishes its headers, or trickles
 * them, or never finishes its body, is answered 408 and closed (http-server.ts, ClientTimeouts). Raw
 * sockets on 127.0.0.1, with the timeouts shortened so the file runs in about a second.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloudFront, type TestCloudFront } from '../testing/start.ts';
import { fixtureCdkOut } from './support/synth.ts';

const headersMs = 300;
const requestMs = 600;
let edge: TestCloudFront;

beforeAll(async () => {
  edge = await startTestCloudFront({
    cdkOut: await fixtureCdkOut(),
    stack: 'Conformance',
    clientTimeouts: { headersMs, requestMs, checkEveryMs: 50 },
  });
}, 90_000);
afterAll(() => edge?.close());

/** Writes each chunk `gapMs` after the previous one; resolves with what the server sent and when it closed. */
function talk(chunks: string[], gapMs: number): Promise<{ received: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(edge.port, '127.0.0.1');
    let received = '';
    const timers: NodeJS.Timeout[] = [];
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      for (const timer of timers) clearTimeout(timer);
      resolve({ received, closedAfterMs: performance.now() - started });
    });
    chunks.forEach((chunk, i) => {
      timers.push(setTimeout(() => socket.writable && socket.write(chunk), i * gapMs));
    });
  });
}

describe('viewer timeouts', () => {
  it('closes a client that never finishes its headers, with 408', async () => {
    const { received, closedAfterMs } = await talk(['GET /a.txt HTTP/1.1\r\nHost: localhost\r\n'], 0);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(headersMs - 20);
    expect(closedAfterMs).toBeLessThan(headersMs + 1000);
  });

  it('closes a client that trickles its headers past the header timeout (slowloris), with 408', async () => {
    const trickle = ['GET /a.txt HTTP/1.1\r\n', 'Host: localhost\r\n', ...Array(20).fill('X-Slow: 1\r\n')];
    const { received, closedAfterMs } = await talk(trickle, 50);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeLessThan(20 * 50);
  });

  it('closes a client that never finishes the body it announced, with 408', async () => {
    const head = 'PUT /a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n';
    const { received, closedAfterMs } = await talk([head, 'only ten b'], 10);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(closedAfterMs).toBeGreaterThanOrEqual(requestMs - 20);
  });

  it('still serves a client that sends its request in pieces within the timeouts', async () => {
    const pieces = ['GET /a.txt HTTP/1.1\r\n', 'Host: localhost\r\n', 'Connection: close\r\n\r\n'];
    const { received } = await talk(pieces, 50);
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('object a');
  });
});
