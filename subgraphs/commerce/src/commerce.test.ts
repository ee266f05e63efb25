import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { seedId } from '@app/fixtures/ids';
import { brands as seedBrands, creatorIds, creatorTopic, LIVE_NOW_COUNT, liveStreamCreatorId, liveStreamIds, productIds, shopBrands, videoCreatorId, videoIds } from '@app/fixtures/world';
import { resolveEntities, subgraphTestbed } from '@app/kit/testing';
import { createContext } from './context.ts';
import { seedCommerceStore } from './db/seed.ts';
import { creatorCatalogs, products, showcaseItems, videoProducts } from './db/tables.ts';
import { openCommerceStore } from './db/store.ts';
import { createServer } from './server.ts';

const { store, server, counter, run } = subgraphTestbed({ open: openCommerceStore, createServer, context: (store, viewer) => createContext(store, viewer), seed: seedCommerceStore });

/** Follows `endCursor` until the last page, collecting every node. */
async function collect(query: string, field: (data: any) => any, variables: Record<string, unknown> = {}) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await run(query, { ...variables, after });
    expect(result.errors).toBeUndefined();
    const connection = field(result.data);
    nodes.push(...connection.edges.map((edge: any) => edge.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

describe('commerce subgraph', () => {
  it('pages through every ACTIVE product newest first without repeats, and brandId keeps one brand', async () => {
    const active = store.db.select({ id: products.id }).from(products).where(eq(products.status, 'ACTIVE')).all();
    expect(active.length).toBeLessThan(productIds.length);

    const all = await collect(
      'query ($after: String) { products(first: 40, after: $after) { edges { node { id status createdAt } } pageInfo { hasNextPage endCursor } } }',
      (data) => data.products,
    );
    expect(all).toHaveLength(active.length);
    expect(new Set(all.map((node) => node.id))).toEqual(new Set(active.map((row) => row.id)));
    expect(all.every((node) => node.status === 'ACTIVE')).toBe(true);
    const times = all.map((node) => Date.parse(node.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const shop = shopBrands[2]?.id as string;
    const ofShop = await collect(
      'query ($after: String, $brandId: ID) { products(first: 7, after: $after, brandId: $brandId) { edges { node { id brand { id } } } pageInfo { hasNextPage endCursor } } }',
      (data) => data.products,
      { brandId: shop },
    );
    const expected = store.db.select({ id: products.id, brandId: products.brandId, status: products.status }).from(products).all().filter((row) => row.brandId === shop && row.status === 'ACTIVE');
    expect(ofShop.length).toBe(expected.length);
    expect(ofShop.every((node) => node.brand.id === shop)).toBe(true);
  });

  it('shows a product price as Money in integer cents with a "$x.yy" formatted string, and commission as a fraction', async () => {
    const result = await run('query ($id: ID!) { product(id: $id) { price { amount currencyCode formatted } commissionRate inventory inStock } }', { id: productIds[0] });
    expect(result.errors).toBeUndefined();
    const product = result.data?.product;
    expect(Number.isInteger(product.price.amount)).toBe(true);
    expect(product.price.currencyCode).toBe('USD');
    expect(product.price.formatted).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(product.price.formatted.replace(/[$,]/g, '')).toBe((product.price.amount / 100).toFixed(2));
    expect(product.commissionRate).toBeGreaterThanOrEqual(0.05);
    expect(product.commissionRate).toBeLessThanOrEqual(0.2);
    expect(product.inStock).toBe(product.inventory > 0);
  });

  it('answers NOT_FOUND with null data for an unknown product, brand, catalog or brandId filter', async () => {
    for (const query of ['{ product(id: "prd_nope") { id } }', '{ brand(id: "brd_nope") { id } }', '{ catalog(id: "cat_nope") { id } }']) {
      const result = await run(query);
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(Object.values(result.data ?? {})).toEqual([null]);
    }
    const filtered = await run('{ products(brandId: "brd_nope") { edges { cursor } } }');
    expect(filtered.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(filtered.data).toBeNull();
  });

  it('refuses a page above the cap and a malformed cursor', async () => {
    const tooMany = await run('{ products(first: 10000) { edges { cursor } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await run('{ brands(after: "not-a-cursor") { edges { cursor } } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badNested = await run('query ($id: ID!) { brand(id: $id) { products(first: 10000) { edges { cursor } } } }', { id: shopBrands[0]?.id });
    expect(badNested.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists all 12 brands by name, and a shop with its products and catalogs', async () => {
    const listed = await collect('query ($after: String) { brands(first: 5, after: $after) { edges { node { name platform } } pageInfo { hasNextPage endCursor } } }', (data) => data.brands);
    expect(listed.map((node) => node.name)).toEqual(seedBrands.map((brand) => brand.name).sort());

    const shop = await run('query ($id: ID!) { brand(id: $id) { slug logoUrl products(first: 100) { edges { node { brand { id } status } } } catalogs { edges { node { brand { id } products(first: 100) { edges { node { brand { id } } } } } } } } }', {
      id: shopBrands[0]?.id,
    });
    expect(shop.errors).toBeUndefined();
    const brand = shop.data?.brand;
    expect(brand.logoUrl).toBe(`https://cdn.example.com/b/${brand.slug}.png`);
    expect(brand.products.edges.length).toBeGreaterThan(0);
    expect(brand.products.edges.every((edge: any) => edge.node.brand.id === shopBrands[0]?.id && edge.node.status === 'ACTIVE')).toBe(true);
    expect(brand.catalogs.edges.length).toBeGreaterThan(0);
    for (const { node } of brand.catalogs.edges) {
      expect(node.brand.id).toBe(shopBrands[0]?.id);
      expect(node.products.edges.length).toBeGreaterThanOrEqual(5);
      expect(node.products.edges.every((edge: any) => edge.node.brand.id === shopBrands[0]?.id)).toBe(true);
    }
  });

  it("returns a video's tagged products in tag position order, and none for an untagged video", async () => {
    const videoId = 'vid_test_positions';
    const tagged = [productIds[9], productIds[3], productIds[7]] as string[];
    // Inserted out of order, so only `position` can put them right.
    store.db
      .insert(videoProducts)
      .values([
        { videoId, productId: tagged[2] as string, position: 2 },
        { videoId, productId: tagged[0] as string, position: 0 },
        { videoId, productId: tagged[1] as string, position: 1 },
      ])
      .run();
    const result = await resolveEntities(server, createContext(store), 'Video', [videoId, 'vid_untagged'], 'products { id title }');
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]?.products.map((product: any) => product.id)).toEqual(tagged);
    expect(result.data?._entities[1]?.products).toEqual([]);
  });

  it('returns the products pinned on a live stream, and none for a stream that is not live', async () => {
    const result = await resolveEntities(server, createContext(store), 'LiveStream', [liveStreamIds[0] as string, liveStreamIds[LIVE_NOW_COUNT] as string], 'pinnedProducts { id status }');
    expect(result.errors).toBeUndefined();
    const pinned = result.data?._entities[0]?.pinnedProducts;
    expect(pinned.length).toBeGreaterThanOrEqual(2);
    expect(pinned.length).toBeLessThanOrEqual(6);
    expect(pinned.every((product: any) => product.status === 'ACTIVE')).toBe(true);
    expect(result.data?._entities[1]?.pinnedProducts).toEqual([]);
  });

  it("returns a creator's showcase in the creator's order across pages, and the catalogs they carry", async () => {
    const creatorId = creatorIds[0] as string;
    const expected = store.db.select({ id: showcaseItems.productId }).from(showcaseItems).where(eq(showcaseItems.creatorId, creatorId)).orderBy(asc(showcaseItems.position)).all();
    const carried = store.db.select({ id: creatorCatalogs.catalogId }).from(creatorCatalogs).where(eq(creatorCatalogs.creatorId, creatorId)).orderBy(asc(creatorCatalogs.position)).all();
    expect(carried.length).toBeGreaterThan(0);

    const shown: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = await resolveEntities(
        server,
        createContext(store),
        'Creator',
        [creatorId],
        `showcase(first: 4, after: ${JSON.stringify(after)}) { edges { node { id } } pageInfo { hasNextPage endCursor } } catalogs { edges { node { id name } } }`,
      );
      expect(result.errors).toBeUndefined();
      const creator = result.data._entities[0];
      expect(creator.catalogs.edges.map((edge: any) => edge.node.id)).toEqual(carried.map((row) => row.id));
      shown.push(...creator.showcase.edges.map((edge: any) => edge.node.id));
      if (!creator.showcase.pageInfo.hasNextPage) break;
      after = creator.showcase.pageInfo.endCursor;
    }
    expect(shown).toEqual(expected.map((row) => row.id));

    const stranger = await resolveEntities(server, createContext(store), 'Creator', ['usr_unknown'], 'showcase { edges { cursor } } catalogs { edges { cursor } }');
    expect(stranger.data?._entities[0]).toEqual({ showcase: { edges: [] }, catalogs: { edges: [] } });
  });

  it('resolves Product references through _entities, null for an unknown id', async () => {
    const result = await resolveEntities(server, createContext(store), 'Product', [productIds[1] as string, 'prd_unknown'], 'title brand { name }');
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]?.brand.name).toEqual(expect.any(String));
    expect(result.data?._entities[1]).toBeNull();
    const catalog = await run('query ($id: ID!) { catalog(id: $id) { name brand { id } } }', { id: seedId('cat', 0) });
    expect(catalog.data?.catalog.brand.id).toBe(shopBrands[0]?.id);
  });

  it('tags, pins and showcases only products whose brand suits the creator’s topic, no title twice in one list (the seed world)', async () => {
    const topicsOf = new Map(seedBrands.map((brand) => [brand.id, brand.topics as readonly string[]]));
    const suits = (topic: string, products: { title: string; brand: { id: string } }[]) =>
      products.every((product) => topicsOf.get(product.brand.id)?.includes(topic)) && new Set(products.map((product) => product.title)).size === products.length;
    const videos = await resolveEntities(server, createContext(store), 'Video', videoIds, 'products { title brand { id } }');
    expect(videos.errors).toBeUndefined();
    const tagged = videos.data?._entities.filter((video) => video?.products.length) ?? [];
    expect(tagged.length).toBeGreaterThan(50);
    videos.data?._entities.forEach((video, i) => expect(suits(creatorTopic(videoCreatorId(i)), video?.products ?? [])).toBe(true));
    const live = liveStreamIds.slice(0, LIVE_NOW_COUNT);
    const streams = await resolveEntities(server, createContext(store), 'LiveStream', live, 'pinnedProducts { title brand { id } }');
    streams.data?._entities.forEach((stream, i) => {
      expect(stream?.pinnedProducts.length).toBeGreaterThan(0);
      expect(suits(creatorTopic(liveStreamCreatorId(i)), stream?.pinnedProducts ?? [])).toBe(true);
    });
    const creators = await resolveEntities(server, createContext(store), 'Creator', creatorIds, 'showcase(first: 100) { edges { node { title brand { id } } } }');
    creators.data?._entities.forEach((creator, i) => {
      const showcase = creator?.showcase.edges.map((edge: any) => edge.node) ?? [];
      expect(showcase.length).toBeGreaterThan(0);
      expect(suits(creatorTopic(creatorIds[i] as string), showcase)).toBe(true);
    });
  });

  // A paged list (a creator's showcase, catalogs, a catalog's products) is one indexed read per owner, the
  // same prepared statement for each: its count follows the owners, its shape does not.
  it('runs the same statements for 5 and for 50 videos, creators, live streams and products, and as many for the unpaged lists', async () => {
    const pad = (ids: readonly string[], prefix: string) => [...ids, ...Array.from({ length: 50 }, (_, i) => `${prefix}_made_up_${i}`)].slice(0, 50);
    // The five always have rows at every level, so both runs reach the same loaders.
    const taggedVideos = [...new Set(store.db.select({ id: videoProducts.videoId }).from(videoProducts).all().map((row) => row.id))];
    const cataloguedCreators = [...new Set(store.db.select({ id: creatorCatalogs.creatorId }).from(creatorCatalogs).all().map((row) => row.id))];
    const cases = [
      { typename: 'Video', five: taggedVideos.slice(0, 5), fifty: pad([...new Set([...taggedVideos.slice(0, 5), ...videoIds])], 'vid'), selection: 'products { title price { amount formatted } brand { name } }' },
      {
        typename: 'Creator',
        five: cataloguedCreators.slice(0, 5),
        fifty: pad([...new Set([...cataloguedCreators.slice(0, 5), ...creatorIds])], 'usr'),
        selection: 'showcase(first: 5) { edges { node { title brand { name } } } } catalogs { edges { node { name products(first: 3) { edges { node { id } } } } } }',
      },
      { typename: 'LiveStream', five: liveStreamIds.slice(0, 5), fifty: pad(liveStreamIds, 'liv'), selection: 'pinnedProducts { id }' },
      { typename: 'Product', five: productIds.slice(0, 5), fifty: productIds.slice(0, 50), selection: 'brand { name }' },
    ];
    const counts: Record<string, [number, number]> = {};
    for (const { typename, five, fifty, selection } of cases) {
      expect(five).toHaveLength(5);
      expect(new Set(fifty).size).toBe(50);
      const statementsFor = async (ids: readonly string[]) => {
        counter.reset();
        const result = await resolveEntities(server, createContext(store), typename, ids, selection);
        expect(result.errors).toBeUndefined();
        expect(result.data?._entities.every((entity) => entity !== null)).toBe(true);
        return { total: counter.count, shapes: new Set(counter.statements).size };
      };
      const [few, many] = [await statementsFor(five), await statementsFor(fifty)];
      counts[typename] = [typename === 'Creator' ? few.shapes : few.total, typename === 'Creator' ? many.shapes : many.total];
    }
    for (const [typename, [five, fifty]] of Object.entries(counts)) {
      expect({ typename, fifty }).toEqual({ typename, fifty: five });
      expect(five).toBeGreaterThan(0);
      expect(five).toBeLessThanOrEqual(5);
    }
  });
});
