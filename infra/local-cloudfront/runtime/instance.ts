/**
 * One warm instance of one function (a Lambda "container"): started on first use, reused for every
 * invocation, recycled (stopped, and a fresh one started) after a timeout, running out of memory or a crash.
 *
 * Lambda runs concurrent invocations in separate containers; here they share one instance, so when an
 * instance has to go, only the invocation at fault fails. The others are replayed once on the fresh
 * instance: at once when the culprit is known (a timeout), one at a time when it is not (a crash, or
 * memory exhausted with several in flight), so the culprit fails alone on its replay.
 */
import type { EdgeEvent, InvocationFailure } from '../types.ts';

/** What the worker or the Python runner answers for one invocation. */
export type InstanceReply = (
  | { ok: true; json?: string; unparsable?: boolean; reads?: { headers: string[]; querystring: boolean } }
  | { ok: false; error: string; limit?: boolean }
) & {
  /** The memory the instance counted when the invocation ended (see Transport.memoryBytes). */
  memoryBytes?: number;
};

export type InvocationReply = InstanceReply | { ok: false; failure: InvocationFailure; message: string };

export interface Transport {
  /** The instance computes its own deadline from timeoutMs when it starts the invocation. */
  send(message: { id: number; event: EdgeEvent; timeoutMs: number }): void;
  /**
   * The memory the function holds now, counted as Lambda counts it as far as we can see it: for a Node
   * worker its isolate's heap plus external memory (Buffers and ArrayBuffers included); for Python the
   * process's resident set. Undefined where it cannot be read.
   */
  memoryBytes(): Promise<number | undefined>;
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

export interface InstanceOptions {
  name: string;
  memoryMb: number;
  /** Where a recycled instance is reported. */
  log(line: string): void;
}

/** Lambda's init phase has a limit of its own, separate from the function timeout. */
export const initTimeoutMs = 10_000;

/**
 * How often memory is read while invocations run. A synchronous allocation loop is seen mid-loop (the
 * Node worker answers through a V8 interrupt); Buffers filled at a few GB/s overshoot by tens of MB at most.
 */
export const memoryPollMs = 10;

interface Pending {
  event: EdgeEvent;
  resolve(reply: InvocationReply): void;
  timeoutMs: number;
  timer?: NodeJS.Timeout;
  /** Already replayed once after an instance it did not break was recycled: the next failure is its own. */
  replayed: boolean;
}

export class FunctionInstance {
  private transport: Transport | undefined;
  private ready = false;
  private initTimer: NodeJS.Timeout | undefined;
  /** Invocations sent to the current transport. */
  private readonly pending = new Map<number, Pending>();
  /** Suspects of a crash with no known culprit, waiting to be replayed one at a time. */
  private readonly suspects: Pending[] = [];
  private nextId = 0;
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  private suspectRunning = false;

  constructor(
    private readonly start: StartTransport,
    private readonly options: InstanceOptions,
  ) {}

  private get limitBytes(): number {
    return this.options.memoryMb * 1024 * 1024;
  }

  invoke(event: EdgeEvent, timeoutMs: number): Promise<InvocationReply> {
    return new Promise((resolve) => this.send({ event, resolve, timeoutMs, replayed: false }));
  }

  /** Fails whatever is in flight or waiting and drops the instance (reload, close, init failure). */
  stop(failure: InvocationFailure, message: string): void {
    const all = [...this.takeInFlight().map(([, pending]) => pending), ...this.suspects.splice(0)];
    this.dropTransport();
    for (const pending of all) pending.resolve({ ok: false, failure, message });
  }

  /** Empties the in-flight table, with no timer left to fire for an invocation that moved on. */
  private takeInFlight(): [number, Pending][] {
    const inFlight = [...this.pending];
    this.pending.clear();
    for (const [, pending] of inFlight) clearTimeout(pending.timer);
    return inFlight;
  }

  private send(pending: Pending): void {
    let transport: Transport;
    try {
      transport = this.ensureStarted();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      pending.resolve({ ok: false, failure: 'LambdaExecutionError', message });
      return;
    }
    const id = this.nextId++;
    this.pending.set(id, pending);
    if (this.ready) this.startTimer(id, pending);
    this.startPolling();
    transport.send({ id, event: pending.event, timeoutMs: pending.timeoutMs });
  }

  /**
   * The instance must go. The culprit (the invocation that timed out, or the only one in flight) fails; the
   * others in flight are replayed on a fresh instance. Without a culprit, each is replayed once, alone.
   */
  private recycle(failure: InvocationFailure, message: string, culprit?: number): void {
    const inFlight = this.takeInFlight();
    this.dropTransport();
    const culpritId = culprit ?? (inFlight.length === 1 ? inFlight[0]?.[0] : undefined);
    let replayed = 0;
    for (const [id, pending] of inFlight) {
      // With a known culprit the others are innocent, however often; without one, a second strike is theirs.
      if (id === culpritId || (culpritId === undefined && pending.replayed)) {
        pending.resolve({ ok: false, failure, message });
        continue;
      }
      pending.replayed = true;
      replayed++;
      if (culpritId !== undefined) this.send(pending);
      else this.suspects.push(pending);
    }
    const known = culpritId !== undefined;
    this.options.log(
      `function ${this.options.name}: instance recycled (${message}); ` +
        (replayed === 0
          ? 'a fresh instance serves the next invocation'
          : `${replayed} other invocation(s) replayed on a fresh instance${known ? '' : ', one at a time'}`),
    );
    this.replayNextSuspect();
  }

  /**
   * Suspects are replayed one at a time (other traffic goes on beside them), so the one that breaks the
   * instance again is known: it fails, having been in flight at both failures.
   */
  private replayNextSuspect(): void {
    if (this.suspectRunning) return;
    const next = this.suspects.shift();
    if (!next) return;
    this.suspectRunning = true;
    const resolve = next.resolve;
    next.resolve = (reply) => {
      this.suspectRunning = false;
      resolve(reply);
      queueMicrotask(() => this.replayNextSuspect());
    };
    this.send(next);
  }

  private dropTransport(): void {
    const transport = this.transport;
    this.transport = undefined;
    this.ready = false;
    clearTimeout(this.initTimer);
    this.stopPolling();
    transport?.stop();
  }

  private settle(id: number, reply: InvocationReply): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) this.stopPolling();
    pending.resolve(reply);
  }

  private startTimer(id: number, pending: Pending): void {
    pending.timer = setTimeout(() => {
      const seconds = (pending.timeoutMs / 1000).toFixed(2);
      clearTimeout(pending.timer);
      this.recycle('LambdaLimitExceeded', `Task timed out after ${seconds} seconds`, id);
    }, pending.timeoutMs);
  }

  private outOfMemory(usedBytes: number): string {
    const used = Math.round(usedBytes / 1024 / 1024);
    return `Runtime exited: out of memory (limit ${this.options.memoryMb} MB, used ${used} MB)`;
  }

  /** Memory is read while something runs: that is when a function allocates. */
  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => void this.pollMemory(), memoryPollMs);
    this.poller.unref();
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private async pollMemory(): Promise<void> {
    const transport = this.transport;
    if (this.polling || !transport || !this.ready) return;
    this.polling = true;
    try {
      const used = await transport.memoryBytes();
      if (used !== undefined && used > this.limitBytes && this.transport === transport) {
        this.recycle('LambdaLimitExceeded', this.outOfMemory(used));
      }
    } finally {
      this.polling = false;
    }
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
        if (this.transport !== transport || !this.pending.has(id)) return;
        // An invocation that ends holding more than the limit is the one that crossed it (as far as we can
        // tell without a container per invocation): it fails, and the instance is recycled.
        if (reply.memoryBytes !== undefined && reply.memoryBytes > this.limitBytes) {
          this.recycle('LambdaLimitExceeded', this.outOfMemory(reply.memoryBytes), id);
          return;
        }
        this.settle(id, reply);
      },
      died: (failure, message) => {
        if (this.transport === transport) this.recycle(failure, message);
      },
    });
    this.transport = transport;
    const seconds = (initTimeoutMs / 1000).toFixed(2);
    // A slow init is the code's fault, not any invocation's: everything waiting fails.
    this.initTimer = setTimeout(() => {
      const message = `Init timed out after ${seconds} seconds`;
      this.options.log(`function ${this.options.name}: instance stopped (${message})`);
      this.stop('LambdaLimitExceeded', message);
    }, initTimeoutMs);
    return transport;
  }
}
