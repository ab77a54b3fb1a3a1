/** Runs a Python handler in a python3 child process speaking JSON lines (requests on stdin, replies on fd 3). */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { EdgeFunctionSpec } from '../types.ts';
import type { InstanceReply, StartTransport } from './instance.ts';
import { lambdaEnvironment } from './lambda-environment.ts';

const runner = fileURLToPath(new URL('./python_runner.py', import.meta.url));

export function pythonTransport(fn: EdgeFunctionSpec, memoryMb: number): StartTransport {
  return (events) => {
    // stdout and stderr stay the function's log, as print() goes to CloudWatch in Lambda.
    const child = spawn('python3', [runner, fn.codeDir, fn.handler, String(memoryMb), fn.name], {
      stdio: ['pipe', 'inherit', 'inherit', 'pipe'],
      // No __pycache__ written into the function's code folder (the synth output, or a fixture in git).
      env: { ...lambdaEnvironment(fn, memoryMb), PYTHONDONTWRITEBYTECODE: '1' },
    });
    let stopping = false;
    const replies = child.stdio[3] as Readable;
    const requests = child.stdin as Writable;
    createInterface({ input: replies }).on('line', (line) => {
      const message = JSON.parse(line) as (InstanceReply & { id: number }) | { ready: true };
      if ('ready' in message) events.ready();
      else events.reply(message.id, message);
    });
    child.on('error', (error) =>
      events.died('LambdaExecutionError', `Runtime failed to start: ${error.message}`),
    );
    child.on('exit', (code, signal) => {
      if (!stopping) events.died('LambdaExecutionError', `Runtime exited with ${signal ?? `code ${code}`}`);
    });
    // Like the worker threads, an idle instance must not keep the emulator's process alive.
    child.unref();
    for (const stream of [requests, replies]) (stream as Partial<Socket>).unref?.();
    requests.on('error', () => {}); // a dead child is reported by 'exit'
    return {
      send: (message) => requests.write(`${JSON.stringify(message)}\n`),
      stop: () => {
        stopping = true;
        child.kill('SIGKILL');
      },
    };
  };
}
