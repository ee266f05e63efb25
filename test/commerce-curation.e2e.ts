/**
 * Curation finished, through the gateway: a brand moves products within its catalogs, renames and
 * deletes them; a creator moves products within their showcase and chooses which brand catalogs
 * their profile carries. Each public list is read before and after the write, so a write that
 * failed to name what it changed would show the gateway's kept answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, shopBrands, userIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';

let graph: RunningGraph;
const brandId = shopBrands[0]?.id as string;
const otherBrandId = shopBrands[1]?.id as string;
const creator = creatorIds[10] as string;
const products: string[] = [];
let brandKey: Record<string, string>;
let otherKey: Record<string, string>;

const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });
const key = async (partnerId: string) => ({ 'x-api-key': (await graph.keys.create({ partnerId, name: 'e2e curation', scopes: ['catalog:write'] })).secret });
const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

const CATALOG = 'query ($id: ID!) { catalog(id: $id) { id name description products(first: 50) { edges { node { id } } } } }';
const PROFILE = 'query ($id: ID!) { creator(id: $id) { catalogs(first: 50) { edges { node { id } } } showcase(first: 100) { edges { node { id } } } } }';
const MOVE_IN_CATALOG = 'mutation ($catalog: ID!, $product: ID!, $position: Int!) { moveCatalogProduct(catalogId: $catalog, productId: $product, position: $position) { products(first: 50) { edges { node { id } } } } }';

async function createCatalog(name: string, productIds: string[]): Promise<string> {
  const { body } = await graph.query('mutation ($input: CreateCatalogInput!) { createCatalog(input: $input) { id } }', { input: { brandId, name, productIds } }, brandKey);
  expect(body.errors).toBeUndefined();
  return body.data.createCatalog.id;
}

async function catalogProducts(catalogId: string): Promise<string[]> {
  const { body } = await graph.query(CATALOG, { id: catalogId });
  return ids(body.data.catalog.products);
}

async function profile(creatorId: string): Promise<{ catalogs: string[]; showcase: string[] }> {
  const { body } = await graph.query(PROFILE, { id: creatorId });
  expect(body.errors).toBeUndefined();
  return { catalogs: ids(body.data.creator.catalogs), showcase: ids(body.data.creator.showcase) };
}

beforeAll(async () => {
  graph = await startGraph();
  brandKey = await key(brandId);
  otherKey = await key(otherBrandId);
  const items = ['a', 'b', 'c', 'd'].map((letter, i) => ({ externalId: `cur-${letter}`, title: `Curated ${letter}`, priceAmount: 1000 + i, inventory: 10, status: 'ACTIVE' }));
  const { body } = await graph.query('mutation ($brandId: ID!, $feed: ProductFeedInput!) { importProductFeed(brandId: $brandId, feed: $feed) { created } }', { brandId, feed: { mode: 'PARTIAL', items } }, brandKey);
  expect(body.errors).toBeUndefined();
  expect(body.data.importProductFeed.created).toBe(4);
  for (const item of items) products.push(await graph.rows('commerce').scalar<string>('select id from products where brand_id = ? and external_id = ?', brandId, item.externalId));
});
afterAll(() => graph?.stop());

describe('a brand curating its catalogs', () => {
  it('moves a product to a position, first, last or past the end; refuses a product not in it, a bad position and another brand', async () => {
    const [a, b, c, d] = products as [string, string, string, string];
    const catalogId = await createCatalog('Moves', [a, b, c, d]);
    expect(await catalogProducts(catalogId)).toEqual([a, b, c, d]);

    const move = async (product: string, position: number, headers = brandKey) => graph.query(MOVE_IN_CATALOG, { catalog: catalogId, product, position }, headers);
    expect(ids((await move(d, 0)).body.data.moveCatalogProduct.products)).toEqual([d, a, b, c]);
    expect(await catalogProducts(catalogId)).toEqual([d, a, b, c]);
    expect(ids((await move(d, 2)).body.data.moveCatalogProduct.products)).toEqual([a, b, d, c]);
    expect(ids((await move(a, 99)).body.data.moveCatalogProduct.products)).toEqual([b, d, c, a]);
    // Moving where it already is changes nothing.
    expect(ids((await move(b, 0)).body.data.moveCatalogProduct.products)).toEqual([b, d, c, a]);

    const removed = await graph.query('mutation ($id: ID!, $p: [ID!]!) { removeCatalogProducts(catalogId: $id, productIds: $p) { id } }', { id: catalogId, p: [c] }, brandKey);
    expect(removed.body.errors).toBeUndefined();
    const refusals: [Promise<{ body: any }>, Record<string, unknown>][] = [
      [move(c, 0), { code: 'PRODUCT_NOT_LISTED', productId: c }],
      [move(a, -1), { code: 'BAD_USER_INPUT', field: 'position' }],
      [move(a, 0, otherKey), { code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' }],
      [graph.query(MOVE_IN_CATALOG, { catalog: 'cat_nope', product: a, position: 0 }, brandKey), { code: 'NOT_FOUND' }],
    ];
    for (const [answer, extensions] of refusals) expect((await answer).body.errors?.[0]?.extensions).toMatchObject(extensions);
    expect(await catalogProducts(catalogId)).toEqual([b, d, a]);
  });

  it('renames a catalog and changes its description, each left alone when not given; only its brand may', async () => {
    const catalogId = await createCatalog('Spring', [products[0] as string]);
    expect((await graph.query(CATALOG, { id: catalogId })).body.data.catalog).toMatchObject({ name: 'Spring', description: '' });
    const UPDATE = 'mutation ($input: UpdateCatalogInput!) { updateCatalog(input: $input) { id name description } }';
    const renamed = await graph.query(UPDATE, { input: { catalogId, name: '  Summer edit  ' } }, brandKey);
    expect(renamed.body.data.updateCatalog).toEqual({ id: catalogId, name: 'Summer edit', description: '' });
    const described = await graph.query(UPDATE, { input: { catalogId, description: 'Light layers.' } }, brandKey);
    expect(described.body.data.updateCatalog).toEqual({ id: catalogId, name: 'Summer edit', description: 'Light layers.' });
    // The public read shows the new name, not what the gateway kept before.
    expect((await graph.query(CATALOG, { id: catalogId })).body.data.catalog).toMatchObject({ name: 'Summer edit', description: 'Light layers.' });

    for (const [input, headers, extensions] of [
      [{ catalogId, name: '   ' }, brandKey, { code: 'BAD_USER_INPUT', field: 'name' }],
      [{ catalogId, description: 'x'.repeat(1001) }, brandKey, { code: 'BAD_USER_INPUT', field: 'description' }],
      [{ catalogId, name: 'Taken over' }, otherKey, { code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' }],
    ] as const) {
      expect((await graph.query(UPDATE, { input }, headers)).body.errors?.[0]?.extensions).toMatchObject(extensions);
    }
    expect((await graph.query(CATALOG, { id: catalogId })).body.data.catalog.name).toBe('Summer edit');
  });

  it('deletes a catalog: gone from the brand, from every profile that carried it, and NOT_FOUND after', async () => {
    const catalogId = await createCatalog('Short-lived', [products[1] as string]);
    const kept = await createCatalog('Kept', [products[2] as string]);
    const SET = 'mutation ($ids: [ID!]!) { setProfileCatalogs(catalogIds: $ids) { id } }';
    const fan = creatorIds[11] as string;
    expect((await graph.query(SET, { ids: [catalogId, kept] }, await as(fan))).body.errors).toBeUndefined();
    expect((await profile(fan)).catalogs).toEqual([catalogId, kept]);
    const BRAND = 'query ($id: ID!) { brand(id: $id) { catalogs(first: 100) { edges { node { id } } } } }';
    expect(ids((await graph.query(BRAND, { id: brandId })).body.data.brand.catalogs)).toContain(catalogId);

    const DELETE = 'mutation ($id: ID!) { deleteCatalog(catalogId: $id) { deletedCatalogId brand { id } } }';
    const refused = await graph.query(DELETE, { id: catalogId }, otherKey);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNING_PARTNER' });
    const deleted = await graph.query(DELETE, { id: catalogId }, brandKey);
    expect(deleted.body.data.deleteCatalog).toEqual({ deletedCatalogId: catalogId, brand: { id: brandId } });

    expect((await graph.query(CATALOG, { id: catalogId })).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await profile(fan)).catalogs).toEqual([kept]);
    expect(ids((await graph.query(BRAND, { id: brandId })).body.data.brand.catalogs)).not.toContain(catalogId);
    expect((await graph.query(DELETE, { id: catalogId }, brandKey)).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await graph.rows('commerce').scalar<number>('select count(*) from catalog_products where catalog_id = ?', catalogId)).toBe(0);
  });
});

describe("a creator's profile", () => {
  it('moves a product within the showcase; refuses one not in it', async () => {
    const headers = await as(creator);
    const before = (await profile(creator)).showcase;
    for (const product of products) {
      expect((await graph.query('mutation ($id: ID!) { addToShowcase(productId: $id) { id } }', { id: product }, headers)).body.errors).toBeUndefined();
    }
    const [a, b, c, d] = products as [string, string, string, string];
    expect((await profile(creator)).showcase).toEqual([...before, a, b, c, d]);
    const MOVE = 'mutation ($id: ID!, $position: Int!) { moveShowcaseProduct(productId: $id, position: $position) { showcase(first: 100) { edges { node { id } } } } }';
    const moved = await graph.query(MOVE, { id: c, position: 0 }, headers);
    expect(moved.body.errors).toBeUndefined();
    expect(ids(moved.body.data.moveShowcaseProduct.showcase)).toEqual([c, ...before, a, b, d]);
    expect((await profile(creator)).showcase).toEqual([c, ...before, a, b, d]);

    await graph.query('mutation ($id: ID!) { removeFromShowcase(productId: $id) { id } }', { id: d }, headers);
    expect((await graph.query(MOVE, { id: d, position: 0 }, headers)).body.errors?.[0]?.extensions).toMatchObject({ code: 'PRODUCT_NOT_LISTED', productId: d });
    expect((await graph.query(MOVE, { id: a, position: 0 })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await profile(creator)).showcase).toEqual([c, ...before, a, b]);
  });

  it('carries the brand catalogs the creator chooses, in their order; refuses a non-creator, an unknown catalog and too many', async () => {
    const headers = await as(creator);
    const first = await createCatalog('Profile one', [products[0] as string]);
    const second = await createCatalog('Profile two', [products[1] as string]);
    const SET = 'mutation ($ids: [ID!]!) { setProfileCatalogs(catalogIds: $ids) { catalogs(first: 50) { edges { node { id } } } } }';
    await profile(creator); // what the gateway may keep before the write
    const set = await graph.query(SET, { ids: [second, first, second] }, headers);
    expect(set.body.errors).toBeUndefined();
    expect(ids(set.body.data.setProfileCatalogs.catalogs)).toEqual([second, first]);
    expect((await profile(creator)).catalogs).toEqual([second, first]);

    const refusals: [unknown, Record<string, string>, Record<string, unknown>][] = [
      [[first, 'cat_missing'], headers, { code: 'NOT_FOUND' }],
      [[first], await as(userIds[45] as string), { code: 'FORBIDDEN', reason: 'NOT_A_CREATOR' }],
      [Array.from({ length: 21 }, (_, i) => `cat_${i}`), headers, { code: 'PROFILE_CATALOGS_LIMIT', max: 20 }],
    ];
    for (const [catalogIds, as, extensions] of refusals) expect((await graph.query(SET, { ids: catalogIds }, as)).body.errors?.[0]?.extensions).toMatchObject(extensions);
    expect((await profile(creator)).catalogs).toEqual([second, first]);

    expect(ids((await graph.query(SET, { ids: [] }, headers)).body.data.setProfileCatalogs.catalogs)).toEqual([]);
    expect((await profile(creator)).catalogs).toEqual([]);
  });
});
