import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getHeader } from '../cf-headers.ts';
import { getObject, objectKey } from '../origin/s3-origin.ts';
import { siteDir } from './fixtures/paths.ts';

const privateBucket = { layers: [{ dir: siteDir, prefix: '' }], listGranted: false };
const listableBucket = { ...privateBucket, listGranted: true };
const get = (uri: string, headers: Record<string, string> = {}, content = privateBucket) =>
  getObject(content, {
    uri,
    originPath: '',
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [{ key: k, value: v }]])),
  });

describe('S3 origin (rule 6)', () => {
  it('answers a missing key with 403 AccessDenied XML when CloudFront may not list the bucket (rule 6)', () => {
    const r = get('/missing.txt');
    expect(r.status).toBe(403);
    expect(getHeader(r.headers, 'content-type')).toBe('application/xml');
    expect(getHeader(r.headers, 'server')).toBe('AmazonS3');
    expect(r.body.toString()).toContain('<Code>AccessDenied</Code>');
  });

  it('answers a missing key with 404 NoSuchKey when s3:ListBucket is granted (rule 6)', () => {
    const r = get('/missing.txt', {}, listableBucket);
    expect(r.status).toBe(404);
    expect(r.body.toString()).toContain('<Code>NoSuchKey</Code>');
  });

  it('has no index documents: a folder key is missing (rule 6, 5.7)', () => {
    expect(get('/dir/').status).toBe(403);
    expect(get('/dir').status).toBe(403);
  });

  it('sets Content-Type by extension, ETag and Last-Modified (rule 6)', () => {
    const r = get('/static/big.css');
    expect(getHeader(r.headers, 'content-type')).toBe('text/css');
    expect(getHeader(r.headers, 'etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Date.parse(getHeader(r.headers, 'last-modified') ?? '')).not.toBeNaN();
  });

  it('answers If-None-Match and If-Modified-Since with 304 Not Modified (rule 6)', () => {
    const first = get('/a.txt');
    const etag = getHeader(first.headers, 'etag') ?? '';
    expect(get('/a.txt', { 'if-none-match': etag }).status).toBe(304);
    expect(get('/a.txt', { 'if-none-match': '"other"' }).status).toBe(200);
    expect(
      get('/a.txt', { 'if-modified-since': getHeader(first.headers, 'last-modified') ?? '' }).status,
    ).toBe(304);
    expect(get('/a.txt', { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' }).status).toBe(200);
  });

  it('returns binary bodies byte for byte (rule 6)', () => {
    expect(get('/static/blob.bin').body.equals(readFileSync(path.join(siteDir, 'static/blob.bin')))).toBe(
      true,
    );
  });

  it('accepts keys with or without a leading slash, URL-decoded like S3 (rule 6)', () => {
    expect(objectKey('', '/a%20b.txt')).toBe('a b.txt');
    expect(objectKey('', 'a.txt')).toBe('a.txt');
    expect(objectKey('/prefix', '/a.txt')).toBe('prefix/a.txt');
    expect(get('/a%20b.txt').body.toString()).toBe('a b\n');
    expect(get('a.txt').status).toBe(200);
  });

  it('treats a key with an empty, "." or ".." segment as a missing key: S3 keys are literal (rule 6 "Missing key")', () => {
    expect(get('/./a.txt').status).toBe(403);
    expect(get('/dir//index.html').status).toBe(403);
    expect(get('/dir/%2e/index.html').status).toBe(403);
    expect(get('//a.txt').status).toBe(403);
    expect(objectKey('', '//a.txt')).toBe('/a.txt');
    expect(get('/./a.txt', {}, listableBucket).status).toBe(404);
    expect(get('/dir/index.html').status).toBe(200);
  });

  it('answers a Range request with the whole object and advertises no Accept-Ranges (Range is not emulated, README)', () => {
    const r = get('/a.txt', { range: 'bytes=0-1' });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('object a\n');
    expect(getHeader(r.headers, 'accept-ranges')).toBeUndefined();
  });

  it('never serves files outside the bucket folder (rule 6)', () => {
    expect(get('/../apps.ts').status).toBe(403);
    expect(get('/%2e%2e/apps.ts').status).toBe(403);
  });
});
