/**
 * Conformance: Lambda failures (rule 2.1, 2.4), custom error responses (5.8) and S3 errors (6)
 * over HTTP, against the fixture stacks `Conformance` and `ListGranted`.
 */
import { describe, expect, it } from 'vitest';
import { useLocalCloudFront } from './support/harness.ts';

const t = useLocalCloudFront('Conformance');
const listing = useLocalCloudFront('ListGranted');

describe('Lambda@Edge failures (rule 2.4)', () => {
  it('answers an exception with 503 LambdaExecutionError from CloudFront (rule 2.4)', async () => {
    const res = await t.get('/vr/throw');
    expect(res.status).toBe(503);
    expect(res.headers.get('x-cache')).toBe('LambdaExecutionError from cloudfront');
    expect(res.headers.get('server')).toBe('CloudFront');
    expect(await res.text()).toContain('The request could not be satisfied');
  });

  it('answers an invalid result with 502 LambdaValidationError naming the broken rule (rule 2.2, 2.4)', async () => {
    const res = await t.get('/vr/invalid-status');
    expect(res.status).toBe(502);
    expect(res.headers.get('x-cache')).toBe('LambdaValidationError from cloudfront');
    expect(await res.text()).toMatch(/failed validation.*status/i);
  });

  it('answers a viewer-response that changes the status with 502 (rule 2.1)', async () => {
    const res = await t.get('/vres/change-status');
    expect(res.status).toBe(502);
    expect(res.headers.get('x-cache')).toBe('LambdaValidationError from cloudfront');
  });

  it('answers a function that runs past its timeout with 503 LambdaLimitExceeded (rule 2.4)', async () => {
    const res = await t.get('/slow/anything');
    expect(res.status).toBe(503);
    expect(res.headers.get('x-cache')).toBe('LambdaLimitExceeded from cloudfront');
  });

  it('stops a 128 MB viewer-request that allocates 512 MB of Buffers with 503 LambdaLimitExceeded, before the origin (rule 2.4, 2.6)', async () => {
    const misses = t.edge.stats().misses;
    const res = await t.get('/vr/buffer-hog');
    expect(res.status).toBe(503);
    expect(res.headers.get('x-cache')).toBe('LambdaLimitExceeded from cloudfront');
    expect(t.ran()).toEqual(['viewer-request']);
    expect(t.edge.stats().misses).toBe(misses);
    expect(t.warnings.join('\n')).toMatch(/instance recycled \(Runtime exited: out of memory \(limit 128 MB/);
  });

  it('keeps serving after failed invocations (issue 5: the server never crashes)', async () => {
    expect((await t.get('/a.txt')).status).toBe(200);
  });
});

describe('custom error responses (rule 5.8) and S3 errors (rule 6)', () => {
  it('replaces an origin 403 with the configured page and status, fetched through its behavior (rule 5.8)', async () => {
    const res = await t.get('/no-such-object');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('fixture 404 page');
    // The page came through /errors/*, which has no origin-response: its headers lack the marker.
    expect(res.headers.get('x-ores-request-id')).toBeNull();
  });

  it('answers a missing key with 404 NoSuchKey when CloudFront may list the bucket (rule 6)', async () => {
    const res = await listing.get('/no-such-object');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('NoSuchKey');
  });

  it('passes the error page origin status through when the page itself is missing (rule 5.8)', async () => {
    // ListGranted maps 404 to /no-such-page.html with 200; that page is missing too.
    const res = await listing.get('/another-missing-object');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-cache')).toBe('Error from cloudfront');
  });

  it('names unsupported template features in startup warnings (issue 5)', () => {
    expect(listing.warnings.join('\n')).toMatch(/FunctionAssociations is not emulated/);
    expect(listing.warnings.join('\n')).toMatch(/only S3 bucket origins are emulated/);
  });

  it('answers requests for an origin it cannot emulate with 502 (issue 5)', async () => {
    expect((await listing.get('/api/thing')).status).toBe(502);
  });
});
