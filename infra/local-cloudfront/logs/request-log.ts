/**
 * What the local CloudFront tells the developer: one readable line per request, an opt-in trace of
 * each event's input and output, and startup/cache-key warnings.
 */
import type { EdgeEventType, InvocationFailure } from '../types.ts';

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
}

export const consoleLogger: Logger = {
  info: (line) => console.log(line),
  warn: (line) => console.warn(`warning: ${line}`),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {} };

export interface FunctionRun {
  eventType: EdgeEventType;
  name: string;
  ms: number;
  failure?: InvocationFailure;
  /** Set when the function ran for the custom error page fetch (rule 5.8), not the request itself. */
  errorPage?: string;
  /** What validation accepted with a warning (an undocumented point of CloudFront's, rule 1.6). */
  warnings?: string[];
}

export interface TraceStep {
  eventType: EdgeEventType;
  function: string;
  input: unknown;
  output: unknown;
}

export interface RequestLog {
  requestId: string;
  method: string;
  path: string;
  behavior: string;
  functions: FunctionRun[];
  cacheResult: string;
  status: number;
  totalMs: number;
  trace?: TraceStep[];
}

/** The events' short names in the log line, e.g. `VReq 2ms`. */
export const shortEventNames: Record<EdgeEventType, string> = {
  'viewer-request': 'VReq',
  'origin-request': 'OReq',
  'origin-response': 'ORes',
  'viewer-response': 'VRes',
};

/** e.g. `GET /images/hero [/images/*] VReq 2ms OReq 1ms ORes 1ms Miss 200 9ms` */
export function formatRequestLine(log: RequestLog): string {
  const fns = log.functions
    .map((f) => {
      const run = `${shortEventNames[f.eventType]} ${f.ms.toFixed(0)}ms${f.failure ? ` (${f.failure})` : ''}`;
      return f.errorPage ? `${run} (for error page ${f.errorPage})` : run;
    })
    .join(' ');
  return [
    log.method,
    log.path,
    `[${log.behavior}]`,
    fns,
    log.cacheResult,
    String(log.status),
    `${log.totalMs.toFixed(0)}ms`,
  ]
    .filter(Boolean)
    .join(' ');
}

export function formatTrace(log: RequestLog): string {
  return (log.trace ?? [])
    .map(
      (s) =>
        `  ${s.eventType} ${s.function}\n    in:  ${JSON.stringify(s.input)}\n    out: ${JSON.stringify(s.output)}`,
    )
    .join('\n');
}
