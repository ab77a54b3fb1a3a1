/**
 * Request bodies through the server (rule 1.4, 2.5): at most 1 MB + 1 byte is kept (the most a
 * function is shown, plus one to tell the truncation), the rest read and discarded; a method the
 * behavior does not allow is answered 403 without keeping the body.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logs/request-log.ts';
import type { ViewerRequest } from '../pipeline.ts';
import { createEdgeServer, keptBodyBytes } from '../server/http-server.ts';
import { keepsBody } from '../viewer/request-target.ts';
import { useLocalCloudFront } from './support/harness.ts';
import { rawRequest } from './support/raw-request.ts';

const t = useLocalCloudFront('Conformance', { trace: true });
const threeMegabytes = Buffer.alloc(3 * 1024 * 1024, 'x');

describe('request bodies (rule 1.4, 2.5)', () => {
  it('shows viewer-request 40 KB of a 3 MB body, flagged inputTruncated (rule 1.4)', async () => {
    // The echo of a 40 KB body is larger than a viewer-request may generate (rule 2.5): read the trace.
    await rawRequest(t.edge.url, '/body/echo', { method: 'POST', body: threeMegabytes });
    const input = t.logs.at(-1)?.trace?.[0]?.input as {
      Records: [{ cf: { request: { body: { inputTruncated: boolean; data: string } } } }];
    };
    const { body } = input.Records[0].cf.request;
    expect(body.inputTruncated).toBe(true);
    expect(Buffer.from(body.data, 'base64').length).toBe(40 * 1024);
  });

  it('answers 403 to a 3 MB POST on a GET-only behavior and keeps serving (rule 7 "allowedMethods")', async () => {
    const res = await rawRequest(t.edge.url, '/a.txt', { method: 'POST', body: threeMegabytes });
    expect(res.status).toBe(403);
    expect(t.ran()).toEqual([]);
    expect(keepsBody(t.edge.distribution(), 'POST', '/a.txt')).toBe(false);
    expect(keepsBody(t.edge.distribution(), 'POST', '/body/echo')).toBe(true);
    expect((await t.get('/a.txt')).status).toBe(200);
  });
});

describe('what the server keeps of a body (rule 1.4 "1 MB for origin-request")', () => {
  const seen: number[] = [];
  const server = createEdgeServer({
    pipeline: async (viewer: ViewerRequest) => {
      seen.push(viewer.body.length);
      return {
        response: { status: 200, headers: {}, body: Buffer.alloc(0) },
        log: {
          requestId: 'r',
          method: viewer.method,
          path: viewer.url,
          behavior: '*',
          functions: [],
          cacheResult: 'Miss',
          status: 200,
          totalMs: 0,
        },
      };
    },
    keepsBody: (method) => method !== 'DELETE',
    api: async () => false,
    logger: silentLogger,
    deadlineMs: 5_000,
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('keeps at most 1 MB + 1 byte of a body and reads the rest to its end (rule 1.4)', async () => {
    expect((await rawRequest(url, '/up', { method: 'POST', body: threeMegabytes })).status).toBe(200);
    expect((await rawRequest(url, '/up', { method: 'POST', body: Buffer.from('small') })).status).toBe(200);
    expect(seen.splice(0)).toEqual([keptBodyBytes, 5]);
    expect(keptBodyBytes).toBe(1024 * 1024 + 1);
  });

  it('keeps no body for a request whose body cannot matter (a refused method)', async () => {
    expect((await rawRequest(url, '/up', { method: 'DELETE', body: threeMegabytes })).status).toBe(200);
    expect(seen.splice(0)).toEqual([0]);
  });
});
