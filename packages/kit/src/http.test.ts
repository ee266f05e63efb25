import type nodeHttp from 'node:http';
import net from 'node:net';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphQLHandler, listen, RequestRefusal, type RunningHttpServer } from './http.ts';
import { createLogger } from './log.ts';

const typeDefs = 'enum Mode { FULL PARTIAL } type Query { echo(mode: Mode!): Mode, refuse: Int }';
const resolvers = {
  Query: {
    echo: (_: unknown, { mode }: { mode: string }) => mode,
    refuse: () => {
      throw new GraphQLError('No.', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    },
  },
};
let server: ApolloServer;
let http: RunningHttpServer;
beforeAll(async () => {
  server = new ApolloServer({ typeDefs, resolvers });
  await server.start();
  http = await listen(graphQLHandler({ server, context: async () => ({}), maxBodyBytes: 2_000, logger: createLogger('test', { level: 'silent' }) }), 0, '127.0.0.1');
});
afterAll(async () => {
  await http?.close();
  await server?.stop();
});

const post = async (body: unknown, accept?: string) => {
  const response = await fetch(`${http.url}graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
};

const failing = {
  parse: { query: '{ echo(mode: FULL' },
  validation: { query: '{ nope }' },
  coercion: { query: 'query ($mode: Mode!) { echo(mode: $mode) }', variables: { mode: 'FUL' } },
};

describe('GraphQL over HTTP status codes', () => {
  it('are 200 for a request that does not parse, validate or coerce, when the client accepts application/json', async () => {
    for (const accept of ['application/json', undefined]) {
      for (const [kind, body] of Object.entries(failing)) {
        const answer = await post(body, accept);
        expect(answer.status, `${kind} ${accept}`).toBe(200);
        expect(answer.type).toMatch(/^application\/json/);
        expect(answer.body.data).toBeUndefined();
        expect(answer.body.errors?.[0]?.extensions?.code, kind).toMatch(/GRAPHQL_PARSE_FAILED|GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
      }
    }
  });

  it('stay 4xx for application/graphql-response+json', async () => {
    for (const [kind, body] of Object.entries(failing)) {
      const answer = await post(body, 'application/graphql-response+json');
      expect(answer.status, kind).toBe(400);
      expect(answer.type).toMatch(/^application\/graphql-response\+json/);
    }
  });

  it('keep what is not a GraphQL request error: a status a resolver set, a missing query, a body too large, bad JSON', async () => {
    expect((await post({ query: '{ echo(mode: FULL) }' })).status).toBe(200);
    expect((await post({ query: '{ refuse }' })).status).toBe(403);
    expect((await post({ variables: {} })).status).toBe(400);
    const tooLarge = await post({ query: `{ echo(mode: FULL) } # ${'x'.repeat(2_000)}` });
    expect(tooLarge).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
    expect((await post('{"query": ')).status).toBe(400);
  });

  it('answer a refusal before GraphQL runs in the media type the client reads errors from', async () => {
    const big = { query: `{ echo(mode: FULL) } # ${'x'.repeat(2_000)}` };
    const modern = await post(big, 'application/graphql-response+json, application/json;q=0.9');
    expect(modern).toMatchObject({ status: 413, type: expect.stringMatching(/^application\/graphql-response\+json/), body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
    expect((await post(big, 'application/json')).type).toMatch(/^application\/json/);
  });
});

describe('preparing operations before GraphQL runs', () => {
  let prepared: RunningHttpServer;
  let batching: ApolloServer;
  const seen: Record<string, unknown>[] = [];
  beforeAll(async () => {
    batching = new ApolloServer({ typeDefs, resolvers, allowBatchedHttpRequests: true });
    await batching.start();
    // A stand-in for persisted documents: `documentId: "full"` means the text below; anything
    // with text of its own is refused.
    const prepareOperation = (operation: Record<string, unknown>) => {
      seen.push({ ...operation });
      if (operation.documentId === 'full') {
        operation.query = '{ echo(mode: FULL) }';
        delete operation.documentId;
      } else if (operation.query) throw new RequestRefusal(400, 'NOT_IN_LIST', 'Send a documentId.');
    };
    prepared = await listen(graphQLHandler({ server: batching, context: async () => ({}), maxBatch: 2, prepareOperation, logger: createLogger('test', { level: 'silent' }) }), 0, '127.0.0.1');
  });
  afterAll(async () => {
    await prepared?.close();
    await batching?.stop();
  });

  it('rewrites each operation of a POST, batches included, and refuses with the refusal\'s status and code', async () => {
    const send = (body: unknown) => fetch(`${prepared.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await send({ documentId: 'full' })).json()).toEqual({ data: { echo: 'FULL' } });
    expect(await (await send([{ documentId: 'full' }, { documentId: 'full' }])).json()).toEqual([{ data: { echo: 'FULL' } }, { data: { echo: 'FULL' } }]);
    const refused = await send({ query: '{ echo(mode: PARTIAL) }' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ errors: [{ message: 'Send a documentId.', extensions: { code: 'NOT_IN_LIST' } }] });
  });

  it('gives a GET\'s parameters the same treatment, variables and extensions parsed', async () => {
    const get = (search: string) => fetch(`${prepared.url}graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    seen.length = 0;
    const answer = await get(`documentId=full&variables=${encodeURIComponent('{"a":1}')}`);
    expect(await answer.json()).toEqual({ data: { echo: 'FULL' } });
    expect(seen).toEqual([{ documentId: 'full', variables: { a: 1 } }]);
    expect((await get(`query=${encodeURIComponent('{ echo(mode: PARTIAL) }')}`)).status).toBe(400);
  });
});

describe('whole responses kept before GraphQL runs', () => {
  let cached: RunningHttpServer;
  let running: ApolloServer;
  /** Responses by the body they answered, as received. */
  const kept = new Map<string, string>();
  const bodies = new WeakMap<nodeHttp.IncomingMessage, string>();
  let runs = 0;
  beforeAll(async () => {
    const responses = {
      // Answers a body it has seen, as it was received (no parse), with what GraphQL gave for it.
      answer: (_req: nodeHttp.IncomingMessage, res: nodeHttp.ServerResponse, rawBody: string) => {
        const body = kept.get(rawBody);
        if (body === undefined) return false;
        res.writeHead(200, { 'content-type': 'application/json', 'x-kept': 'yes' });
        res.end(body);
        return true;
      },
      keep: (req: nodeHttp.IncomingMessage, response: { status: number; body: string }) => {
        const rawBody = bodies.get(req);
        if (response.status === 200 && rawBody !== undefined) kept.set(rawBody, response.body);
      },
    };
    const counting = {
      async requestDidStart() {
        runs++;
      },
    };
    running = new ApolloServer({ typeDefs, resolvers, plugins: [counting] });
    await running.start();
    const context = async (req: nodeHttp.IncomingMessage, rawBody: string) => {
      bodies.set(req, rawBody);
      return {};
    };
    cached = await listen(graphQLHandler({ server: running, context, responses, logger: createLogger('test', { level: 'silent' }) }), 0, '127.0.0.1');
  });
  afterAll(async () => {
    await cached?.close();
    await running?.stop();
  });

  it('answers from `answer` without running GraphQL, and gives `keep` each complete response', async () => {
    const send = (body: string) => fetch(`${cached.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const body = '{"query":"{ echo(mode: FULL) }"}';
    const first = await send(body);
    expect(first.headers.get('x-kept')).toBeNull();
    expect(await first.json()).toEqual({ data: { echo: 'FULL' } });
    expect(runs).toBe(1);
    const again = await send(body);
    expect(again.headers.get('x-kept')).toBe('yes');
    expect(await again.json()).toEqual({ data: { echo: 'FULL' } });
    expect(runs).toBe(1);
    // A body not seen runs, even when it means the same.
    await send('{ "query": "{ echo(mode: FULL) }" }');
    expect(runs).toBe(2);
  });
});

describe('a route whose store does not answer', () => {
  let routed: RunningHttpServer;
  beforeAll(async () => {
    const unavailable = () => {
      throw new GraphQLError('The users service cannot reach its database right now; try again shortly.', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    };
    routed = await listen(graphQLHandler({ server, context: async () => ({}), routes: [unavailable], logger: createLogger('test', { level: 'silent' }) }), 0, '127.0.0.1');
  });
  afterAll(() => routed?.close());

  it('is answered 503 SERVICE_UNAVAILABLE with its message, not 500', async () => {
    const response = await fetch(`${routed.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"subscription { x }"}' });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ errors: [{ message: 'The users service cannot reach its database right now; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  });
});

describe('closing a server', () => {
  it('does not wait out the headers timeout for a socket that connected and never sent a request', async () => {
    const running = await listen((_req, res) => res.end('ok'), 0, '127.0.0.1', { closeGraceMs: 200 });
    const socket = net.connect(running.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closedBy = Date.now();
    await Promise.race([running.close(), new Promise((_, reject) => setTimeout(() => reject(new Error('still waiting on the silent socket')), 5_000))]);
    expect(Date.now() - closedBy).toBeLessThan(5_000);
    socket.destroy();
  });
});
