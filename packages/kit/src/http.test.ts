import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphQLHandler, listen, type RunningHttpServer } from './http.ts';
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
});
