import { ApolloServer } from '@apollo/server';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { GatewayContext } from './context.ts';
import { actualCost, bucketOf, DEFAULT_COST_CONFIG, requestedCost, useCost, type CostConfig } from './cost.ts';
import { MemoryRateLimitStore } from './rate-limit.ts';

const typeDefs = /* GraphQL */ `
  type Query {
    feed(first: Int = 20, last: Int): VideoConnection!
    creator(id: ID!): Creator
    tags: [Tag!]!
    count: Int!
  }
  type Mutation {
    like(id: ID!): Video
    follow(id: ID!): Creator
  }
  type VideoConnection { edges: [VideoEdge!]! pageInfo: PageInfo! }
  type VideoEdge { cursor: String! node: Video! }
  type PageInfo { hasNextPage: Boolean! }
  type Video { id: ID! creator: Creator! tags: [Tag!]! }
  type Creator { id: ID! videos(first: Int): VideoConnection! }
  type Tag { name: String! }
`;
const schema = buildSchema(typeDefs);

function priceOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  return requestedCost(schema, operation, fragments, variables);
}

describe('requested cost', () => {
  it('is free for scalars and a point for each object', () => {
    expect(priceOf('{ count }')).toBe(0);
    expect(priceOf('{ creator(id: "1") { id } }')).toBe(1);
    expect(priceOf('{ creator(id: "1") { videos(first: 2) { pageInfo { hasNextPage } } } }')).toBe(1 + 1 + 2 * 1);
  });

  it('multiplies what is under a connection by its first, counting edges once per item', () => {
    // feed 1 + 5 × (edges 1 + node 1)
    expect(priceOf('{ feed(first: 5) { edges { node { id } } } }')).toBe(1 + 5 * 2);
    // The argument's default (20) when first is left out, and the first from variables.
    expect(priceOf('{ feed { edges { node { id } } } }')).toBe(1 + 20 * 2);
    expect(priceOf('query ($n: Int) { feed(first: $n) { edges { node { id } } } }', { n: 3 })).toBe(1 + 3 * 2);
    // A backward page (`last`) costs what a forward one of its size does.
    expect(priceOf('{ feed(last: 50) { edges { node { id } } } }')).toBe(1 + 50 * 2);
    expect(priceOf('query ($n: Int) { feed(last: $n) { edges { node { id } } } }', { n: 3 })).toBe(1 + 3 * 2);
    // Nested connections multiply: 1 + 2 × (edges 1 + node 1 + creator 1 + videos (1 + 4 × (edges 1 + node 1)))
    expect(priceOf('{ feed(first: 2) { edges { node { creator { videos(first: 4) { edges { node { id } } } } } } } }')).toBe(1 + 2 * (1 + 1 + 1 + (1 + 4 * 2)));
  });

  it('stops at the page maximum, since a larger page is refused by the subgraph anyway', () => {
    expect(priceOf('{ feed(first: 500) { edges { node { id } } } }')).toBe(1 + 100 * 2);
    expect(priceOf('{ creator(id: "1") { videos { edges { node { id } } } } }')).toBe(1 + 1 + 20 * 2);
  });

  it('prices a plain list of objects at ten items', () => {
    expect(priceOf('{ tags { name } }')).toBe(1 + 10 * 0);
    // feed 1 + 1 × (edges 1 + node 1 + tags (1 + 10 × 0))
    expect(priceOf('{ feed(first: 1) { edges { node { tags { name } } } } }')).toBe(1 + 1 * 3);
    expect(priceOf('{ feed(first: 1) { edges { node { creator { id } tags { name } } } } }')).toBe(1 + 1 * 4);
  });

  it('adds ten for each mutation on top of what it selects', () => {
    expect(priceOf('mutation { like(id: "1") { id } }')).toBe(1 + 10);
    expect(priceOf('mutation { like(id: "1") { id creator { id } } follow(id: "2") { id } }')).toBe(2 + 1 + 2 * 10);
  });

  it('follows fragments and inline fragments, and a fragment spread twice on one path only once', () => {
    const viaFragment = priceOf('query { feed(first: 3) { ...Page } } fragment Page on VideoConnection { edges { node { ... on Video { creator { id } } } } }');
    expect(viaFragment).toBe(priceOf('{ feed(first: 3) { edges { node { creator { id } } } } }'));
    expect(priceOf('query { feed(first: 1) { ...Page } } fragment Page on VideoConnection { edges { node { id } } ...Page }')).toBe(1 + 1 * 2);
  });
});

describe('actual cost', () => {
  it('counts the objects the response really holds', () => {
    expect(actualCost({ count: 3 })).toBe(0);
    expect(actualCost({ creator: null })).toBe(0);
    expect(actualCost({ feed: { edges: [{ node: { id: '1' } }, { node: { id: '2', creator: { id: 'c' } } }] } })).toBe(1 + 1 + 2);
    expect(actualCost({ feed: { edges: [] } })).toBe(1);
  });
});

describe('the bucket an operation is charged to', () => {
  const viewer = (overrides: Partial<Viewer>): Viewer => ({ ...anonymousViewer('r'), ...overrides });
  it('is the partner key at its tier, else the user, else the caller address', () => {
    const config = DEFAULT_COST_CONFIG;
    expect(bucketOf({ viewer: viewer({ keyId: 'k1', partnerId: 'p1' }), partnerTier: 'plus' }, config)).toEqual({ id: 'key:k1', kind: 'partner', tier: config.tiers.partner.plus });
    expect(bucketOf({ viewer: viewer({ keyId: 'k1', partnerId: 'p1' }), partnerTier: null }, config).tier).toEqual(config.tiers.partner.standard);
    expect(bucketOf({ viewer: viewer({ keyId: 'k1', partnerId: 'p1' }), partnerTier: 'unknown-tier' }, config).tier).toEqual(config.tiers.partner.standard);
    expect(bucketOf({ viewer: viewer({ userId: 'u1' }) }, config)).toEqual({ id: 'user:u1', kind: 'user', tier: config.tiers.user });
    expect(bucketOf({ viewer: viewer({}), clientIp: '10.0.0.9' }, config)).toEqual({ id: 'ip:10.0.0.9', kind: 'anonymous', tier: config.tiers.anonymous });
    expect(bucketOf({ viewer: viewer({}) }, config).id).toBe('ip:unknown');
  });
});

describe('the cost plugin', () => {
  const videos = Array.from({ length: 3 }, (_, i) => ({ cursor: `c${i}`, node: { id: `v${i}`, creator: { id: 'c' }, tags: [] } }));
  let resolverCalls = 0;
  const resolvers = {
    Query: {
      feed: () => {
        resolverCalls++;
        return { edges: videos, pageInfo: { hasNextPage: false } };
      },
      count: () => 1,
      creator: (_: unknown, { id }: { id: string }) => ({ id }),
    },
  };

  async function serverWith(config: Partial<CostConfig>, throttled: string[] = []) {
    const store = new MemoryRateLimitStore();
    const server = new ApolloServer<GatewayContext>({ typeDefs, resolvers, plugins: [useCost({ ...DEFAULT_COST_CONFIG, ...config }, store, { onThrottled: (kind) => throttled.push(kind) })] });
    await server.start();
    const run = async (query: string, context: GatewayContext = { viewer: anonymousViewer(), clientIp: '127.0.0.9' }) => {
      const response = await server.executeOperation({ query }, { contextValue: context });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return { http: response.http, result: response.body.singleResult };
    };
    return { server, store, run };
  }

  it('reports requested, actual and the throttle, and gives back what was not used', async () => {
    const { server, run } = await serverWith({ tiers: { ...DEFAULT_COST_CONFIG.tiers, anonymous: { max: 1_000, restoreRate: 1 } } });
    try {
      // Requested 1 + 20 × 2 = 41; the answer holds the connection and three nodes: 4.
      const first = await run('{ feed { edges { node { id } } } }');
      expect(first.result.extensions?.cost).toEqual({ requested: 41, actual: 4, throttle: { max: 1_000, available: 1_000 - 4, restoreRate: 1 } });
      const second = await run('{ feed { edges { node { id } } } }');
      // The bucket kept only the actual cost of each (it refills 1 a second: allow for one tick).
      expect((second.result.extensions?.cost as any).throttle.available).toBeGreaterThanOrEqual(1_000 - 8);
      expect((second.result.extensions?.cost as any).throttle.available).toBeLessThanOrEqual(1_000 - 7);
    } finally {
      await server.stop();
    }
  });

  it('asks the store to give back only when there is something to give back', async () => {
    const { server, store, run } = await serverWith({});
    const refunds: number[] = [];
    const refund = store.refund.bind(store);
    store.refund = (id, points, tier, now) => {
      refunds.push(points);
      refund(id, points, tier, now);
    };
    try {
      // Requested 1 (the creator), actual 1: nothing to give back, no trip to the store.
      await run('{ count creator(id: "1") { id } }');
      // Requested 41, actual 4: 37 back.
      await run('{ feed { edges { node { id } } } }');
      expect(refunds).toEqual([37]);
    } finally {
      await server.stop();
    }
  });

  it('refuses an operation above the maximum before anything resolves', async () => {
    const { server, run } = await serverWith({ maxCost: 50 });
    try {
      const before = resolverCalls;
      const { http, result } = await run('{ feed(first: 30) { edges { node { id } } } }');
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: { requested: 61, max: 50 } });
      expect(result.data).toBeUndefined();
      expect(http.status).toBe(400);
      expect(resolverCalls).toBe(before);
    } finally {
      await server.stop();
    }
  });

  it('throttles a caller whose bucket is empty with 429 and Retry-After, one bucket per caller', async () => {
    const throttled: string[] = [];
    const { server, run } = await serverWith({ tiers: { ...DEFAULT_COST_CONFIG.tiers, user: { max: 100, restoreRate: 10 } } }, throttled);
    const user = (id: string): GatewayContext => ({ viewer: { ...anonymousViewer(), userId: id } });
    try {
      // 1 + 40 × 2 = 81 fits a 100-point bucket; its refund leaves 100 − 4 = 96, less than the 202 asked next.
      const expensive = '{ feed(first: 40) { edges { node { id } } } }';
      expect((await run(expensive, user('u1'))).result.errors).toBeUndefined();
      const refused = await run('{ a: feed(first: 99) { edges { node { id } } } b: feed(first: 1) { edges { node { id } } } }', user('u1'));
      expect(refused.result.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED', retryAfter: expect.any(Number) });
      expect(refused.http.status).toBe(429);
      expect(Number(refused.http.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(throttled).toEqual(['user']);
      // Another user's bucket is untouched.
      expect((await run(expensive, user('u2'))).result.errors).toBeUndefined();
    } finally {
      await server.stop();
    }
  });
});
