/**
 * The HTTP face of the local CloudFront: API paths to the CloudFront API subset, everything else
 * through the pipeline. Whatever a function or a module does, every request gets an answer: an
 * exception becomes a 502 page and a request-level deadline a 504 (never a hung socket or a crash).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fromRawHeaders, toHeaderPairs } from '../cf-headers.ts';
import { formatRequestLine, formatTrace, type Logger } from '../logs/request-log.ts';
import { newRequestId, type PipelineResult, type ViewerRequest } from '../pipeline.ts';
import { cloudFrontErrorPage } from '../response/error-responses.ts';
import type { StoredResponse } from '../types.ts';

export const apiPrefix = '/2020-05-31/';

/**
 * The most of a body any function is shown is 1 MB (origin-request, rule 1.4); one byte more tells
 * the truncation. The rest is read and discarded: a 500 MB upload must not be held in memory.
 */
export const keptBodyBytes = 1024 * 1024 + 1;

/**
 * How long a viewer may take to send its request. CloudFront documents its origin timeouts (response
 * timeout 30 s by default, keep-alive 5 s) but no viewer-side ones, so these are our choice: headers
 * within 10 s (a real client sends them at once; a client that trickles or never finishes them is
 * closed with 408 instead of holding a socket), the whole request, body included, within 60 s (the
 * request deadline; a 1 MB body needs far less on any link a CloudFront viewer uses), and an idle
 * keep-alive connection closed after 5 s (Node's default, CloudFront's origin keep-alive default).
 * Node enforces the first two on a periodic sweep, every `checkEveryMs`.
 */
export interface ClientTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  checkEveryMs: number;
}

export const defaultClientTimeouts: ClientTimeouts = {
  headersMs: 10_000,
  requestMs: 60_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

export interface ServerHandlers {
  pipeline(viewer: ViewerRequest): Promise<PipelineResult>;
  /** False when the body cannot matter (a method the behavior does not allow): it is discarded unread. */
  keepsBody(method: string, url: string): boolean;
  api(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  logger: Logger;
  deadlineMs: number;
  /** Called once a response has been handed to the socket (the standard logs' hook). */
  onResponseFinished?(
    req: IncomingMessage,
    res: ServerResponse,
    sent: StoredResponse,
    receivedAt: number,
  ): void;
  clientTimeouts?: Partial<ClientTimeouts>;
}

/**
 * CloudFront accepts 20,480 bytes of request headers and query string (rule 2.5); Node's default
 * of 16 KB would refuse (431) requests CloudFront serves. A little over 20 KB leaves room for the line.
 */
export const maxHeaderBytes = 21 * 1024;

export function createEdgeServer(handlers: ServerHandlers): Server {
  const timeouts = { ...defaultClientTimeouts, ...handlers.clientTimeouts };
  const options = {
    maxHeaderSize: maxHeaderBytes,
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkEveryMs,
  };
  return createServer(options, (req, res) => {
    const receivedAt = Date.now();
    res.once('finish', () => {
      const sent = sentResponses.get(res);
      if (sent) handlers.onResponseFinished?.(req, res, sent, receivedAt);
    });
    handle(handlers, req, res).catch((error: unknown) => {
      handlers.logger.warn(
        `request ${req.method} ${req.url} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      if (!res.headersSent) send(res, req.method, internalError(502, error));
      else res.destroy();
    });
  });
}

async function handle(handlers: ServerHandlers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  if (url.startsWith(apiPrefix) && (await handlers.api(req, res))) return;
  const method = req.method ?? 'GET';
  const body = await readBody(req, handlers.keepsBody(method, url) ? keptBodyBytes : 0);
  const viewer: ViewerRequest = {
    method,
    url,
    headers: fromRawHeaders(req.rawHeaders),
    body,
    clientIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    clientPort: req.socket.remotePort,
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), handlers.deadlineMs);
  });
  const result = await Promise.race([handlers.pipeline(viewer), deadline]).finally(() => clearTimeout(timer));
  if (result === 'deadline') {
    handlers.logger.warn(`${viewer.method} ${url}: no response within ${handlers.deadlineMs} ms`);
    send(res, viewer.method, internalError(504, new Error(`no response within ${handlers.deadlineMs} ms`)));
    return;
  }
  handlers.logger.info(formatRequestLine(result.log));
  if (result.log.trace) handlers.logger.info(formatTrace(result.log));
  send(res, viewer.method, result.response);
}

function internalError(status: number, error: unknown): StoredResponse {
  const message = error instanceof Error ? error.message : String(error);
  const response = cloudFrontErrorPage(
    status,
    'The local CloudFront could not process this request.',
    message,
    newRequestId(),
  );
  response.headers['x-cache'] = [{ key: 'X-Cache', value: 'Error from cloudfront' }];
  return response;
}

/** Reads the request to its end, keeping at most `limit` bytes of the body. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    req.on('data', (c: Buffer) => {
      if (kept >= limit) return;
      const part = c.length > limit - kept ? c.subarray(0, limit - kept) : c;
      chunks.push(part);
      kept += part.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What each response carried, for the finish hook (headers given to writeHead as a list are not kept on res). */
const sentResponses = new WeakMap<ServerResponse, StoredResponse>();

function send(res: ServerResponse, method: string | undefined, response: StoredResponse): void {
  sentResponses.set(res, response);
  const pairs = toHeaderPairs(response.headers).filter(([k]) => k.toLowerCase() !== 'content-length');
  // A 304 carries no body and no Content-Length of one (RFC 9110 8.6).
  if (response.status !== 304) pairs.push(['Content-Length', String(response.body.length)]);
  res.writeHead(response.status, response.statusDescription || undefined, pairs.flat());
  res.end(method === 'HEAD' ? undefined : response.body);
}
