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

export interface SseMessage {
  id: string | null;
  event: string;
  data: any;
}

/**
 * An SSE subscription read off the wire, as `curl -N` sees it: each message with its `id:`
 * line, so a test can check what the gateway sends and come back with `Last-Event-ID`.
 */
export function rawEventStream(gatewayUrl: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const messages: SseMessage[] = [];
  const done = (async () => {
    const response = await fetch(`${gatewayUrl}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`event stream refused: ${response.status} ${await response.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon <= 0) continue; // a comment (keep-alive) or nothing
          fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
        }
        if (!fields.has('event')) continue;
        const data = fields.get('data');
        messages.push({ id: fields.get('id') ?? null, event: fields.get('event') as string, data: data ? JSON.parse(data) : null });
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) throw error;
  });
  return {
    messages,
    next: () => messages.filter((message) => message.event === 'next'),
    completed: () => messages.some((message) => message.event === 'complete'),
    done,
    stop: () => controller.abort(),
  };
}
