/**
 * CloudFront's header map (rule 1.6): lowercase name -> [{key, value}], one element per value.
 * Conversions to and from node's raw header lists, and small helpers the pipeline modules share.
 */
import type { CloudFrontHeaders } from 'aws-lambda';

export type { CloudFrontHeaders };

/** From `req.rawHeaders` ([name, value, name, value, ...]): keeps the viewer's case as `key`. */
export function fromRawHeaders(raw: string[]): CloudFrontHeaders {
  const headers: CloudFrontHeaders = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i] as string;
    const name = key.toLowerCase();
    const entry = { key, value: raw[i + 1] as string };
    const list = headers[name];
    if (list) list.push(entry);
    else headers[name] = [entry];
  }
  return headers;
}

/** `x-foo-bar` -> `X-Foo-Bar`: the key CloudFront generates when a function leaves it out (1.6). */
export function canonicalKey(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

export function getHeader(headers: CloudFrontHeaders, name: string): string | undefined {
  return headers[name.toLowerCase()]?.[0]?.value;
}

export function setHeader(headers: CloudFrontHeaders, name: string, value: string): void {
  headers[name.toLowerCase()] = [{ key: canonicalKey(name), value }];
}

export function cloneHeaders(headers: CloudFrontHeaders): CloudFrontHeaders {
  const out: CloudFrontHeaders = {};
  for (const [name, values] of Object.entries(headers)) out[name] = values.map((v) => ({ ...v }));
  return out;
}

/** Node's `res.writeHead` list form: [key, value] pairs in map order, keys defaulted per 1.6. */
export function toHeaderPairs(headers: CloudFrontHeaders): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, values] of Object.entries(headers)) {
    for (const v of values) out.push([v.key ?? canonicalKey(name), v.value]);
  }
  return out;
}
