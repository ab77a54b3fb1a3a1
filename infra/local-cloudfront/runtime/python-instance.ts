/**
 * Runs a Python handler in a python3 child process speaking JSON lines (requests on stdin, replies on fd 3).
 * Its memory is the process's resident set, as Lambda counts a container's (Linux /proc; elsewhere only the
 * runner's address-space cap applies).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
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
      memoryBytes: () =>
        readFile(`/proc/${child.pid}/status`, 'utf8').then(
          (status) => residentBytes(status),
          () => undefined,
        ),
      stop: () => {
        stopping = true;
        child.kill('SIGKILL');
      },
    };
  };
}

/** VmRSS of a /proc/<pid>/status file, in bytes. */
export function residentBytes(status: string): number | undefined {
  const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
}
