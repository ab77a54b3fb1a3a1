/**
 * Conformance: what a BucketDeployment puts into the bucket (rule 7) as the S3 origin serves it, over
 * HTTP against the fixture stack `Metadata` (user and system metadata, Exclude/Include, a key prefix),
 * and AWS's "Override a response header" example accepted with a warning (rule 9.8).
 */
import { describe, expect, it } from 'vitest';
import { deploymentSettings, uploadedBy } from '../assembly/deployment.ts';
import { useLocalCloudFront } from './support/harness.ts';

const t = useLocalCloudFront('Metadata');

describe('BucketDeployment metadata and filters, as S3 serves them (rule 7)', () => {
  it('serves user metadata as x-amz-meta-* and system metadata as the object headers', async () => {
    const res = await t.get('/a.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-meta-colour')).toBe('red');
    expect(res.headers.get('cache-control')).toBe('public, max-age=120');
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('content-type')).toBe('text/plain');
  });

  it("lets the deployment's Cache-Control set the CloudFront TTL (rule 5.2)", async () => {
    await t.get('/b.txt');
    t.advance(119_000);
    expect((await t.get('/b.txt')).headers.get('x-cache')).toBe('Hit from cloudfront');
    t.advance(2_000);
    expect((await t.get('/b.txt')).headers.get('x-cache')).toBe('RefreshHit from cloudfront');
  });

  it('serves only what the filters let the deployment upload: the last matching filter decides', async () => {
    expect((await t.get('/static/tiny.css')).status).toBe(200);
    expect((await t.get('/static/big.css')).status).toBe(403);
    expect((await t.get('/index.html')).status).toBe(200);
  });

  it('puts a prefixed deployment under its prefix, with its own Content-Type and filters', async () => {
    const res = await t.get('/text/a.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-amz-meta-colour')).toBeNull();
    expect((await t.get('/text/index.html')).status).toBe(403);
  });

  it('names at startup each deployment setting it does not serve, and Prune across deployments', () => {
    expect(t.warnings).toContainEqual(
      expect.stringMatching(/^bucket Site\w*: Prune of Upload\w+ .* is not emulated/),
    );
    expect(t.warnings).toContainEqual(
      expect.stringMatching(
        /^Upload\w*: not emulated \(no effect on the served objects\): SystemMetadata acl$/,
      ),
    );
  });
});

describe('AWS\'s example "Override a response header" (rule 9.8)', () => {
  it('sends Last-Modified from the copied x-amz-meta-last-modified entry and warns once, instead of a 502', async () => {
    const first = await t.get('/dir/index.html');
    expect(first.status).toBe(200);
    expect(first.headers.get('last-modified')).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    await t.get('/errors/404.html');
    const warned = t.warnings.filter((w) => w.includes('names another header than its map key'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(
      /\(origin-response\): response\.headers\["last-modified"\]\[0\]\.key "x-amz-meta-last-modified"/i,
    );
  });
});

describe('aws s3 sync filters (rule 7)', () => {
  const f = (...spec: [kind: 'exclude' | 'include', pattern: string][]) =>
    spec.map(([kind, pattern]) => ({ kind, pattern }));

  it('uploads everything without filters, and lets the last matching filter decide', () => {
    expect(uploadedBy(undefined, 'a/b.txt')).toBe(true);
    expect(uploadedBy(f(['exclude', '*']), 'a.txt')).toBe(false);
    expect(uploadedBy(f(['exclude', '*'], ['include', '*.txt']), 'dir/a.txt')).toBe(true);
    expect(uploadedBy(f(['exclude', '*.txt'], ['include', 'a.txt']), 'dir/a.txt')).toBe(false);
  });

  it("matches like Python's fnmatch: * across folders, ?, sets and negated sets, case-sensitively", () => {
    expect(uploadedBy(f(['exclude', 'images/*']), 'images/a/b.png')).toBe(false);
    expect(uploadedBy(f(['exclude', '?.txt']), 'a.txt')).toBe(false);
    expect(uploadedBy(f(['exclude', '?.txt']), 'ab.txt')).toBe(true);
    expect(uploadedBy(f(['exclude', '[ab].txt']), 'b.txt')).toBe(false);
    expect(uploadedBy(f(['exclude', '[!ab].txt']), 'b.txt')).toBe(true);
    expect(uploadedBy(f(['exclude', '*.TXT']), 'a.txt')).toBe(true);
    expect(uploadedBy(f(['exclude', 'a.(txt)']), 'a.(txt)')).toBe(false);
  });
});

describe('deployment settings read from the template (rule 7)', () => {
  it('turns metadata into headers and names what is not served', () => {
    const warnings: string[] = [];
    const settings = deploymentSettings(
      'Upload',
      {
        UserMetadata: { colour: 'red' },
        SystemMetadata: { 'content-type': 'text/plain', 'storage-class': 'GLACIER', acl: 'private' },
        Exclude: ['*.map'],
        Extract: false,
        SomethingNew: true,
      },
      (m) => warnings.push(m),
    );
    expect(settings.headers).toEqual([
      { name: 'x-amz-meta-colour', value: 'red' },
      { name: 'Content-Type', value: 'text/plain' },
      { name: 'x-amz-storage-class', value: 'GLACIER' },
    ]);
    expect(settings.filters).toEqual([{ kind: 'exclude', pattern: '*.map' }]);
    expect(warnings).toHaveLength(1);
    for (const named of ['SystemMetadata acl', 'storage-class', 'SomethingNew', 'Extract: false'])
      expect(warnings[0]).toContain(named);
  });
});
