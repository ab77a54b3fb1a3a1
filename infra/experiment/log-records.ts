/**
 * Reads CloudFront standard log files: gzip (as CloudFront delivers them) or plain text, from any byte
 * stream, so a local file and an S3 object go through the same code. Fields are looked up by the names
 * of the file's own `#Fields:` line, not by position, so a file with another field order or a subset of
 * the fields (v2 logs with selected fields, in the W3C format) reads the same.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type LogRecord = ReadonlyMap<string, string>;

export interface ReadProblem {
  source: string;
  message: string;
}

/** Yields one record per log line; a line that does not match the header is reported, never thrown. */
export async function* readLogRecords(
  stream: Readable,
  source: string,
  problems: ReadProblem[] = [],
): AsyncGenerator<LogRecord> {
  let fields: string[] | undefined;
  let lineNumber = 0;
  try {
    for await (const line of createInterface({
      input: await decoded(stream),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      lineNumber++;
      if (line === '') continue;
      if (line.startsWith('#')) {
        if (line.startsWith('#Fields:')) fields = line.slice('#Fields:'.length).trim().split(/\s+/);
        continue;
      }
      const values = line.split('\t');
      if (!fields) {
        problems.push({ source, message: `line ${lineNumber}: a log line before any #Fields: line` });
        continue;
      }
      if (values.length !== fields.length) {
        problems.push({
          source,
          message: `line ${lineNumber}: ${values.length} fields where the header names ${fields.length}`,
        });
        continue;
      }
      yield new Map(fields.map((name, i) => [name, values[i] as string]));
    }
  } catch (error) {
    problems.push({
      source,
      message: `unreadable: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** The stream, gunzipped when it starts with gzip's magic bytes. */
async function decoded(stream: Readable): Promise<Readable> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return Readable.from([]);
  const head = Buffer.from(first.value as Uint8Array);
  const rest = (async function* () {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value as Uint8Array;
  })();
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  const source = Readable.from(rest);
  if (!isGzip) return source;
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  return source.pipe(gunzip);
}

/**
 * A field's value as the viewer sent it: CloudFront writes `-` for empty and percent-encodes values once
 * more, so one decoding gives the header or URI back. A malformed escape keeps the raw text.
 */
export function fieldValue(record: LogRecord, name: string): string | undefined {
  const raw = record.get(name);
  if (raw === undefined || raw === '-') return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
