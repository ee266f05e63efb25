/**
 * The LIVE room's one WebSocket to the gateway (graphql-ws, the `graphql-transport-ws` protocol).
 * graphql-ws multiplexes: the room's three subscriptions (gifts, shopping, status) are three
 * `subscribe` messages with their own ids on this one socket, so a viewer costs the gateway one
 * connection, and one reconnect brings all three back.
 */
import { createClient, type Client } from 'graphql-ws';

export type ConnectionState =
  /** Nothing subscribed: no stream picked yet, or it ended. */
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** The socket dropped; the subscriptions come back in `retryInMs`. */
  | { kind: 'waiting'; retryInMs: number; attempt: number }
  /** The viewer pressed Disconnect; nothing reconnects until Reconnect. */
  | { kind: 'paused' };

export interface RoomSocketOptions {
  url: string;
  /** The `connection_init` payload, read at every connect: `{ authorization: 'Bearer …' }` or nothing. */
  credentials: () => Record<string, string> | undefined;
  onState: (state: ConnectionState) => void;
  /** The gateway closed the socket with 4401: the credential is not valid (expired, or pasted wrong). */
  onCredentialRefused: () => void;
  /** Browsers have WebSocket; Node before 22 does not (the unit test passes ws's). */
  webSocketImpl?: unknown;
}

const MAX_RETRY_MS = 10_000;

export class RoomSocket {
  readonly client: Client;
  private attempt = 0;
  private nextTry: Promise<void> | null = null;
  private reconnectAtOnce = false;
  private pausedUntil: { promise: Promise<void>; resume: () => void } | null = null;
  private state: ConnectionState = { kind: 'idle' };

  constructor(private readonly options: RoomSocketOptions) {
    this.client = createClient({
      url: options.url,
      webSocketImpl: options.webSocketImpl,
      // graphql-ws can retry by itself, but it would send each subscription again exactly as it
      // was first sent, without the `after` the page has learnt since. So the client reports
      // every drop, and ResumableSubscription subscribes again with `after` (resumable.ts).
      retryAttempts: 0,
      connectionParams: () => options.credentials(),
      on: {
        connecting: () => this.setState({ kind: 'connecting' }),
        connected: () => {
          this.attempt = 0;
          this.setState({ kind: 'connected' });
        },
        // 1000 is graphql-ws closing an unused socket (every subscription completed); a drop is
        // reported by the subscriptions as they ask to come back (retry).
        closed: (event) => {
          if ((event as CloseEvent).code === 1000 && !this.pausedUntil) this.setState({ kind: 'idle' });
        },
      },
    });
  }

  /**
   * Resolves when subscriptions that lost the socket should subscribe again. They share one
   * wait, so they come back together on one new socket: 0.5 s, doubling up to 10 s, with jitter
   * so that a restarted gateway is not met by every viewer in the same instant.
   */
  retry(): Promise<void> {
    // Cleared in a later tick (`finally`), so a wait that resolves at once is still shared.
    this.nextTry ??= this.waitToRetry().finally(() => (this.nextTry = null));
    return this.nextTry;
  }

  private async waitToRetry(): Promise<void> {
    if (this.reconnectAtOnce) {
      this.reconnectAtOnce = false;
    } else if (!this.pausedUntil) {
      const retryInMs = Math.round(Math.min(500 * 2 ** this.attempt, MAX_RETRY_MS) * (0.8 + Math.random() * 0.4));
      this.attempt += 1;
      this.setState({ kind: 'waiting', retryInMs, attempt: this.attempt });
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
    }
    if (this.pausedUntil) await this.pausedUntil.promise;
  }

  /** The gateway refused the credential: the page drops it, and the room resumes anonymously. */
  credentialRefused(): Promise<void> {
    this.options.onCredentialRefused();
    this.reconnectAtOnce = true;
    return this.retry();
  }

  /** Reconnects now, e.g. with a new credential: every subscription resumes where it was. */
  reconnect(): void {
    // Without a socket (or paused) the next connect reads the credentials anyway.
    if (this.state.kind !== 'connected' && this.state.kind !== 'connecting') return;
    this.reconnectAtOnce = true;
    this.client.terminate();
  }

  /** Drops the socket and stays offline until resume(): to see the page resume without a gap. */
  pause(): void {
    if (this.pausedUntil) return;
    let resume!: () => void;
    const promise = new Promise<void>((resolve) => (resume = resolve));
    this.pausedUntil = { promise, resume };
    this.setState({ kind: 'paused' });
    this.client.terminate();
  }

  resume(): void {
    const paused = this.pausedUntil;
    if (!paused) return;
    this.pausedUntil = null;
    paused.resume();
    if (!this.nextTry) this.setState({ kind: 'idle' });
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.options.onState(state);
  }

  get paused(): boolean {
    return this.pausedUntil !== null;
  }
}
