/**
 * CloudFront standard logs (legacy), written the way CloudFront writes them: gzip files named
 * `<distribution-id>.YYYY-MM-DD-HH.<unique-id>.gz`, each starting with `#Version: 1.0` and a `#Fields:` line,
 * then one tab-separated line per request with the 33 documented fields in their documented order, `-` for an
 * empty value. A tool that reads a real log bucket reads these (`npm start -- --log-dir logs`).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { StoredResponse } from '../types.ts';
import { getHeader } from '../cf-headers.ts';

/** The fields of a standard log file, in CloudFront's documented order (standard logging reference). */
export const standardLogFields = [
  'date',
  'time',
  'x-edge-location',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'sc-status',
  'cs(Referer)',
  'cs(User-Agent)',
  'cs-uri-query',
  'cs(Cookie)',
  'x-edge-result-type',
  'x-edge-request-id',
  'x-host-header',
  'cs-protocol',
  'cs-bytes',
  'time-taken',
  'x-forwarded-for',
  'ssl-protocol',
  'ssl-cipher',
  'x-edge-response-result-type',
  'cs-protocol-version',
  'fle-status',
  'fle-encrypted-fields',
  'c-port',
  'time-to-first-byte',
  'x-edge-detailed-result-type',
  'sc-content-type',
  'sc-content-len',
  'sc-range-start',
  'sc-range-end',
] as const;

export type StandardLogField = (typeof standardLogFields)[number];
export type StandardLogRecord = Record<StandardLogField, string>;

export const logFileHeader = `#Version: 1.0\n#Fields: ${standardLogFields.join(' ')}\n`;

/**
 * A field value as CloudFront writes it: `-` when empty; spaces, control and non-ASCII bytes, `%` and the
 * characters unsafe in a URL percent-encoded (the user agent `Mozilla/5.0%20(X11;%20Linux...)`, a `%20` in
 * a query logged as `%2520`). A tab or newline therefore never splits a line.
 */
export function logValue(value: string | undefined): string {
  if (value === undefined || value === '') return '-';
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    out +=
      byte <= 0x20 || byte >= 0x7f || unsafe.has(byte)
        ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
        : String.fromCharCode(byte);
  }
  return out;
}
const unsafe = new Set([...'"%<>\\^`{|}'].map((c) => c.charCodeAt(0)));

export function formatLogLine(record: StandardLogRecord): string {
  return standardLogFields.map((field) => record[field]).join('\t');
}

/** `E2EXAMPLE.2026-12-01-20.a1b2c3d4.gz`: the hour the requests happened in, UTC. */
export function logFileName(distributionId: string, hour: Date, uniqueId: string): string {
  return `${distributionId}.${hour.toISOString().slice(0, 13).replace('T', '-')}.${uniqueId}.gz`;
}

/** The facts about one finished exchange that the local CloudFront knows beyond the HTTP messages. */
export interface ExchangeContext {
  /** The distribution's domain name, logged as cs(Host). */
  domainName: string;
  /** The distribution's Logging.IncludeCookies: without it cs(Cookie) is `-`. */
  includeCookies: boolean;
  receivedAt: number;
  finishedAt: number;
  /** Bytes the viewer sent and received for this exchange (headers included). */
  bytesIn: number;
  bytesOut: number;
}

/**
 * One log record from the request and the response as sent. The URI is the viewer's, before any
 * viewer-request function rewrote it. The result types come from X-Cache; a function failure is an
 * `Error` whose detailed type names it, as in CloudFront's logs.
 */
export function recordFor(
  req: IncomingMessage,
  status: number,
  response: StoredResponse,
  ctx: ExchangeContext,
): StandardLogRecord {
  const finished = new Date(ctx.finishedAt);
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const sent = (name: string) => getHeader(response.headers, name);
  const detailed = (sent('x-cache') ?? '').replace(/ from cloudfront$/, '') || 'Error';
  const resultType = resultTypes[detailed] ?? 'Error';
  const seconds = ((ctx.finishedAt - ctx.receivedAt) / 1000).toFixed(3);
  return {
    date: finished.toISOString().slice(0, 10),
    time: finished.toISOString().slice(11, 19),
    'x-edge-location': logValue(sent('x-amz-cf-pop')),
    'sc-bytes': String(ctx.bytesOut),
    'c-ip': logValue((req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')),
    'cs-method': logValue(req.method),
    'cs(Host)': logValue(ctx.domainName),
    'cs-uri-stem': logValue(queryAt < 0 ? url : url.slice(0, queryAt)),
    'sc-status': String(status),
    'cs(Referer)': logValue(header('referer')),
    'cs(User-Agent)': logValue(header('user-agent')),
    'cs-uri-query': logValue(queryAt < 0 ? undefined : url.slice(queryAt + 1)),
    'cs(Cookie)': ctx.includeCookies ? logValue(header('cookie')) : '-',
    'x-edge-result-type': resultType,
    'x-edge-request-id': logValue(sent('x-amz-cf-id')),
    'x-host-header': logValue(header('host')),
    // Local HTTP plays the viewer's HTTPS unless X-Forwarded-Proto says http (the local CloudFront's rule).
    'cs-protocol': header('x-forwarded-proto') === 'http' ? 'http' : 'https',
    'cs-bytes': String(ctx.bytesIn),
    'time-taken': seconds,
    'x-forwarded-for': logValue(header('x-forwarded-for')),
    // No TLS is spoken locally, so there is no protocol or cipher to name.
    'ssl-protocol': '-',
    'ssl-cipher': '-',
    'x-edge-response-result-type': resultType,
    'cs-protocol-version': `HTTP/${req.httpVersion}`,
    'fle-status': '-',
    'fle-encrypted-fields': '-',
    'c-port': String(req.socket.remotePort ?? '-'),
    // Each response is written in one piece, so its first byte leaves with its last.
    'time-to-first-byte': seconds,
    'x-edge-detailed-result-type':
      detailed === 'LambdaGeneratedResponse' ? 'MissGeneratedResponse' : detailed,
    'sc-content-type': logValue(sent('content-type')),
    'sc-content-len': String(response.body.length),
    'sc-range-start': '-',
    'sc-range-end': '-',
  };
}

const resultTypes: Record<string, string> = {
  Hit: 'Hit',
  RefreshHit: 'RefreshHit',
  Miss: 'Miss',
  LambdaGeneratedResponse: 'Miss',
  Redirect: 'Redirect',
  Error: 'Error',
};

/**
 * Bytes in and out of one exchange: the socket's counters since the previous exchange on the same
 * keep-alive connection ended (a browser sends one request at a time per HTTP/1.1 connection).
 */
export function exchangeBytes(socket: Socket): { bytesIn: number; bytesOut: number } {
  const before = socketMarks.get(socket) ?? { read: 0, written: 0 };
  const now = { read: socket.bytesRead, written: socket.bytesWritten };
  socketMarks.set(socket, now);
  return { bytesIn: now.read - before.read, bytesOut: now.written - before.written };
}
const socketMarks = new WeakMap<Socket, { read: number; written: number }>();

export interface StandardLogWriterOptions {
  dir: string;
  distributionId: () => string;
  /** How often buffered lines are written out (CloudFront delivers several times an hour); 0: only on close. */
  flushIntervalMs?: number;
}

/**
 * Buffers log lines per hour and writes each hour's lines as a new file on every flush, the way
 * CloudFront can deliver several files for one hour. `close()` flushes synchronously, so a SIGINT or
 * SIGTERM that closes the server loses no line.
 */
export class StandardLogWriter {
  private readonly pending = new Map<number, string[]>();
  private readonly timer: NodeJS.Timeout | undefined;
  readonly files: string[] = [];

  constructor(private readonly options: StandardLogWriterOptions) {
    mkdirSync(options.dir, { recursive: true });
    const every = options.flushIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => this.flush(), every);
      this.timer.unref();
    }
  }

  add(record: StandardLogRecord): void {
    const at = Date.parse(`${record.date}T${record.time}Z`);
    const hour = at - (at % 3_600_000);
    const lines = this.pending.get(hour);
    if (lines) lines.push(formatLogLine(record));
    else this.pending.set(hour, [formatLogLine(record)]);
  }

  flush(): void {
    for (const [hour, lines] of this.pending) {
      const name = logFileName(this.options.distributionId(), new Date(hour), randomBytes(4).toString('hex'));
      const file = path.join(this.options.dir, name);
      writeFileSync(file, gzipSync(`${logFileHeader}${lines.join('\n')}\n`));
      this.files.push(file);
    }
    this.pending.clear();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.flush();
  }
}
