import { buildSchema, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestedCost } from './cost.ts';
import { useCostCache, type Pricing } from './cost-cache.ts';

const schema = buildSchema(/* GraphQL */ `
  type Query { feed(first: Int = 20, after: String, last: Int, before: String): VideoConnection! }
  type VideoConnection { edges: [VideoEdge!]! }
  type VideoEdge { node: Video! }
  type Video { id: ID! creator: Creator! }
  type Creator { id: ID! videos(first: Int): VideoConnection! }
`);

const operationOf = (document: DocumentNode, name?: string) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (name === undefined || d.name?.value === name))!;

/** The real pricing, counting how often it runs. */
function counted() {
  let calls = 0;
  const price: Pricing = (...args) => {
    calls++;
    return requestedCost(...args);
  };
  return { price, calls: () => calls };
}

describe('the cost cache', () => {
  const document = parse(`query Page($after: String, $n: Int, $m: Int) { feed(first: $n, after: $after) { edges { node { creator { ...Videos } } } } }
    fragment Videos on Creator { videos(first: $m) { edges { node { id } } } }`);

  it('prices a document once for every request that differs only in variables the price does not use', () => {
    const { price, calls } = counted();
    const cost = useCostCache(price);
    const first = cost(schema, document, operationOf(document), { after: null, n: 5, m: 2 });
    for (const after of ['c1', 'c2', 'c3']) expect(cost(schema, document, operationOf(document), { after, n: 5, m: 2 })).toBe(first);
    expect(calls()).toBe(1);
    // feed 1 + 5 × (edges 1 + node 1 + creator 1 + videos (1 + 2 × (edges 1 + node 1)))
    expect(first).toBe(1 + 5 * (1 + 1 + 1 + (1 + 2 * 2)));
  });

  it('prices again when a page size changes, in the operation or in a fragment, and gives the exact price', () => {
    const { price, calls } = counted();
    const cost = useCostCache(price);
    const fragments = { Videos: document.definitions[1] as never };
    for (const variables of [{ n: 5, m: 2 }, { n: 6, m: 2 }, { n: 5, m: 3 }, { n: 5 }]) {
      expect(cost(schema, document, operationOf(document), variables)).toBe(requestedCost(schema, operationOf(document), fragments, variables));
    }
    expect(calls()).toBe(4);
  });

  it('prices again when a backward page size (`last`) changes, not when its cursor does', () => {
    const { price, calls } = counted();
    const cost = useCostCache(price);
    const backward = parse('query Back($before: String, $n: Int) { feed(last: $n, before: $before) { edges { node { id } } } }');
    expect(cost(schema, backward, operationOf(backward), { n: 2, before: 'c1' })).toBe(1 + 2 * 2);
    expect(cost(schema, backward, operationOf(backward), { n: 2, before: 'c2' })).toBe(1 + 2 * 2);
    expect(cost(schema, backward, operationOf(backward), { n: 90, before: 'c2' })).toBe(1 + 90 * 2);
    expect(calls()).toBe(2);
  });

  it('keeps prices apart by operation, by document and by schema', () => {
    const { price, calls } = counted();
    const cost = useCostCache(price);
    const two = parse('query A { feed(first: 1) { edges { node { id } } } } query B { feed(first: 9) { edges { node { id } } } }');
    expect(cost(schema, two, operationOf(two, 'A'), {})).toBe(1 + 1 * 2);
    expect(cost(schema, two, operationOf(two, 'B'), {})).toBe(1 + 9 * 2);
    const same = parse('query A { feed(first: 1) { edges { node { id } } } }');
    cost(schema, same, operationOf(same), {});
    cost(buildSchema('type Query { feed(first: Int): VideoConnection! } type VideoConnection { edges: [VideoEdge!]! } type VideoEdge { node: Video! } type Video { id: ID! }'), same, operationOf(same), {});
    expect(calls()).toBe(4);
  });

  it('holds a bounded number of page sizes per document', () => {
    const { price, calls } = counted();
    const cost = useCostCache(price, { maxPricesPerDocument: 3 });
    for (let n = 1; n <= 10; n++) cost(schema, document, operationOf(document), { n });
    expect(calls()).toBe(10);
    // The newest size is kept.
    cost(schema, document, operationOf(document), { n: 10 });
    expect(calls()).toBe(10);
  });
});
