import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { anonymousViewer } from '@app/kit/viewer';
import type { GatewayContext } from './context.ts';
import { createGatewayMetrics } from './metrics.ts';
import { errorCodeOf, useMetrics } from './observability.ts';

const typeDefs = 'type Query { ok: Int, partial: Partial, missing: Int! } type Partial { good: Int, bad: Int }';
const resolvers = {
  Query: {
    ok: () => 1,
    partial: () => ({}),
    missing: () => {
      throw new GraphQLError('Gone.', { extensions: { code: 'NOT_FOUND' } });
    },
  },
  Partial: {
    good: () => 2,
    bad: () => {
      throw new Error('unexpected');
    },
  },
};

describe('request metrics', () => {
  it('count requests by operation and outcome, time them, and count errors by the code clients see', async () => {
    const metrics = createGatewayMetrics();
    const server = new ApolloServer<GatewayContext>({ typeDefs, resolvers, plugins: [useMetrics(metrics)] });
    await server.start();
    const run = (query: string) => server.executeOperation({ query }, { contextValue: { viewer: anonymousViewer() } });
    try {
      await run('query Fine { ok }');
      await run('query Fine { ok }');
      await run('query Half { partial { good bad } }');
      await run('{ missing }');
      await run('{ nope }');
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/graphql_requests_total\{operation="Fine",outcome="ok"\} 2/);
      expect(text).toMatch(/graphql_requests_total\{operation="Half",outcome="partial"\} 1/);
      expect(text).toMatch(/graphql_requests_total\{operation="anonymous",outcome="error"\} 2/);
      expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Fine"\} 2/);
      expect(text).toMatch(/graphql_errors_total\{code="NOT_FOUND"\} 1/);
      expect(text).toMatch(/graphql_errors_total\{code="INTERNAL_SERVER_ERROR"\} 1/);
      expect(text).toMatch(/graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1/);
    } finally {
      await server.stop();
    }
  });

  it('count a refused limit under its own code', () => {
    const tagged = new GraphQLError('too deep', { extensions: { limitCode: 'MAX_DEPTH_EXCEEDED' } });
    expect(errorCodeOf(new GraphQLError('too deep', { originalError: tagged, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }))).toBe('MAX_DEPTH_EXCEEDED');
    expect(errorCodeOf(new GraphQLError('x'))).toBe('INTERNAL_SERVER_ERROR');
  });
});
