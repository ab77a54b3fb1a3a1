/** HTTP plumbing of the API: errors with CloudFront codes, body reading, Marker/MaxItems paging. */
import type { IncomingMessage } from 'node:http';

const maxBodyBytes = 1024 * 1024;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new ApiError(400, 'InvalidArgument', 'The request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Marker/MaxItems paging as the List operations do it: a page starts after the item named by Marker. */
export function page<T>(items: T[], url: URL, idOf: (item: T) => string) {
  const marker = url.searchParams.get('Marker') ?? '';
  const maxItems = Math.max(1, Math.min(1000, Number(url.searchParams.get('MaxItems') ?? 100) || 100));
  const start = marker ? items.findIndex((item) => idOf(item) === marker) + 1 : 0;
  const slice = items.slice(start, start + maxItems);
  const last = slice.at(-1);
  const truncated = start + maxItems < items.length && last !== undefined;
  const paging = { Marker: marker, MaxItems: maxItems, IsTruncated: truncated };
  return { slice, paging: truncated ? { ...paging, NextMarker: idOf(last) } : paging };
}
