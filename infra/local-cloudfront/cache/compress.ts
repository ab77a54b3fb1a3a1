/**
 * Edge compression: when the behavior has Compress and the normalised Accept-Encoding (part of the
 * key, rule 5.1) allows it, CloudFront compresses compressible types of 1,000 bytes to 10 MB
 * itself, preferring Brotli.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { getHeader, setHeader } from '../cf-headers.ts';
import type { StoredResponse } from '../types.ts';

const compressibleType =
  /^(text\/|application\/(javascript|json|xml|xhtml\+xml|rss\+xml|atom\+xml|ld\+json|manifest\+json|wasm)|image\/svg\+xml|font\/(ttf|otf)|application\/vnd\.ms-fontobject)/;

export function compress(response: StoredResponse, normalizedEncoding: string | undefined): StoredResponse {
  if (!normalizedEncoding || response.status !== 200 || getHeader(response.headers, 'content-encoding'))
    return response;
  const type = getHeader(response.headers, 'content-type') ?? '';
  if (!compressibleType.test(type) || response.body.length < 1000 || response.body.length > 10_000_000)
    return response;
  const br = normalizedEncoding.split(',').includes('br');
  const body = br
    ? brotliCompressSync(response.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(response.body);
  const headers = { ...response.headers };
  setHeader(headers, 'content-encoding', br ? 'br' : 'gzip');
  setHeader(headers, 'content-length', String(body.length));
  setHeader(headers, 'vary', 'Accept-Encoding');
  // "ETag header conversion" (Serve compressed files): a strong ETag becomes weak on the compressed copy.
  const etag = getHeader(headers, 'etag');
  if (etag?.startsWith('"')) headers.etag = [{ key: headers.etag?.[0]?.key ?? 'ETag', value: `W/${etag}` }];
  return { ...response, headers, body };
}
