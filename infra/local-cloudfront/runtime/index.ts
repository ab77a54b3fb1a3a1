/**
 * The Lambda@Edge runtime of the local CloudFront: each function in its own warm instance (a worker thread
 * for Node, a python3 process for Python) with its own time and memory limits, and every result validated
 * as CloudFront validates it (rule 2.1-2.5).
 */
import { parseCookie } from 'cookie';
import type { EdgeEvent, FunctionAssociation, FunctionRuntime, InvocationOutcome } from '../types.ts';
import { notParsable, validateResult } from '../validation/index.ts';
import { FunctionInstance, type InvocationReply } from './instance.ts';
import { effectiveLimits, type RuntimeOptions } from './limits.ts';
import { nodeTransport } from './node-instance.ts';
import { pythonTransport } from './python-instance.ts';

export type { RuntimeOptions } from './limits.ts';

/** The names of the cookies in the request's Cookie header(s): what a function that read the header saw. */
function cookieNames(event: EdgeEvent): string[] {
  const values = (event.Records[0]?.cf.request.headers.cookie ?? []).map((header) => header.value);
  return [...new Set(values.flatMap((value) => Object.keys(parseCookie(value))))];
}

function outcomeOf(
  association: FunctionAssociation,
  event: EdgeEvent,
  reply: InvocationReply,
  durationMs: number,
): InvocationOutcome {
  if (!reply.ok) {
    if ('failure' in reply) return { ok: false, failure: reply.failure, message: reply.message, durationMs };
    const failure = reply.limit ? 'LambdaLimitExceeded' : 'LambdaExecutionError';
    return { ok: false, failure, message: reply.error, durationMs };
  }
  if (reply.unparsable)
    return { ok: false, failure: 'LambdaValidationError', message: notParsable, durationMs };
  const result: unknown = reply.json === undefined ? undefined : JSON.parse(reply.json);
  const validated = validateResult(association.eventType, event, result);
  if (!validated.ok)
    return { ok: false, failure: 'LambdaValidationError', message: validated.message, durationMs };
  const headers = [...new Set(reply.reads?.headers.map((name) => name.toLowerCase()))].sort();
  const cookies = headers.includes('cookie') ? cookieNames(event) : [];
  const reads = { headers, cookies, querystring: reply.reads?.querystring ?? false };
  return { ok: true, result: validated.value, durationMs, reads, warnings: validated.warnings };
}

export function createFunctionRuntime(options: RuntimeOptions): FunctionRuntime {
  const instances = new Map<string, FunctionInstance>();
  const log = options.log ?? ((line: string) => console.warn(line));

  function instanceFor(association: FunctionAssociation, memoryMb: number): FunctionInstance {
    const { fn } = association;
    // Strict mode can give one function different memory per event type: one instance per size.
    const key = JSON.stringify([fn.name, fn.codeDir, fn.handler, memoryMb]);
    let instance = instances.get(key);
    if (!instance) {
      const start = fn.runtime.startsWith('python')
        ? pythonTransport(fn, memoryMb)
        : nodeTransport(fn, memoryMb);
      instance = new FunctionInstance(start, { name: fn.name, memoryMb, log });
      instances.set(key, instance);
    }
    return instance;
  }

  async function stopAll(reason: string): Promise<void> {
    for (const instance of instances.values()) instance.stop('LambdaExecutionError', reason);
    instances.clear();
  }

  return {
    async invoke(association, event) {
      const started = performance.now();
      const limits = effectiveLimits(association, options);
      const reply = await instanceFor(association, limits.memoryMb).invoke(event, limits.timeoutMs);
      return outcomeOf(association, event, reply, performance.now() - started);
    },
    reload: () => stopAll('The function was reloaded during the invocation'),
    close: () => stopAll('The local CloudFront closed during the invocation'),
  };
}
