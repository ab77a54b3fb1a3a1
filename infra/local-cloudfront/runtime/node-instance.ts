/**
 * Runs a Node handler in its own worker thread (its own V8 isolate), with the function's memory as the V8
 * heap limit; what it holds outside the heap (Buffers, ArrayBuffers) is counted by FunctionInstance.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EdgeFunctionSpec } from '../types.ts';
import type { StartTransport } from './instance.ts';
import { lambdaEnvironment } from './lambda-environment.ts';
import { resolveNodeHandler } from './resolve-handler.ts';

const workerUrl = new URL('./worker.mjs', import.meta.url);

export function nodeTransport(fn: EdgeFunctionSpec, memoryMb: number): StartTransport {
  return (events) => {
    const handler = resolveNodeHandler(fn.codeDir, fn.handler);
    const worker = new Worker(workerUrl, {
      workerData: { ...handler, codeDir: resolve(fn.codeDir), functionName: fn.name, memoryMb },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      // No tsx or vitest loaders in the function's thread: it runs the deployed bundle as Lambda would.
      execArgv: [],
      env: lambdaEnvironment(fn, memoryMb),
    });
    let stopping = false;
    worker.unref();
    worker.on('message', (message) => {
      if (Array.isArray(message)) for (const reply of message) events.reply(reply.id, reply);
      else events.ready();
    });
    // Invocations go out in batches: all that one turn of the event loop asks for, in one message, so
    // ten concurrent requests wake the worker once rather than ten times (and the replies come back alike).
    // Each event travels as its own JSON text, as Lambda hands a function its event: no object is shared
    // between invocations, and a string crosses threads more cheaply than a structured clone of the tree.
    let outbox: { id: number; timeoutMs: number; json: string }[] = [];
    const flush = () => {
      const batch = outbox;
      outbox = [];
      if (!stopping) worker.postMessage(batch);
    };
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        events.died('LambdaLimitExceeded', `Runtime exited: out of memory (limit ${memoryMb} MB)`);
      } else {
        events.died('LambdaExecutionError', `Runtime exited with error: ${error.name}: ${error.message}`);
      }
    });
    worker.on('exit', (code) => {
      if (!stopping) events.died('LambdaExecutionError', `Runtime exited with code ${code}`);
    });
    return {
      send: (message) => {
        outbox.push({ id: message.id, timeoutMs: message.timeoutMs, json: JSON.stringify(message.event) });
        if (outbox.length === 1) setImmediate(flush);
      },
      // The isolate's own figures, read through a V8 interrupt: answered even while the handler spins.
      // external_memory includes every ArrayBuffer's backing store (so every Buffer).
      memoryBytes: () =>
        worker.getHeapStatistics().then(
          (heap) => heap.used_heap_size + heap.external_memory,
          () => undefined,
        ),
      stop: () => {
        stopping = true;
        void worker.terminate();
      },
    };
  };
}
