import type { ExecutionResult } from 'graphql';

export interface ClientStreamOptions {
  /** How many events may wait for a client before it counts as too slow. */
  maxBuffered: number;
  /** The client fell `maxBuffered` events behind: disconnect it (the transport knows how). */
  onSlow: () => void;
  /** The client left or the stream ended: forget it. */
  onClose: () => void;
  /** The event id the client resumes after: it is never handed that one or an earlier one. */
  after?: number | null;
}

/** An event's outbox number, from `extensions.eventId`; null for a result that is not an event. */
export function eventNumber(result: ExecutionResult): number | null {
  const id = result.extensions?.eventId;
  return typeof id === 'string' && /^\d{1,15}$/.test(id) ? Number(id) : null;
}

/**
 * What one client receives: events are pushed without waiting (one slow client never holds up
 * the others) into a bounded queue its transport drains at the client's pace. Not an async
 * generator, so a transport can end it at once even while it waits for the next event.
 */
export class ClientStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((step: IteratorResult<ExecutionResult>) => void) | null = null;
  private done = false;
  private slow = false;
  private last: number | null;

  constructor(private readonly options: ClientStreamOptions) {
    this.last = options.after ?? null;
  }

  /** The last event id this client was handed (or resumed after): where it stands. */
  get position(): number | null {
    return this.last;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  get buffered(): number {
    return this.queue.length;
  }

  get closed(): boolean {
    return this.done;
  }

  /**
   * Hands the client a result. An event it already has (its id is not past the client's
   * position) is dropped: at the seam between catching up and the shared stream both may carry it.
   */
  push(result: ExecutionResult): void {
    if (this.done) return;
    const number = eventNumber(result);
    if (number !== null) {
      if (this.last !== null && number <= this.last) return;
      this.last = number;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ done: false, value: result });
      return;
    }
    this.queue.push(result);
    if (this.queue.length > this.options.maxBuffered && !this.slow) {
      this.slow = true;
      this.options.onSlow();
    }
  }

  /** Completes the stream once what is queued has been read. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.options.onClose();
    if (this.waiting && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ done: true, value: undefined });
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ done: false, value });
    if (this.done) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** The client left. */
  return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.end();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ done: true, value: undefined });
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    void this.return();
    return Promise.reject(error);
  }
}
