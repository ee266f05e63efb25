import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { anonymousViewer } from '@app/kit/viewer';
import type { GatewayContext } from './context.ts';
import { SCHEMA_READ_SCOPE, useIntrospectionGate } from './introspection.ts';

describe('the introspection gate', () => {
  it('refuses __schema and __type without schema:read, allows them with it, and leaves __typename open', async () => {
    const server = new ApolloServer<GatewayContext>({ typeDefs: 'type Query { a: Int }', resolvers: { Query: { a: () => 1 } }, plugins: [useIntrospectionGate()] });
    await server.start();
    const run = async (query: string, scopes: string[] = []) => {
      const response = await server.executeOperation({ query }, { contextValue: { viewer: { ...anonymousViewer(), scopes } } });
      return response.body.kind === 'single' ? response.body.singleResult : null;
    };
    try {
      expect((await run('{ __schema { queryType { name } } }'))?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await run('{ a __type(name: "Query") { name } }'))?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await run('{ __schema { queryType { name } } }', [SCHEMA_READ_SCOPE]))?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await run('{ __typename a }'))?.data).toEqual({ __typename: 'Query', a: 1 });
    } finally {
      await server.stop();
    }
  });
});
