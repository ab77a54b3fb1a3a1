/**
 * The S3 origin (rule 6): objects from the BucketDeployment's source folders, S3's 403
 * AccessDenied for a missing key unless CloudFront may list the bucket (then 404 NoSuchKey),
 * Content-Type by extension, ETag and Last-Modified, conditional GETs answered with 304. A deployment's
 * Exclude/Include filters decide which files it uploaded, and its metadata is served with each of them
 * (`x-amz-meta-*`, Cache-Control, Content-Type, ...; rule 7). Range is not emulated: the whole object is
 * answered (200), so no Accept-Ranges is advertised.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import mime from 'mime';
import { uploadedBy } from '../assembly/deployment.ts';
import { type CloudFrontHeaders, getHeader, setHeader } from '../cf-headers.ts';
import type { S3Content, S3Layer } from '../model.ts';
import type { StoredResponse } from '../types.ts';

export interface S3Request {
  uri: string;
  originPath: string;
  headers: CloudFrontHeaders;
}

/**
 * `/a%20b.txt`, `a b.txt` -> `a b.txt`: S3 keys arrive URL-encoded, and only the one leading slash of the
 * URI is not part of the key (`//a.txt` is the key `/a.txt`).
 */
export function objectKey(originPath: string, uri: string): string | undefined {
  const prefix = originPath.replace(/^\/+|\/+$/g, '');
  const rest = uri.startsWith('/') ? uri.slice(1) : uri;
  const joined = prefix ? `${prefix}/${rest}` : rest;
  try {
    return decodeURIComponent(joined);
  } catch {
    return undefined;
  }
}

/**
 * S3 keys are literal: a key with an empty, `.` or `..` segment (`/./404.html`, `/products//index.html`)
 * names no file of the deployment, where a file path would collapse it onto one (rule 6).
 */
function isFileKey(key: string): boolean {
  return key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

interface FileObject {
  file: string;
  size: number;
  mtime: Date;
  layer: S3Layer;
}

function findObject(content: S3Content, key: string): FileObject | undefined {
  if (!isFileKey(key)) return undefined;
  for (const layer of [...content.layers].reverse()) {
    // `aws s3 sync <dir> s3://bucket/<prefix>` puts the files under <prefix>/ with or without the slash.
    const prefix = layer.prefix && !layer.prefix.endsWith('/') ? `${layer.prefix}/` : layer.prefix;
    if (!key.startsWith(prefix)) continue;
    const relative = key.slice(prefix.length);
    // A file the deployment's filters left out was never uploaded: an earlier deployment may hold the key.
    if (!uploadedBy(layer.filters, relative)) continue;
    const file = path.resolve(layer.dir, relative);
    // Traversal protection beyond the segment rule: the file must lie inside the layer.
    if (!file.startsWith(path.resolve(layer.dir) + path.sep)) continue;
    try {
      const st = statSync(file);
      if (st.isFile()) return { file, size: st.size, mtime: st.mtime, layer };
    } catch {
      // Not in this layer; an earlier deployment source may have it.
    }
  }
  return undefined;
}

const etags = new Map<string, { mtimeMs: number; size: number; etag: string }>();

/** S3's ETag for a single-part upload is the quoted MD5 of the bytes; remembered per file version. */
function etagOf(obj: FileObject, body: Buffer): string {
  const known = etags.get(obj.file);
  if (known && known.mtimeMs === obj.mtime.getTime() && known.size === obj.size) return known.etag;
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  etags.set(obj.file, { mtimeMs: obj.mtime.getTime(), size: obj.size, etag });
  return etag;
}

export function getObject(content: S3Content, req: S3Request): StoredResponse {
  const key = objectKey(req.originPath, req.uri);
  // A GET on the bucket itself is ListObjects (rule 6): a listing when s3:ListBucket is granted.
  if (key === '') return content.listGranted ? bucketListing(content) : missing(content, key);
  const obj = key === undefined ? undefined : findObject(content, key);
  if (!obj) return missing(content, key ?? req.uri);
  const body = readFileSync(obj.file);
  const etag = etagOf(obj, body);
  const lastModified = new Date(Math.floor(obj.mtime.getTime() / 1000) * 1000);
  const headers: CloudFrontHeaders = {};
  setHeader(headers, 'last-modified', lastModified.toUTCString());
  headers.etag = [{ key: 'ETag', value: etag }];
  if (notModified(req.headers, etag, lastModified)) {
    setHeader(headers, 'server', 'AmazonS3');
    return { status: 304, statusDescription: 'Not Modified', headers, body: Buffer.alloc(0) };
  }
  setHeader(headers, 'content-type', mime.getType(obj.file) ?? 'binary/octet-stream');
  setHeader(headers, 'content-length', String(body.length));
  setHeader(headers, 'server', 'AmazonS3');
  // The deployment's metadata: what S3 stored with the object it serves (Content-Type included).
  for (const { name, value } of obj.layer.headers ?? []) headers[name.toLowerCase()] = [{ key: name, value }];
  return { status: 200, statusDescription: 'OK', headers, body };
}

/** If-None-Match wins over If-Modified-Since, as in HTTP and S3. */
function notModified(headers: CloudFrontHeaders, etag: string, lastModified: Date): boolean {
  const inm = getHeader(headers, 'if-none-match');
  if (inm !== undefined)
    return inm.split(',').some((t) => t.trim() === etag || t.trim() === '*' || t.trim() === `W/${etag}`);
  const ims = getHeader(headers, 'if-modified-since');
  const since = ims === undefined ? Number.NaN : Date.parse(ims);
  return !Number.isNaN(since) && lastModified.getTime() <= since;
}

function missing(content: S3Content, key: string): StoredResponse {
  const id = randomBytes(8).toString('hex').toUpperCase();
  const hostId = randomBytes(32).toString('base64');
  const [status, code, message, extra] = content.listGranted
    ? [404, 'NoSuchKey', 'The specified key does not exist.', `<Key>${escapeXml(key)}</Key>`]
    : [403, 'AccessDenied', 'Access Denied', ''];
  const body = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${id}</RequestId><HostId>${hostId}</HostId></Error>`,
  );
  const headers: CloudFrontHeaders = {};
  setHeader(headers, 'content-type', 'application/xml');
  setHeader(headers, 'server', 'AmazonS3');
  return { status, statusDescription: status === 404 ? 'Not Found' : 'Forbidden', headers, body };
}

/** S3's ListBucketResult for the bucket root: what a request reaching the bucket itself would disclose. */
function bucketListing(content: S3Content): StoredResponse {
  const keys = new Set<string>();
  for (const layer of content.layers) {
    for (const f of readdirSync(layer.dir, { recursive: true, withFileTypes: true })) {
      if (f.isFile()) keys.add(layer.prefix + path.relative(layer.dir, path.join(f.parentPath, f.name)));
    }
  }
  const contents = [...keys]
    .sort()
    .map((k) => `<Contents><Key>${escapeXml(k)}</Key></Contents>`)
    .join('');
  const headers: CloudFrontHeaders = {};
  setHeader(headers, 'content-type', 'application/xml');
  setHeader(headers, 'server', 'AmazonS3');
  return {
    status: 200,
    statusDescription: 'OK',
    headers,
    body: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
    ),
  };
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
