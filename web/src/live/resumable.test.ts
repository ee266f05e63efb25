/**
 * The page's resume logic against a real graphql-ws server (the `ws` package, as the gateway
 * uses) that keeps an event log with ids and honours `after` the way the gateway does: a drop,
 * an expired id, a completion that is not the stream's end, and a refused credential.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, GraphQLError, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { TypedDocumentString } from './__generated__/graphql.ts';
import { ResumableSubscription } from './resumable.ts';
import { RoomSocket, type ConnectionState } from './room-socket.ts';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Event { id: ID! n: Int! }
  type Subscription { events(after: ID): Event! }
`);

type Events = { events: { id: string; n: number } };
const EVENTS = new TypedDocumentString<Events, { after?: string | null }>('subscription Events($after: ID) { events(after: $after) { id n } }');

/** A stream's event log, served like the gateway serves one: after `after`, then live; completes at the end. */
function eventServer() {
  const log: { id: string; n: number }[] = [];
  const wakers = new Set<() => void>();
  const state = { ended: false, expired: false, prunedThrough: 0, completeOnce: false, afters: [] as (string | null)[], credentials: [] as unknown[] };
  const wake = () => {
    for (const waker of [...wakers]) waker();
  };

  async function* stream(after: string | null): AsyncGenerator<ExecutionResult> {
    if (after !== null && (state.expired || Number(after) < state.prunedThrough)) {
      // As the gateway answers: a result with errors and no data, then complete.
      yield { errors: [new GraphQLError(`Events after ${after} are no longer kept.`, { extensions: { code: 'EVENTS_EXPIRED', after, oldestKept: String(state.prunedThrough + 1) } })] };
      return;
    }
    let position = after === null ? log.length : Number(after);
    for (;;) {
      while (position < log.length) {
        const event = log[position++]!;
        yield { data: { events: event }, extensions: { eventId: event.id } };
      }
      if (state.ended) return;
      if (state.completeOnce) {
        // What a gateway shutting down does: complete, though the stream goes on.
        state.completeOnce = false;
        return;
      }
      await new Promise<void>((resolve) => wakers.add(resolve));
    }
  }

  const server = http.createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    {
      schema,
      // As the gateway does: a credential it cannot verify closes the socket with 4401.
      onConnect: (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        state.credentials.push(authorization);
        if (authorization === undefined || authorization === 'Bearer good') return true;
        ctx.extra.socket.close(4401, 'Unauthorized');
        return false;
      },
      subscribe: (args) => {
        const after = (args.variableValues?.after as string | null | undefined) ?? null;
        state.afters.push(after);
        return stream(after);
      },
    },
    wss,
  );

  return {
    state,
    append(n: number) {
      log.push({ id: String(log.length + 1), n });
      wake();
    },
    end() {
      state.ended = true;
      wake();
    },
    completeOnce() {
      state.completeOnce = true;
      wake();
    },
    /** Drops every socket without a close frame, as a crashed gateway or a lost network would. */
    dropSockets() {
      for (const client of wss.clients) client.terminate();
    },
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    },
    async close() {
      wake();
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ResumableSubscription', () => {
  let server: ReturnType<typeof eventServer>;
  let url: string;
  let socket: RoomSocket;
  let subscription: ResumableSubscription<Events, { after?: string | null }>;
  let credential: string | undefined;
  const states: ConnectionState['kind'][] = [];
  const received: number[] = [];
  const calls = { expired: 0, completed: 0, refused: 0, failed: [] as string[] };
  let over = false;

  beforeEach(async () => {
    server = eventServer();
    url = await server.listen();
    states.length = 0;
    received.length = 0;
    Object.assign(calls, { expired: 0, completed: 0, refused: 0, failed: [] });
    over = false;
    credential = undefined;
    socket = new RoomSocket({
      url,
      webSocketImpl: WebSocket,
      credentials: () => (credential ? { authorization: credential } : undefined),
      onState: (state) => states.push(state.kind),
      onCredentialRefused: () => {
        calls.refused += 1;
        credential = undefined;
      },
    });
    subscription = new ResumableSubscription(
      socket,
      EVENTS,
      {},
      {
        next: (data) => received.push(data.events.n),
        completed: async () => {
          calls.completed += 1;
          return over;
        },
        expired: async () => {
          calls.expired += 1;
          server.state.expired = false;
        },
        failed: (message) => calls.failed.push(message),
      },
    );
  });

  afterEach(async () => {
    subscription.stop();
    await socket.client.dispose();
    await server.close();
  });

  /** Started, and the server has begun serving it (no `after`: it starts with the next event). */
  async function started(): Promise<void> {
    subscription.start();
    await eventually(() => server.state.afters.length === 1 && states.includes('connected'), 'the first subscription');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('subscribes again with after = the last event id when the socket drops: the events written meanwhile arrive once, in order', async () => {
    await started();
    server.append(10);
    server.append(20);
    await eventually(() => received.length === 2, 'two events');
    expect(subscription.lastEventId).toBe('2');

    server.dropSockets();
    server.append(30);
    server.append(40);
    await eventually(() => received.length === 4, 'the events written while the socket was down');
    expect(received).toEqual([10, 20, 30, 40]);
    expect(server.state.afters).toEqual([null, '2']);
    expect(states).toContain('waiting');
    expect(states.at(-1)).toBe('connected');

    server.append(50);
    await eventually(() => received.length === 5, 'a live event after the resume');
    expect(received).toEqual([10, 20, 30, 40, 50]);
    expect(calls.failed).toEqual([]);
  });

  it('after EVENTS_EXPIRED reloads the state and subscribes afresh, without after', async () => {
    await started();
    server.append(1);
    server.append(2);
    await eventually(() => received.length === 2, 'two events');
    server.state.expired = true;
    server.dropSockets();
    await eventually(() => server.state.afters.length === 3, 'a fresh subscription after the refusal');
    expect(server.state.afters).toEqual([null, '2', null]);
    expect(calls.expired).toBe(1);
    // The refusal's completion is not the stream's end.
    expect(calls.completed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.append(3);
    await eventually(() => received.length === 3, 'the next live event');
    expect(received).toEqual([1, 2, 3]);
  });

  it('resumes after a completion while the stream goes on (a gateway shutting down), and stops at the stream’s end', async () => {
    await started();
    server.append(1);
    await eventually(() => received.length === 1, 'one event');
    server.completeOnce();
    await eventually(() => calls.completed === 1, 'the completion');
    server.append(2);
    await eventually(() => received.length === 2, 'the event after the completion');
    expect(server.state.afters).toEqual([null, '1']);
    expect(calls.completed).toBe(1);

    over = true;
    server.end();
    await eventually(() => calls.completed === 2, 'the completion at the end');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(server.state.afters).toHaveLength(2);
    expect(states.at(-1)).toBe('idle');
  });

  it('drops a credential the server refuses with 4401 and resumes anonymously', async () => {
    credential = 'Bearer expired';
    subscription.start();
    await eventually(() => calls.refused === 1, 'the refusal');
    await eventually(() => states.at(-1) === 'connected', 'an anonymous connection');
    expect(server.state.credentials).toEqual(['Bearer expired', undefined]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.append(7);
    await eventually(() => received.length === 1, 'an event');
    expect(received).toEqual([7]);

    // That reconnect was at once; a later drop waits its backoff again.
    const before = states.length;
    server.dropSockets();
    server.append(8);
    await eventually(() => received.length === 2, 'the event after the drop');
    expect(states.slice(before)).toEqual(['waiting', 'connecting', 'connected']);
    expect(server.state.afters.at(-1)).toBe('1');
  });

  it('replays from the start when told to (`from: "0"`), and from the oldest event kept when the start is pruned, without reloading', async () => {
    for (const n of [1, 2, 3, 4]) server.append(n);
    server.state.prunedThrough = 2;
    const replayed: number[] = [];
    const fromStart = new ResumableSubscription(
      socket,
      EVENTS,
      {},
      {
        from: '0',
        next: (data) => replayed.push(data.events.n),
        completed: async () => false,
        expired: async () => void (calls.expired += 1),
        failed: (message) => calls.failed.push(message),
      },
    );
    expect(fromStart.lastEventId).toBe('0');
    fromStart.start();
    await eventually(() => replayed.length === 2, 'the events still kept');
    expect(server.state.afters).toEqual(['0', '2']);
    expect(replayed).toEqual([3, 4]);
    // Nothing seen was missed: the state the page read first stands.
    expect(calls.expired).toBe(0);
    server.append(5);
    await eventually(() => replayed.length === 3, 'a live event after the replay');
    expect(replayed).toEqual([3, 4, 5]);
    expect(fromStart.lastEventId).toBe('5');
    fromStart.stop();
    expect(calls.failed).toEqual([]);
  });
});
