/**
 * Subscriptions between services, over GraphQL over Server-Sent Events (graphql-sse, distinct
 * connections: one HTTP response per subscription). A subgraph serves its Subscription fields
 * on `/graphql` to requests that accept `text/event-stream`; the gateway (and a subgraph asking
 * another for a fact that changes, such as a stream ending) subscribes with a signed viewer,
 * exactly as it queries.
 */
import type http from 'node:http';
import { subscribe as graphqlSubscribe, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { createClient, createHandler, type ExecutionResult as SseExecutionResult } from 'graphql-sse';
import { currentEventId, startPosition } from './live.ts';
import { sendError, type Route } from './http.ts';
import type { Logger } from './log.ts';
import { encodeViewer, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER, type Viewer } from './viewer.ts';

export const EVENT_STREAM = 'text/event-stream';

export interface SubscriptionRouteOptions<TContext> {
  schema: GraphQLSchema;
  /** Reads (and verifies) the viewer of a request from its headers and exact body. */
  readViewer: (req: http.IncomingMessage, rawBody: string) => Promise<Viewer>;
  context: (viewer: Viewer) => TContext | Promise<TContext>;
  maxBodyBytes: number;
  logger: Logger;
  /** Open subscriptions served, for metrics. */
  onOpen?: () => void;
  onClose?: () => void;
}

/** A request's body, or null when it is larger than `limit` (the rest is read and dropped, so the client gets an answer). */
export function readBodyWithin(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function wantsEventStream(req: http.IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0];
  return (path === '/' || path === '/graphql') && req.method === 'POST' && (req.headers.accept ?? '').includes(EVENT_STREAM);
}

/**
 * Each event a subgraph's subscription sends carries the outbox id of the event behind it in
 * `extensions.eventId`, whatever fields the subscriber selected, so a subscriber can come
 * back with `after` and miss nothing.
 */
function withEventIds(results: AsyncIterable<ExecutionResult>, context: object): AsyncGenerator<ExecutionResult> {
  const withId = (step: IteratorResult<ExecutionResult>): IteratorResult<ExecutionResult> => {
    if (step.done) return step;
    const eventId = currentEventId(context);
    return { done: false, value: eventId === undefined ? step.value : { ...step.value, extensions: { ...step.value.extensions, eventId } } };
  };
  // Not an async generator: one parked on the next event could only return once that event came.
  const source = results[Symbol.asyncIterator]();
  // The first message says where the subscription starts (no data): a subscriber that loses
  // the connection before any event can come back from there.
  let pending: Promise<IteratorResult<ExecutionResult>> | null = null;
  let positionSent = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const nextStep = pending ?? source.next();
      pending = null;
      if (!positionSent) {
        positionSent = true;
        const first = await Promise.race([nextStep.then((step) => ({ step })), startPosition(context).then((position) => ({ position }))]);
        if ('position' in first) {
          pending = nextStep;
          return { done: false, value: { extensions: { eventId: first.position } } };
        }
        return withId(first.step);
      }
      return withId(await nextStep);
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
  };
}

export interface SubscriptionServer {
  /** Serves event-stream requests on the GraphQL path; other requests pass on. */
  route: Route;
  /** Open event streams. */
  readonly open: number;
  /** Ends every open event stream (at shutdown: subscribers come back with `after` to a live process). */
  close(): Promise<void>;
}

/** Serves a subgraph's subscriptions over SSE. */
export function subscriptionServer<TContext extends object>(options: SubscriptionRouteOptions<TContext>): SubscriptionServer {
  const streams = new Set<() => Promise<void>>();
  type OperationContext = TContext & Record<PropertyKey, unknown>;
  const handler = createHandler<http.IncomingMessage, { viewer: Viewer }, OperationContext>({
    schema: options.schema,
    context: async (req) => (await options.context(req.context.viewer)) as OperationContext,
    execute: () => ({ errors: [{ message: 'Only subscriptions are served as event streams here; send queries and mutations as JSON.' }] }) as unknown as SseExecutionResult,
    subscribe: async (args) => {
      const result = await graphqlSubscribe(args);
      if (!(Symbol.asyncIterator in result)) return result as SseExecutionResult;
      return withEventIds(result as AsyncIterable<ExecutionResult>, args.contextValue) as unknown as AsyncGenerator<SseExecutionResult>;
    },
  });
  let closing = false;
  const route: Route = async (req, res) => {
    if (!wantsEventStream(req)) return false;
    // Once closing, a subscriber that comes back at once (over a kept-alive connection) must not
    // open a stream nobody will end: the server would wait on it instead of stopping.
    if (closing) {
      res.setHeader('retry-after', '1');
      sendError(res, 503, 'SERVICE_UNAVAILABLE', 'This service is stopping; subscribe again in a moment.');
      return true;
    }
    const rawBody = await readBodyWithin(req, options.maxBodyBytes);
    if (rawBody === null) {
      sendError(res, 413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${options.maxBodyBytes} bytes.`);
      return true;
    }
    const viewer = await options.readViewer(req, rawBody);
    const [body, init] = await handler({
      method: req.method ?? 'POST',
      url: req.url ?? '/graphql',
      headers: { get: (key) => (req.headers[key.toLowerCase()] as string | undefined) ?? null },
      body: rawBody,
      raw: req,
      context: { viewer },
    });
    res.writeHead(init.status, init.headers as http.OutgoingHttpHeaders);
    if (body === null || typeof body === 'string') {
      res.end(body ?? undefined);
      return true;
    }
    // The subscriber went away: stop the subscription (its outbox listener with it).
    const stop = () => void body.return(undefined);
    res.on('close', stop);
    const end = async () => {
      await body.return(undefined);
    };
    streams.add(end);
    options.onOpen?.();
    try {
      // A subscriber that reads slowly holds the writer here, not an unbounded buffer.
      await pumpEventStream(res, body);
    } catch (error) {
      if (!res.destroyed) options.logger.warn({ err: error }, 'event stream failed');
    } finally {
      streams.delete(end);
      options.onClose?.();
      res.off('close', stop);
      res.end();
    }
    return true;
  };
  return {
    route,
    get open() {
      return streams.size;
    },
    async close() {
      closing = true;
      await Promise.all([...streams].map((end) => end()));
    },
  };
}

/**
 * Writes an event stream's messages to the response at the reader's pace: when the socket's
 * buffer is full it waits for a drain, or for the response to close (a reader that stopped
 * reading and left never drains, and must not hold the stream open). Stops when the response is
 * gone. `frame` may rewrite each message (the gateway adds `id:` lines).
 */
export async function pumpEventStream(res: http.ServerResponse, messages: AsyncIterable<string>, frame: (message: string) => string = (message) => message): Promise<void> {
  for await (const message of messages) {
    if (res.destroyed) break;
    if (!res.write(frame(message))) await drainedOrClosed(res);
    if (res.destroyed) break;
  }
}

/** Resolves when the response can take more, or is gone. */
function drainedOrClosed(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export interface SignedSubscriptionOptions {
  url: string;
  secret: string;
  /** The subgraph subscribed to: the signature is good for it alone. */
  audience: string;
  viewer: Viewer;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * Subscribes to another service over SSE, signing the viewer over the exact body like every
 * internal request. The iterator ends when the service completes the subscription, and throws
 * when the connection fails (the caller decides whether and from where to resubscribe).
 */
export function subscribeSigned(options: SignedSubscriptionOptions): AsyncIterableIterator<ExecutionResult> {
  const encoded = encodeViewer(options.viewer);
  const client = createClient({
    url: options.url,
    singleConnection: false,
    retryAttempts: 0,
    fetchFn: (input: string | URL, init?: RequestInit) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      const headers = {
        ...(init?.headers as Record<string, string>),
        [VIEWER_HEADER]: encoded,
        [SIGNATURE_HEADER]: signatureFor(encoded, body, options.secret, options.audience),
        'x-request-id': options.viewer.requestId,
      };
      return fetch(input, { ...init, headers });
    },
  });
  const results = client.iterate({ query: options.query, variables: options.variables ?? {} }) as AsyncIterableIterator<ExecutionResult>;
  const finish = async () => {
    client.dispose();
  };
  // graphql-sse's iterator, asked to return, unsubscribes but leaves a pending `next` waiting
  // for ever: a subscriber that stops must be let go at once, so `return` settles it here.
  let settle!: (step: IteratorResult<ExecutionResult>) => void;
  const returned = new Promise<IteratorResult<ExecutionResult>>((resolve) => (settle = resolve));
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await Promise.race([results.next(), returned]);
      if (step.done) await finish();
      return step;
    },
    async return() {
      settle({ done: true, value: undefined });
      await results.return?.();
      await finish();
      return { done: true, value: undefined };
    },
  };
}
