/**
 * Every kind of list, paged a few rows at a time with the cursors the API hands out, meets the
 * same rows in the same order as pages of a hundred: the keyset conditions (times, positions, names,
 * counts, flags) agree with each list's order, on whichever engine the stores run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, creatorIds, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

interface Connection {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A list as a query taking `$first` and `$after`, and where its connection is in the answer. */
interface List {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  connection: (data: any) => Connection;
}

const PAGE = 'edges { cursor node { id } } pageInfo { hasNextPage endCursor }';

async function pageOf(list: List, first: number, after: string | null): Promise<Connection> {
  const { body } = await graph.query(list.query, { ...list.variables, first, after });
  expect(body.errors, list.name).toBeUndefined();
  return list.connection(body.data);
}

async function pagedIds(list: List, size: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const page = await pageOf(list, size, after);
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
  throw new Error(`${list.name} never ended`);
}

const root = (field: string, args = ''): List => ({
  name: field,
  query: `query ($first: Int!, $after: String) { ${field}(first: $first, after: $after${args}) { ${PAGE} } }`,
  connection: (data) => data[field],
});
const nested = (name: string, parent: string, idVariable: string, id: string, field: string): List => ({
  name,
  query: `query ($id: ID!, $first: Int!, $after: String) { ${parent}(${idVariable}: $id) { ${field}(first: $first, after: $after) { ${PAGE} } } }`,
  variables: { id },
  connection: (data) => data[parent][field],
});

describe('paging', () => {
  it('meets every row of every list once, in the list’s order, a few at a time', async () => {
    const catalogOf = (await graph.query('query ($id: ID!) { brand(id: $id) { catalogs(first: 1) { edges { node { id } } } } }', { id: brands[0]!.id })).body.data.brand.catalogs.edges[0]?.node.id;
    const lists: List[] = [
      root('brands'),
      root('products'),
      root('feed'),
      root('liveNow'),
      root('creators'),
      root('giftOffers'),
      ...brands.slice(0, 3).flatMap((brand) => [nested(`brand ${brand.id} products`, 'brand', 'id', brand.id, 'products'), nested(`brand ${brand.id} catalogs`, 'brand', 'id', brand.id, 'catalogs')]),
      ...(catalogOf ? [nested('catalog products', 'catalog', 'id', catalogOf, 'products')] : []),
      ...creatorIds.slice(0, 4).flatMap((id) => [
        nested(`creator ${id} videos`, 'creator', 'id', id, 'videos'),
        nested(`creator ${id} live streams`, 'creator', 'id', id, 'liveStreams'),
        nested(`creator ${id} showcase`, 'creator', 'id', id, 'showcase'),
        nested(`creator ${id} catalogs`, 'creator', 'id', id, 'catalogs'),
        nested(`creator ${id} followers`, 'creator', 'id', id, 'followers'),
      ]),
      nested('user following', 'user', 'id', userIds[30] as string, 'following'),
    ];
    let paged = 0;
    for (const list of lists) {
      const whole = await pagedIds(list, 100);
      const threeAtATime = await pagedIds(list, 3);
      expect(threeAtATime, list.name).toEqual(whole);
      expect(new Set(whole).size, list.name).toBe(whole.length);
      if (whole.length > 3) paged++;
    }
    // Most lists are long enough that the cursors were used.
    expect(paged).toBeGreaterThan(lists.length / 2);
  });
});
