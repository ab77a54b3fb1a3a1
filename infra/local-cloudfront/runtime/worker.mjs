// One Lambda "container" for one Node function: loads the handler once, then serves invocations sent by
// node-instance.ts. Plain .mjs because it runs in a worker thread, outside tsx and vitest transforms.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { trackReads } from './read-tracker.mjs';

const { file, format, exportName, codeDir, functionName, memoryMb } = workerData;

/**
 * CommonJS .js files in the code folder compile as CommonJS whatever package.json sits above the folder
 * (our repository says "type": "module"; in Lambda nothing above /var/task exists).
 */
function compileCodeDirAsCommonJs() {
  const loadJs = Module._extensions['.js'];
  Module._extensions['.js'] = function (module, filename) {
    if (filename.startsWith(codeDir + sep)) return module._compile(readFileSync(filename, 'utf8'), filename);
    return loadJs.call(this, module, filename);
  };
}

let handlerPromise;
function loadHandler() {
  handlerPromise ??= (async () => {
    let exports;
    if (format === 'esm') {
      exports = await import(pathToFileURL(file).href);
    } else {
      compileCodeDirAsCommonJs();
      exports = createRequire(file)(file);
    }
    const handler = exports?.[exportName];
    if (typeof handler !== 'function') {
      throw new Error(`Runtime.HandlerNotFound: ${file} does not export a function named ${exportName}`);
    }
    return handler;
  })();
  return handlerPromise;
}

function contextFor(deadline) {
  return {
    functionName,
    functionVersion: '1',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}:1`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/us-east-1.${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Async handlers settle their promise; callback handlers call back (or context.succeed/fail/done). */
function run(handler, event, context) {
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error == null ? resolve(result) : reject(error));
    context.done = callback;
    context.succeed = (result) => resolve(result);
    context.fail = (error) => reject(error ?? new Error('context.fail'));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    // A non-async handler that cannot take a callback ends with a null result, as in Lambda.
    else if (handler.length < 3) resolve(undefined);
  });
}

function describeError(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/**
 * Replies go back in batches: every invocation that settles in one turn of this thread's event loop
 * travels in one message, with one reading of the isolate's memory (heap and external memory, Buffers
 * included) as they end. Fewer messages is fewer thread wake-ups on both sides.
 */
const outbox = [];
function post(reply) {
  outbox.push(reply);
  if (outbox.length === 1) setImmediate(flush);
}
function flush() {
  const heap = getHeapStatistics();
  const memoryBytes = heap.used_heap_size + heap.external_memory;
  for (const reply of outbox) reply.memoryBytes = memoryBytes;
  parentPort.postMessage(outbox.splice(0));
}

async function invoke({ id, json, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  const event = JSON.parse(json);
  const reads = trackReads(event);
  let reply;
  try {
    const handler = await loadHandler();
    const result = await run(handler, event, contextFor(deadline));
    reads.active = false;
    let json;
    try {
      json = JSON.stringify(result);
    } catch {
      reply = { id, ok: true, unparsable: true };
    }
    reply ??= { id, ok: true, json, reads: { headers: [...reads.headers], querystring: reads.querystring } };
  } catch (error) {
    reads.active = false;
    reply = { id, ok: false, error: describeError(error) };
  }
  post(reply);
}

// node-instance.ts sends invocations in batches too (all it had to send in one turn of its loop).
parentPort.on('message', (batch) => {
  for (const message of batch) void invoke(message);
});

// Init (module load) happens before the first invocation, as Lambda's init phase does; a load error is
// reported by every invocation rather than here.
loadHandler().then(
  () => parentPort.postMessage({ ready: true }),
  () => parentPort.postMessage({ ready: true }),
);
