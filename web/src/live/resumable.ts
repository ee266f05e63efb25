/**
 * A subscription that survives a dropped socket without missing or repeating an event.
 *
 * Every LIVE event carries its id in `extensions.eventId` (ordered per stream, one sequence per
 * subscription). The page keeps the last id it handled; when the socket drops, it subscribes
 * again with `after` set to that id, and the gateway sends exactly the events committed after
 * it, in order, then the live ones. Within the retention window (10 minutes or 10,000 events
 * per stream) nothing is lost; beyond it the gateway answers EVENTS_EXPIRED and the page reloads
 * the room's state and subscribes afresh.
 */
import type { TypedDocumentString } from './__generated__/graphql.ts';
import type { RoomSocket } from './room-socket.ts';

export interface ResumableHandlers<TData> {
  /** One event, in order, once. */
  next(data: TData): void;
  /**
   * The gateway completed the subscription. Resolve true when the stream is over: a gateway
   * that shuts down (a deploy) completes subscriptions too, and then the page resumes.
   */
  completed(): Promise<boolean>;
  /** `after` is older than the retention window: reload what the events would have changed. */
  expired(): Promise<void>;
  /**
   * Where a subscription with no event yet starts: unset, with the next event committed; an event
   * id, with the events after it (the newest the page already shows; "0" for the stream's first
   * event the gateway still keeps).
   */
  from?: string;
  /** Refused for good (NOT_FOUND, a cap reached): say so. */
  failed(message: string): void;
}

interface GraphQLErrorLike {
  message: string;
  /** EVENTS_EXPIRED says `oldestKept`: the first event id the stream still keeps. */
  extensions?: { code?: unknown; oldestKept?: unknown };
}

/** Closes that retrying cannot fix: the page sent something the gateway will never accept. */
const FATAL_CLOSE_CODES = new Set([4400, 4403, 4406, 4409]);

/** What a room needs of its subscriptions, whatever their data. */
export interface Resumable {
  readonly lastEventId: string | null;
  start(): void;
  stop(): void;
}

export class ResumableSubscription<TData, TVariables extends { after?: string | null }> implements Resumable {
  /** The last event handled: where this subscription resumes. */
  lastEventId: string | null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly socket: RoomSocket,
    private readonly document: TypedDocumentString<TData, TVariables>,
    private readonly variables: Omit<TVariables, 'after'>,
    private readonly handlers: ResumableHandlers<TData>,
  ) {
    this.lastEventId = handlers.from ?? null;
  }

  start(): void {
    if (this.stopped) return;
    // Set once the gateway answered with errors instead of data: the `complete` that follows is
    // the end of that answer, not of the stream.
    let refused = false;
    this.unsubscribe = this.socket.client.subscribe<TData, { eventId?: string }>(
      { query: this.document.toString(), variables: { ...this.variables, after: this.lastEventId } },
      {
        next: (result) => {
          if (result.data == null) {
            refused = true;
            void this.onRefused(result.errors ?? []);
            return;
          }
          if (typeof result.extensions?.eventId === 'string') this.lastEventId = result.extensions.eventId;
          this.handlers.next(result.data);
        },
        error: (error) => void this.onError(error),
        complete: () => {
          if (!refused) void this.onComplete();
        },
      },
    );
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
  }

  /** A `complete`: the stream ended, or the gateway is going away and the page resumes. */
  private async onComplete(): Promise<void> {
    if (this.stopped || (await this.handlers.completed())) return;
    await this.socket.retry();
    this.start();
  }

  /** The socket closed or failed (a close event, or an error event); or the gateway sent errors. */
  private async onError(error: unknown): Promise<void> {
    if (this.stopped) return;
    if (Array.isArray(error)) return this.onRefused(error as GraphQLErrorLike[]);
    const close = error as Partial<CloseEvent>;
    if (close.code === 4401) {
      await this.socket.credentialRefused();
    } else if (close.code !== undefined && FATAL_CLOSE_CODES.has(close.code)) {
      return this.handlers.failed(`The gateway closed the connection: ${close.code} ${close.reason ?? ''}`.trim());
    } else {
      // A drop (the network, a gateway restart, 1008 for reading too slowly): the same again
      // from the last event handled.
      await this.socket.retry();
    }
    this.start();
  }

  private async onRefused(errors: readonly GraphQLErrorLike[]): Promise<void> {
    if (this.stopped) return;
    const expired = errors.find((error) => error.extensions?.code === 'EVENTS_EXPIRED');
    const codes = errors.map((error) => error.extensions?.code);
    if (expired) {
      // Events were missed, unless the subscription was only replaying from its start.
      const missed = this.lastEventId !== (this.handlers.from ?? null);
      if (missed) await this.handlers.expired();
      // A replay goes on from the oldest event kept; otherwise from the next one.
      const oldestKept = Number(expired.extensions?.oldestKept);
      this.lastEventId = this.handlers.from !== undefined && Number.isSafeInteger(oldestKept) && oldestKept > 0 ? String(oldestKept - 1) : null;
      this.start();
    } else if (codes.includes('SERVICE_UNAVAILABLE')) {
      // The owning subgraph cannot answer for now; it will.
      await this.socket.retry();
      this.start();
    } else {
      this.handlers.failed(errors.map((error) => error.message).join('; ') || 'The subscription was refused.');
    }
  }
}
