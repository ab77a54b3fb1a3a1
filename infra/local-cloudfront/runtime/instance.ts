/**
 * One warm instance of one function (a Lambda "container"): started on first use, reused for every
 * invocation, stopped and restarted after a timeout, an out-of-memory kill or a crash.
 */
import type { EdgeEvent, InvocationFailure } from '../types.ts';

/** What the worker or the Python runner answers for one invocation. */
export type InstanceReply =
  | { ok: true; json?: string; unparsable?: boolean; reads?: { headers: string[]; querystring: boolean } }
  | { ok: false; error: string; limit?: boolean };

export type InvocationReply = InstanceReply | { ok: false; failure: InvocationFailure; message: string };

export interface Transport {
  send(message: { id: number; event: EdgeEvent; deadline: number }): void;
  stop(): void;
}

export interface TransportEvents {
  reply(id: number, reply: InstanceReply): void;
  /** The instance died on its own (out of memory, crash, exit). */
  died(failure: InvocationFailure, message: string): void;
}

export type StartTransport = (events: TransportEvents) => Transport;

interface Pending {
  resolve(reply: InvocationReply): void;
  timer: NodeJS.Timeout;
}

export class FunctionInstance {
  private transport: Transport | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly start: StartTransport) {}

  invoke(event: EdgeEvent, timeoutMs: number): Promise<InvocationReply> {
    let transport: Transport;
    try {
      transport = this.ensureStarted();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return Promise.resolve({ ok: false, failure: 'LambdaExecutionError', message });
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const seconds = (timeoutMs / 1000).toFixed(2);
        this.stop('LambdaLimitExceeded', `Task timed out after ${seconds} seconds`, id);
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      transport.send({ id, event, deadline: Date.now() + timeoutMs });
    });
  }

  /** Fails whatever is in flight and drops the instance; the next invocation starts a fresh one. */
  stop(failure: InvocationFailure, message: string, culprit?: number): void {
    const transport = this.transport;
    this.transport = undefined;
    transport?.stop();
    for (const [id, { resolve, timer }] of this.pending) {
      clearTimeout(timer);
      // Lambda would have run concurrent invocations in separate containers; here they share one.
      const shared = culprit === undefined || id === culprit ? '' : ' (another invocation on this instance)';
      resolve({ ok: false, failure, message: message + shared });
    }
    this.pending.clear();
  }

  private ensureStarted(): Transport {
    if (this.transport) return this.transport;
    const transport = this.start({
      reply: (id, reply) => {
        const pending = this.pending.get(id);
        if (!pending) return;
        this.pending.delete(id);
        clearTimeout(pending.timer);
        pending.resolve(reply);
      },
      died: (failure, message) => {
        if (this.transport === transport) this.stop(failure, message);
      },
    });
    this.transport = transport;
    return transport;
  }
}
