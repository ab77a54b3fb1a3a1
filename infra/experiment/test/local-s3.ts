/**
 * A tiny S3 endpoint for the report's bucket path: ListObjectsV2 (two keys a page, so the paginator turns
 * pages) and GetObject, path-style, over objects held in memory. It speaks just enough of the S3 REST API
 * for @aws-sdk/client-s3 to run its real request, signing and parsing code against it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalS3 {
  endpoint: string;
  /** Requests received, as `METHOD path?query`. */
  requests: string[];
  close(): Promise<void>;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function startLocalS3(
  bucket: string,
  objects: Record<string, Buffer>,
  pageSize = 2,
): Promise<LocalS3> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, name, ...keyParts] = url.pathname.split('/');
    if (name !== bucket) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>no such bucket</Message></Error>',
      );
      return;
    }
    if (keyParts.length === 0 || (keyParts.length === 1 && keyParts[0] === '')) {
      const prefix = url.searchParams.get('prefix') ?? '';
      const start = Number(url.searchParams.get('continuation-token') ?? 0);
      const keys = Object.keys(objects)
        .filter((k) => k.startsWith(prefix))
        .sort();
      const page = keys.slice(start, start + pageSize);
      const truncated = start + pageSize < keys.length;
      const contents = page
        .map(
          (k) =>
            `<Contents><Key>${xmlEscape(k)}</Key><LastModified>2026-11-30T12:00:00.000Z</LastModified>` +
            `<ETag>"0"</ETag><Size>${objects[k]?.length ?? 0}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
        )
        .join('');
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
          `<Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>` +
          `<MaxKeys>${pageSize}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}` +
          (truncated ? `<NextContinuationToken>${start + pageSize}</NextContinuationToken>` : '') +
          '</ListBucketResult>',
      );
      return;
    }
    const body = objects[decodeURIComponent(keyParts.join('/'))];
    if (!body) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>',
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
