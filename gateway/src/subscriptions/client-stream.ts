import type { ExecutionResult } from 'graphql';

export interface ClientStreamOptions {
  /** How many events may wait for a client before it counts as too slow. */
  maxBuffered: number;
  /** The client fell `maxBuffered` events behind: disconnect it (the transport knows how). */
  onSlow: () => void;
  /** The client left or the stream ended: forget it. */
  onClose: () => void;
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

  constructor(private readonly options: ClientStreamOptions) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  get buffered(): number {
    return this.queue.length;
  }

  get closed(): boolean {
    return this.done;
  }

  push(result: ExecutionResult): void {
    if (this.done) return;
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
