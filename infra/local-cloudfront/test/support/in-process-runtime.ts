/**
 * A FunctionRuntime that runs handlers in this process: real deployed code, checked by the shared
 * result validation, with a timeout, but not isolated (no worker, no memory limit) and Node only.
 * The conformance tests use it to exercise the pipeline; the emulator prefers runtime/ (workers).
 */
import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveHandlerModule } from '../../handler-module.ts';
import type { EdgeEvent, FunctionAssociation, FunctionRuntime, InvocationOutcome } from '../../types.ts';
import { validateResult } from '../../validation/index.ts';

type Handler = (
  event: unknown,
  context: unknown,
  callback?: (err: unknown, result?: unknown) => void,
) => unknown;

export function createInProcessRuntime(): FunctionRuntime {
  let generation = 0;
  const loaded = new Map<string, Promise<Handler>>();

  async function load(association: FunctionAssociation): Promise<Handler> {
    const { codeDir, handler } = association.fn;
    const mod = resolveHandlerModule(codeDir, handler);
    let exports: Record<string, unknown>;
    if (mod.format === 'esm') {
      exports = (await import(`${pathToFileURL(mod.file).href}?v=${generation}`)) as Record<string, unknown>;
    } else {
      // Compiled as CommonJS whatever package.json encloses the folder (see handler-module.ts).
      const m = new Module(mod.file) as Module & { _compile(code: string, file: string): void };
      m.filename = mod.file;
      m.require = createRequire(mod.file);
      m.paths = [path.join(path.dirname(mod.file), 'node_modules')];
      m._compile(readFileSync(mod.file, 'utf8'), mod.file);
      exports = m.exports as Record<string, unknown>;
    }
    const fn = exports[mod.exportName];
    if (typeof fn !== 'function')
      throw new Error(`${mod.file} does not export a function named ${mod.exportName}`);
    return fn as Handler;
  }

  return {
    async invoke(association: FunctionAssociation, event: EdgeEvent): Promise<InvocationOutcome> {
      const started = performance.now();
      const elapsed = () => performance.now() - started;
      const reads = { headers: [] as string[], cookies: [] as string[], querystring: false };
      if (!association.fn.runtime.startsWith('nodejs')) {
        return {
          ok: false,
          failure: 'LambdaExecutionError',
          message: `${association.fn.runtime} needs the worker runtime`,
          durationMs: 0,
        };
      }
      const key = `${association.fn.codeDir}:${association.fn.handler}`;
      if (!loaded.has(key)) loaded.set(key, load(association));
      let timer: NodeJS.Timeout | undefined;
      try {
        const handler = await (loaded.get(key) as Promise<Handler>);
        const input = structuredClone(event);
        const run = new Promise<unknown>((resolve, reject) => {
          const returned = handler(input, { functionName: association.fn.name }, (err, result) =>
            err ? reject(err) : resolve(result),
          );
          if (returned !== undefined || handler.length < 3) Promise.resolve(returned).then(resolve, reject);
        });
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), association.fn.timeoutSeconds * 1000);
        });
        const result = await Promise.race([run, timeout]);
        if (result === 'timeout') {
          return {
            ok: false,
            failure: 'LambdaLimitExceeded',
            message: `Task timed out after ${association.fn.timeoutSeconds} seconds`,
            durationMs: elapsed(),
          };
        }
        const checked = validateResult(association.eventType, event, structuredClone(result));
        if (!checked.ok)
          return {
            ok: false,
            failure: 'LambdaValidationError',
            message: checked.message,
            durationMs: elapsed(),
          };
        return { ok: true, result: checked.value, durationMs: elapsed(), reads };
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return { ok: false, failure: 'LambdaExecutionError', message, durationMs: elapsed() };
      } finally {
        clearTimeout(timer);
      }
    },
    async reload() {
      generation++;
      loaded.clear();
    },
    async close() {
      loaded.clear();
    },
  };
}
