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

/** The messages of an event stream's body, each with its `id:` line; comments (keep-alives) skipped. */
async function* sseMessages(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
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
      yield { id: fields.get('id') ?? null, event: fields.get('event') as string, data: data ? JSON.parse(data) : null };
    }
  }
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
    for await (const message of sseMessages(response.body)) messages.push(message);
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

/** The README's reconnect: from `initialMs` doubling to `maxMs`, each wait jittered (half fixed, half random) so clients do not return in step. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export const README_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000 };

export interface ResumingEvent {
  /** The event id, as the transport named it (`extensions.eventId`, or SSE's `id:` line). */
  id: number;
  /** The answer's data for the subscription's root field. */
  data: any;
  /** Which connection (0 for the first) carried it. */
  connection: number;
}

export interface ResumingConnection {
  /** When it was opened (`Date.now()`) and the position it resumed after. */
  at: number;
  after: string | null;
  /** Why it ended: `close 1012`, `stream ended`, `complete`, a refusal's code … */
  endedBy?: string;
}

/**
 * A LIVE subscription as the README tells a client to hold one: it keeps the last event id it
 * handled and, when its connection drops, comes back after a jittered backoff from that id
 * (`after` over WebSocket, `Last-Event-ID` over SSE). It records every event as it arrived,
 * duplicates included, so a test can judge what the gateway delivered rather than what a
 * careful client would keep.
 */
export interface ResumingSubscriber {
  readonly name: string;
  readonly transport: 'ws' | 'sse';
  /** The position it started from (null: the next event). */
  readonly startedAfter: string | null;
  readonly events: ResumingEvent[];
  readonly connections: ResumingConnection[];
  /** Answers it could not resume from (a refusal that retrying cannot fix): it gave up. */
  readonly problems: string[];
  readonly lastEventId: string | null;
  stop(): Promise<void>;
}

export interface ResumingOptions {
  name: string;
  gatewayUrl: string;
  /** A subscription whose root field takes `after: $after`. */
  query: string;
  variables: Record<string, unknown>;
  after: string | null;
  backoff?: Backoff;
}

/** Refusals that say "not now": the client comes back later, as for a dropped connection. */
const RETRYABLE_CODES = new Set(['SERVICE_UNAVAILABLE', 'THROTTLED', 'SUBSCRIPTION_LIMIT_REACHED', 'CONNECTION_LIMIT_REACHED']);

type AttemptEnd = { retry: boolean; why: string };

function resumingSubscriber(transport: 'ws' | 'sse', options: ResumingOptions, attempt: (client: { after: string | null; connection: number; onEvent(id: number, data: any): void; signal: AbortSignal }) => Promise<AttemptEnd>): ResumingSubscriber {
  const backoff = options.backoff ?? README_BACKOFF;
  let stopped = false;
  // One controller per connection and one wake-up per wait, so a long run piles no listeners on one signal.
  let current: AbortController | null = null;
  let wake: (() => void) | null = null;
  const subscriber = {
    name: options.name,
    transport,
    startedAfter: options.after,
    events: [] as ResumingEvent[],
    connections: [] as ResumingConnection[],
    problems: [] as string[],
    lastEventId: options.after,
    stop: async () => {
      stopped = true;
      current?.abort();
      wake?.();
      await running;
    },
  };
  const running = (async () => {
    let failures = 0;
    while (!stopped) {
      const connection: ResumingConnection = { at: Date.now(), after: subscriber.lastEventId };
      subscriber.connections.push(connection);
      const index = subscriber.connections.length - 1;
      let received = false;
      current = new AbortController();
      const end = await attempt({
        after: subscriber.lastEventId,
        connection: index,
        signal: current.signal,
        onEvent: (id, data) => {
          received = true;
          subscriber.events.push({ id, data, connection: index });
          subscriber.lastEventId = String(id);
        },
      }).catch((error: unknown): AttemptEnd => ({ retry: true, why: `failed: ${(error as Error)?.message ?? String(error)}` }));
      connection.endedBy = end.why;
      if (stopped) return;
      if (!end.retry) {
        subscriber.problems.push(`${options.name} gave up on connection ${index}: ${end.why}`);
        return;
      }
      // A connection that carried events was healthy: the next drop starts the backoff again.
      failures = received ? 0 : failures + 1;
      const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failures);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2));
        wake = () => (clearTimeout(timer), resolve());
      });
      wake = null;
    }
  })();
  return subscriber;
}

const retryable = (codes: string[]) => codes.length > 0 && codes.every((code) => RETRYABLE_CODES.has(code));

const codesOf = (errors: unknown): string[] => (Array.isArray(errors) ? errors.map((error) => String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? (error as Error)?.message)) : []);

/** Over WebSocket with graphql-ws: a new socket per connection, resubscribing with `after: <last id>`. */
export function resumeOverWebSocket(options: ResumingOptions): ResumingSubscriber {
  return resumingSubscriber('ws', options, async ({ after, onEvent, signal }) => {
    const client = createWsClient({ url: `${options.gatewayUrl.replace(/^http/, 'ws')}graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    let unsubscribe = () => undefined as void;
    try {
      return await new Promise<AttemptEnd>((resolve) => {
        let refused: string[] | null = null;
        signal.addEventListener('abort', () => resolve({ retry: false, why: 'stopped' }), { once: true });
        unsubscribe = client.subscribe(
          { query: options.query, variables: { ...options.variables, after } },
          {
            next: (result) => {
              if (result.data == null) {
                refused = codesOf(result.errors);
                return;
              }
              onEvent(Number((result.extensions as { eventId?: string } | undefined)?.eventId), (result.data as Record<string, unknown>)[Object.keys(result.data)[0] as string]);
            },
            error: (error) => {
              const codes = codesOf(error);
              if (codes.length > 0) resolve({ retry: retryable(codes), why: `refused ${codes.join(',')}` });
              else {
                const close = error as { code?: number; reason?: string; message?: string };
                resolve({ retry: true, why: close.code !== undefined ? `close ${close.code}` : `error ${close.message ?? String(error)}` });
              }
            },
            // The stream is still live (a test ends it no other way): a complete is a gateway going away, or the end of a refusal.
            complete: () => {
              const codes: string[] = refused ?? [];
              resolve(refused ? { retry: retryable(codes), why: `refused ${codes.join(',')}` } : { retry: true, why: 'complete' });
            },
          },
        );
      });
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });
}

/** Over SSE read off the wire, as an EventSource would: each reconnection sends `Last-Event-ID: <last id>`. */
export function resumeOverSse(options: ResumingOptions): ResumingSubscriber {
  return resumingSubscriber('sse', options, async ({ after, onEvent, signal }) => {
    const response = await fetch(`${options.gatewayUrl}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(after !== null ? { 'last-event-id': after } : {}) },
      body: JSON.stringify({ query: options.query, variables: options.variables }),
      signal,
    });
    if (!response.ok || !response.body) {
      const text = await response.text();
      let codes: string[] = [];
      try {
        codes = codesOf((JSON.parse(text) as { errors?: unknown }).errors);
      } catch {
        // not a GraphQL answer: a proxy's or a half-started gateway's
      }
      return { retry: response.status >= 500 || response.status === 429 || retryable(codes), why: `HTTP ${response.status} ${codes.join(',')}` };
    }
    for await (const message of sseMessages(response.body)) {
      if (message.event === 'complete') return { retry: true, why: 'complete' };
      if (message.event !== 'next') continue;
      const result = message.data as { data?: Record<string, unknown> | null; errors?: unknown; extensions?: { eventId?: string } } | null;
      if (result?.data == null) {
        const codes = codesOf(result?.errors);
        return { retry: retryable(codes), why: `refused ${codes.join(',')}` };
      }
      onEvent(Number(message.id ?? result.extensions?.eventId), result.data[Object.keys(result.data)[0] as string]);
    }
    return { retry: true, why: 'stream ended' };
  });
}
