import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { SUBSCRIPTION_TRANSPORT_REQUIRED, useSubscriptionTransportRule } from './over-http.ts';

const server = new ApolloServer({
  typeDefs: 'type Query { ok: Boolean } type Subscription { ticks: Int }',
  resolvers: { Query: { ok: () => true } },
  plugins: [useSubscriptionTransportRule()],
});

describe('a subscription sent as a plain request', () => {
  it('is refused with a code saying how to subscribe, while queries pass', async () => {
    const subscription = await server.executeOperation({ query: 'subscription { ticks }' });
    const body = subscription.body.kind === 'single' ? subscription.body.singleResult : null;
    expect(body?.errors?.[0]?.extensions?.code).toBe(SUBSCRIPTION_TRANSPORT_REQUIRED);
    expect(subscription.http.status).toBe(400);
    const query = await server.executeOperation({ query: '{ ok }' });
    expect(query.body.kind === 'single' ? query.body.singleResult.data : null).toEqual({ ok: true });
  });

  it('is refused the same way when its root field carries @skip or @include, not with an internal error', async () => {
    const result = await server.executeOperation({ query: 'subscription ($on: Boolean!) { ticks @include(if: $on) }', variables: { on: false } });
    expect(result.body.kind === 'single' ? result.body.singleResult.errors?.[0]?.extensions?.code : null).toBe(SUBSCRIPTION_TRANSPORT_REQUIRED);
    expect(result.http.status).toBe(400);
  });
});
