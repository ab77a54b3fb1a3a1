import { describe, expect, it } from 'vitest';
import { getObject } from '../origin/s3-origin.ts';
import { siteDir } from './fixtures/paths.ts';

const privateBucket = { layers: [{ dir: siteDir, prefix: '' }], listGranted: false };
const listableBucket = { ...privateBucket, listGranted: true };
const get = (uri: string, content = privateBucket) =>
  getObject(content, { uri, originPath: '', headers: {} });

describe('S3 origin: a request for the bucket itself is ListObjects (rule 6)', () => {
  it('lists the keys when s3:ListBucket is granted: what no distribution path may ever reach', () => {
    const r = get('/', listableBucket);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('<ListBucketResult>');
    expect(r.body.toString()).toContain('<Key>static/big.css</Key>');
  });

  it('refuses it with 403 AccessDenied without the grant', () => {
    const r = get('/');
    expect(r.status).toBe(403);
    expect(r.body.toString()).toContain('<Code>AccessDenied</Code>');
  });

  it('treats "//" as the key "/", not as the bucket: 404 NoSuchKey', () => {
    const r = get('//', listableBucket);
    expect(r.status).toBe(404);
    expect(r.body.toString()).not.toContain('ListBucketResult');
  });
});
