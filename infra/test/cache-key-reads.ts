/**
 * What each origin-facing function reads while traffic runs, recorded by wrapping the local CloudFront's own
 * function runtime (the real one runs underneath: workers, validation, read tracking). For every invocation
 * it keeps the header names, cookie names and query string the function read, with the value each had in the
 * event: a name whose value differs between invocations is an input the function's answer can depend on.
 */

import type {
  FunctionAssociation,
  FunctionRuntime,
  InvocationOutcome,
  RequestLog,
} from '@edge-storefront/local-cloudfront';
import type { EdgeEvent, EdgeEventType } from '@edge-storefront/local-cloudfront/lambda-edge';

/** One input a function read: `header:<name>`, `cookie:<name>` or `querystring`, and the values it had. */
export type ReadValues = Map<string, Set<string>>;

interface Invocation {
  eventType: EdgeEventType;
  fn: string;
  reads: ReadValues;
}

/** Reads per behavior path pattern, then per `<event type> <function logical id>`. */
export type ObservedReads = Map<string, Map<string, { runs: number; reads: ReadValues }>>;

function cookieValues(headerValues: string[]): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of headerValues.join(';').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return cookies;
}

/** The value of each input the function read, as it was in the event it was given. */
function readValues(
  request: { headers: Record<string, { value: string }[]>; querystring: string },
  reads: { headers: string[]; cookies: string[]; querystring: boolean },
): ReadValues {
  const values: ReadValues = new Map();
  const headerValue = (name: string) => JSON.stringify((request.headers[name] ?? []).map((h) => h.value));
  for (const name of reads.headers) values.set(`header:${name}`, new Set([headerValue(name)]));
  const cookies = cookieValues((request.headers.cookie ?? []).map((h) => h.value));
  for (const name of reads.cookies) values.set(`cookie:${name}`, new Set([cookies.get(name) ?? 'absent']));
  if (reads.querystring) values.set('querystring', new Set([request.querystring]));
  return values;
}

export class ReadRecorder {
  private readonly byRequest = new Map<string, Invocation[]>();
  readonly observed: ObservedReads = new Map();

  /** A FunctionRuntime that records what every origin-facing invocation read, then answers as `inner`. */
  runtime(inner: FunctionRuntime): FunctionRuntime {
    return {
      invoke: async (association: FunctionAssociation, event: EdgeEvent): Promise<InvocationOutcome> => {
        const cf = event.Records[0]?.cf;
        // Copied before the call: the runtime may hand the event on, and the function may change it.
        const request = structuredClone(cf?.request) as Parameters<typeof readValues>[0] | undefined;
        const outcome = await inner.invoke(association, event);
        const requestId = cf?.config.requestId ?? '';
        const invocations = this.byRequest.get(requestId) ?? [];
        invocations.push({
          eventType: association.eventType,
          fn: association.fn.name,
          reads: outcome.ok && request ? readValues(request, outcome.reads) : new Map(),
        });
        this.byRequest.set(requestId, invocations);
        return outcome;
      },
      reload: () => inner.reload(),
      close: () => inner.close(),
    };
  }

  /**
   * Files the invocations of a finished request under the behavior each ran for: the request's own, or
   * for the functions of a custom error page fetch, the behavior that page's path selects.
   */
  onRequestLog(log: RequestLog, behaviorOfPath: (path: string) => string): void {
    const invocations = this.byRequest.get(log.requestId) ?? [];
    this.byRequest.delete(log.requestId);
    log.functions.forEach((run, i) => {
      const invocation = invocations[i];
      if (!invocation || invocation.eventType.startsWith('viewer-')) return;
      const behavior = run.errorPage ? behaviorOfPath(run.errorPage) : log.behavior;
      const perFunction = this.observed.get(behavior) ?? new Map();
      this.observed.set(behavior, perFunction);
      const id = `${invocation.eventType} ${invocation.fn}`;
      const seen = perFunction.get(id) ?? { runs: 0, reads: new Map() };
      seen.runs++;
      for (const [name, values] of invocation.reads) {
        const all = seen.reads.get(name) ?? new Set();
        for (const value of values) all.add(value);
        seen.reads.set(name, all);
      }
      perFunction.set(id, seen);
    });
  }
}

/** The inputs that took more than one value: those the function's answer could differ by. */
export function varyingInputs(reads: ReadValues): string[] {
  return [...reads].filter(([, values]) => values.size > 1).map(([name]) => name);
}
