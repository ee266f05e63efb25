/**
 * Subscription clients for end-to-end tests, the way a frontend subscribes: graphql-ws over a
 * WebSocket and graphql-sse over Server-Sent Events, each collecting what it receives.
 */
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';

export interface Received {
  results: any[];
  completed: boolean;
  error: unknown;
  /** Resolves when the subscription completes or fails. */
  done: Promise<void>;
  stop(): void;
}

/** Waits, polling, until `condition` holds; fails with `what` after `timeoutMs`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function webSocketClient(gatewayUrl: string, connectionParams: Record<string, unknown> = {}, onClose?: (event: { code: number; reason: string }) => void): WsClient {
  return createWsClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
    on: onClose ? { closed: (event) => onClose(event as { code: number; reason: string }) } : {},
  });
}

function collector(): Received & { finish(error?: unknown): void } {
  let finish!: (error?: unknown) => void;
  const received = {
    results: [] as any[],
    completed: false,
    error: undefined as unknown,
    done: new Promise<void>((resolve) => {
      finish = (error?: unknown) => {
        received.error = error;
        received.completed = error === undefined;
        resolve();
      };
    }),
    stop: () => undefined,
    finish: (error?: unknown) => finish(error),
  };
  return received;
}

export function subscribeOverWebSocket(client: WsClient, query: string, variables: Record<string, unknown> = {}): Received {
  const received = collector();
  received.stop = client.subscribe(
    { query, variables },
    {
      next: (result) => void received.results.push(result),
      error: (error) => received.finish(error ?? new Error('subscription failed')),
      complete: () => received.finish(),
    },
  );
  return received;
}

export function subscribeOverSse(gatewayUrl: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Received {
  const client = createSseClient({ url: `${gatewayUrl}graphql`, singleConnection: false, retryAttempts: 0, headers });
  const received = collector();
  const stop = client.subscribe(
    { query, variables },
    {
      next: (result) => void received.results.push(result),
      error: (error) => received.finish(error ?? new Error('subscription failed')),
      complete: () => received.finish(),
    },
  );
  received.stop = () => {
    stop();
    client.dispose();
  };
  return received;
}
