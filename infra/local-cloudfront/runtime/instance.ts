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
  /** The instance computes its own deadline from timeoutMs when it starts the invocation. */
  send(message: { id: number; event: EdgeEvent; timeoutMs: number }): void;
  stop(): void;
}

export interface TransportEvents {
  /** The code is loaded (or failed to load): invocation timeouts run from here, as in Lambda. */
  ready(): void;
  reply(id: number, reply: InstanceReply): void;
  /** The instance died on its own (out of memory, crash, exit). */
  died(failure: InvocationFailure, message: string): void;
}

export type StartTransport = (events: TransportEvents) => Transport;

/** Lambda's init phase has a limit of its own, separate from the function timeout. */
export const initTimeoutMs = 10_000;

interface Pending {
  resolve(reply: InvocationReply): void;
  timeoutMs: number;
  timer?: NodeJS.Timeout;
}

export class FunctionInstance {
  private transport: Transport | undefined;
  private ready = false;
  private initTimer: NodeJS.Timeout | undefined;
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
      const pending: Pending = { resolve, timeoutMs };
      this.pending.set(id, pending);
      if (this.ready) this.startTimer(id, pending);
      transport.send({ id, event, timeoutMs });
    });
  }

  /** Fails whatever is in flight and drops the instance; the next invocation starts a fresh one. */
  stop(failure: InvocationFailure, message: string, culprit?: number): void {
    const transport = this.transport;
    this.transport = undefined;
    this.ready = false;
    clearTimeout(this.initTimer);
    transport?.stop();
    for (const [id, { resolve, timer }] of this.pending) {
      clearTimeout(timer);
      // Lambda would have run concurrent invocations in separate containers; here they share one.
      const shared = culprit === undefined || id === culprit ? '' : ' (another invocation on this instance)';
      resolve({ ok: false, failure, message: message + shared });
    }
    this.pending.clear();
  }

  private startTimer(id: number, pending: Pending): void {
    pending.timer = setTimeout(() => {
      const seconds = (pending.timeoutMs / 1000).toFixed(2);
      this.stop('LambdaLimitExceeded', `Task timed out after ${seconds} seconds`, id);
    }, pending.timeoutMs);
  }

  private ensureStarted(): Transport {
    if (this.transport) return this.transport;
    const transport = this.start({
      ready: () => {
        if (this.transport !== transport) return;
        this.ready = true;
        clearTimeout(this.initTimer);
        for (const [id, pending] of this.pending) this.startTimer(id, pending);
      },
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
    const seconds = (initTimeoutMs / 1000).toFixed(2);
    this.initTimer = setTimeout(
      () => this.stop('LambdaLimitExceeded', `Init timed out after ${seconds} seconds`),
      initTimeoutMs,
    );
    return transport;
  }
}
