import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_DIRECTIVES_SDL } from './access.ts';
import { changeRecorder, changesOf, CHANGED_ENTITIES_EXTENSION, type Changed } from './changes.ts';
import { createLogger } from './log.ts';
import { createSubgraphServer, type SubgraphContext } from './subgraph.ts';
import { anonymousViewer, type Viewer } from './viewer.ts';

/**
 * A subgraph shaped like the project's: `@cacheControl` hints per type and field, `@auth` on
 * what is a viewer's own, and a write that names what it changed. What the gateway's entity
 * cache relies on is the response's cache-control header and `extensions.changedEntities`.
 */
const typeDefs = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
    @link(url: "https://specs.video-commerce.dev/access/v0.1", import: ["@auth", "@scopes"])
    @composeDirective(name: "@auth")
    @composeDirective(name: "@scopes")
  ${ACCESS_DIRECTIVES_SDL}
  directive @cacheControl(maxAge: Int, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT

  type Query {
    product(id: ID!): Product
    list: [Product!]! @cacheControl(maxAge: 10)
  }
  type Mutation {
    changePrice(id: ID!, amount: Int!): Product
  }
  type Product @key(fields: "id") @cacheControl(maxAge: 30) {
    id: ID!
    price: Money!
    inventory: Int! @cacheControl(maxAge: 0)
    "Only for signed-in users."
    viewerNote: String @auth
    secret: Secret
  }
  type Money @cacheControl(inheritMaxAge: true) {
    amount: Int!
  }
  "No hint: never kept."
  type Secret {
    value: String!
  }
`;

const prices = new Map([['p1', 100]]);
const product = (id: string) => (prices.has(id) ? { id } : null);
const resolvers = {
  Query: { product: (_: unknown, { id }: { id: string }) => product(id), list: () => [product('p1')] },
  Mutation: {
    changePrice: (_: unknown, { id, amount }: { id: string; amount: number }, context: SubgraphContext) => {
      prices.set(id, amount);
      context.changed('Product', id);
      context.changed('Product', id);
      return product(id);
    },
  },
  Product: {
    __resolveReference: (reference: { id: string }) => product(reference.id),
    price: ({ id }: { id: string }) => ({ amount: prices.get(id) }),
    inventory: () => 7,
    viewerNote: () => 'yours',
    secret: () => ({ value: 's' }),
  },
};

const server = createSubgraphServer<SubgraphContext>({ name: 'test', typeDefs, resolvers: resolvers as never }, createLogger('test', { level: 'silent' }));
beforeAll(() => server.start());
afterAll(() => server.stop());

const signedIn: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'r' };

async function send(query: string, variables: Record<string, unknown> = {}, viewer: Viewer = anonymousViewer()) {
  const response = await server.executeOperation({ query, variables }, { contextValue: { viewer, changed: changeRecorder() } });
  if (response.body.kind !== 'single') throw new Error('single result expected');
  return { cacheControl: response.http.headers.get('cache-control'), result: response.body.singleResult };
}

const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id price { amount } } } }';

describe('what a subgraph tells the gateway about caching', () => {
  it('marks an entity fetch of hinted types public for their maxAge, inherited by value types', async () => {
    expect((await send(ENTITIES, { representations: [{ __typename: 'Product', id: 'p1' }] })).cacheControl).toBe('max-age=30, public');
    expect((await send('{ product(id: "p1") { id price { amount } } }')).cacheControl).toBe('max-age=30, public');
    expect((await send('{ list { id } }')).cacheControl).toBe('max-age=10, public');
  });

  it('keeps nothing that selects a field hinted maxAge 0, or an object type without a hint', async () => {
    expect((await send('{ product(id: "p1") { id inventory } }')).cacheControl).toBe('no-store');
    expect((await send('{ product(id: "p1") { id secret { value } } }')).cacheControl).toBe('no-store');
  });

  it('makes an answer that went through @auth private, and one with errors uncacheable', async () => {
    expect((await send('{ product(id: "p1") { id viewerNote } }', {}, signedIn)).cacheControl).toBe('max-age=30, private');
    const refused = await send('{ product(id: "p1") { id viewerNote } }');
    expect(refused.result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.cacheControl).toBe('no-store');
  });

  it('names the entities a write changed, once each, in extensions.changedEntities; a read names none', async () => {
    const written = await send('mutation { changePrice(id: "p1", amount: 120) { id price { amount } } }');
    expect(written.result.extensions?.[CHANGED_ENTITIES_EXTENSION]).toEqual([{ typename: 'Product', id: 'p1' }]);
    // A mutation's answer can say public (its field's type is hinted): the gateway keeps reads only.
    expect(written.cacheControl).toBe('max-age=30, public');
    expect((await send('{ product(id: "p1") { id } }')).result.extensions).toBeUndefined();
  });
});

describe('changeRecorder', () => {
  it('remembers each entity once, and a change to which entities of a type exist apart from any one of them', () => {
    const changed: Changed = changeRecorder();
    changed('Product', 'p1');
    changed('Brand', ['b1', 'b2']);
    changed('Product', 'p1');
    changed('Brand', []);
    changed('Product');
    expect(changesOf({ changed })).toEqual([{ typename: 'Product', id: 'p1' }, { typename: 'Brand', id: 'b1' }, { typename: 'Brand', id: 'b2' }, { typename: 'Product' }]);
    expect(changesOf({})).toEqual([]);
  });
});
