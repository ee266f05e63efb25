import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@app/kit/log';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { ENTITY_CACHE_STALE, useEntityCache, type SubgraphCallAnswer, type SubgraphResult } from './entity-cache.ts';
import { MemoryEntityCacheStore, type EntityCacheStore } from './entity-cache/store.ts';
import { viewerKey as viewerKeyOf } from './collapse.ts';
import { createGatewayMetrics } from './metrics.ts';
import { ResponseParts } from './response-cache/parts.ts';

const supergraphSdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
const logger = createLogger('test', { level: 'silent' });

const VIDEO_PRODUCTS = 'query Feed__commerce__1($representations:[_Any!]!){_entities(representations:$representations){...on Video{products{id price{amount}}}}}';
const PRODUCT_PAGE = 'query Page__commerce__0($id:ID!){product(id:$id){id title}}';
const UPDATE_PRICE = 'mutation Update__commerce__0($id:ID!){updateProduct(input:{id:$id,priceAmount:1}){id}}';

const productsOf: Record<string, string[]> = { v1: ['p1'], v2: ['p2'], v3: ['p1', 'p3'], v4: [] };
const video = (id: string) => ({ products: productsOf[id]!.map((product) => ({ id: product, price: { amount: 100 } })) });
const reps = (...ids: string[]) => ids.map((id) => ({ __typename: 'Video', id }));
const PUBLIC = 'max-age=30, public';
const user = (id: string): Viewer => ({ userId: id, partnerId: null, keyId: null, scopes: [], country: 'US', requestId: `r-${id}` });

/** A subgraph that answers each representation it is sent and records what it was sent. */
function videoSubgraph(cacheControl: string | null = PUBLIC) {
  const sent: string[][] = [];
  return {
    sent,
    send: async (variables: Record<string, unknown> | undefined): Promise<SubgraphCallAnswer> => {
      const ids = (variables?.representations as { id: string }[]).map((rep) => rep.id);
      sent.push(ids);
      return { result: { data: { _entities: ids.map(video) } }, cacheControl: cacheControl ?? undefined };
    },
  };
}

function cache(store: EntityCacheStore = new MemoryEntityCacheStore({ maxBytes: 1_000_000 })) {
  const metrics = createGatewayMetrics();
  return { cache: useEntityCache({ store, supergraphSdl, metrics, logger }), metrics, store };
}

const call = (query: string, variables: Record<string, unknown>, viewer: Viewer = anonymousViewer(), bypass = false) => ({ subgraph: 'commerce', query, variables, viewer, bypass });
const fetchVideos = (c: ReturnType<typeof cache>['cache'], subgraph: ReturnType<typeof videoSubgraph>, ids: string[], viewer?: Viewer) =>
  c.fetch(call(VIDEO_PRODUCTS, { representations: reps(...ids) }, viewer), subgraph.send);

describe('entity fetches through the entity cache', () => {
  it('sends only the representations it has not kept and answers in the order asked', async () => {
    const { cache: c, metrics } = cache();
    const subgraph = videoSubgraph();
    expect(await fetchVideos(c, subgraph, ['v1', 'v2'])).toEqual({ data: { _entities: [video('v1'), video('v2')] } });
    expect(await fetchVideos(c, subgraph, ['v2', 'v3', 'v1'])).toEqual({ data: { _entities: [video('v2'), video('v3'), video('v1')] } });
    expect(await fetchVideos(c, subgraph, ['v3', 'v1'])).toEqual({ data: { _entities: [video('v3'), video('v1')] } });
    expect(subgraph.sent).toEqual([['v1', 'v2'], ['v3']]);
    const lookups = (await metrics.entityCacheLookups.get()).values;
    expect(lookups.find((value) => value.labels.outcome === 'hit')?.value).toBe(4);
    expect(lookups.find((value) => value.labels.outcome === 'miss')?.value).toBe(3);
  });

  it("moves a partial answer's errors to the positions of the representations they belong to", async () => {
    const { cache: c } = cache();
    await fetchVideos(c, videoSubgraph(), ['v1']);
    const failing = async (): Promise<SubgraphCallAnswer> => ({
      result: { data: { _entities: [null, video('v3')] }, errors: [{ message: 'no such video', path: ['_entities', 0, 'products'] }] },
      cacheControl: 'no-store',
    });
    const answer = await c.fetch(call(VIDEO_PRODUCTS, { representations: reps('v1', 'v9', 'v3') }), failing);
    expect(answer.data).toEqual({ _entities: [video('v1'), null, video('v3')] });
    expect(answer.errors).toEqual([{ message: 'no such video', path: ['_entities', 1, 'products'] }]);
  });

  it('keeps nothing the subgraph does not allow, nor an answer with errors', async () => {
    for (const cacheControl of ['no-store', null, 'max-age=0, public', 'max-age=30']) {
      const { cache: c } = cache();
      const subgraph = videoSubgraph(cacheControl);
      await fetchVideos(c, subgraph, ['v1']);
      await fetchVideos(c, subgraph, ['v1']);
      expect(subgraph.sent).toEqual([['v1'], ['v1']]);
    }
    const { cache: c } = cache();
    let calls = 0;
    const withError = async (): Promise<SubgraphCallAnswer> => {
      calls++;
      return { result: { data: { _entities: [video('v1')] }, errors: [{ message: 'partly failed' }] }, cacheControl: PUBLIC };
    };
    await c.fetch(call(VIDEO_PRODUCTS, { representations: reps('v1') }), withError);
    await c.fetch(call(VIDEO_PRODUCTS, { representations: reps('v1') }), withError);
    expect(calls).toBe(2);
  });

  it("keeps a private answer for its viewer alone", async () => {
    const { cache: c } = cache();
    const subgraph = videoSubgraph('max-age=30, private');
    await fetchVideos(c, subgraph, ['v1'], user('alice'));
    await fetchVideos(c, subgraph, ['v1'], user('alice'));
    await fetchVideos(c, subgraph, ['v1'], user('bob'));
    await fetchVideos(c, subgraph, ['v1']);
    expect(subgraph.sent).toEqual([['v1'], ['v1'], ['v1']]);
  });

  it('shares a public answer with every viewer', async () => {
    const { cache: c } = cache();
    const subgraph = videoSubgraph();
    await fetchVideos(c, subgraph, ['v1'], user('alice'));
    await fetchVideos(c, subgraph, ['v1'], user('bob'));
    await fetchVideos(c, subgraph, ['v1']);
    expect(subgraph.sent).toEqual([['v1']]);
  });

  it('reads and keeps nothing for a call that bypasses it', async () => {
    const { cache: c } = cache();
    const subgraph = videoSubgraph();
    await fetchVideos(c, subgraph, ['v1']);
    await c.fetch(call(VIDEO_PRODUCTS, { representations: reps('v1', 'v2') }, anonymousViewer(), true), subgraph.send);
    await fetchVideos(c, subgraph, ['v2']);
    expect(subgraph.sent).toEqual([['v1'], ['v1', 'v2'], ['v2']]);
  });
});

describe('writes through the entity cache', () => {
  const write = (changes: unknown[]) => async (): Promise<SubgraphCallAnswer> => ({ result: { data: { updateProduct: { id: 'p1' } }, extensions: { changedEntities: changes } }, cacheControl: PUBLIC });
  const page = (id: string) => async (): Promise<SubgraphCallAnswer> => ({ result: { data: { product: { id, title: `title of ${id}` } } }, cacheControl: PUBLIC });

  it('drop, before the write is answered, every entity and root entry showing what the write named', async () => {
    const { cache: c } = cache();
    const subgraph = videoSubgraph();
    await fetchVideos(c, subgraph, ['v1', 'v2', 'v3']);
    let pages = 0;
    const counted = (id: string) => async () => {
      pages++;
      return page(id)();
    };
    await c.fetch(call(PRODUCT_PAGE, { id: 'p1' }), counted('p1'));
    await c.fetch(call(PRODUCT_PAGE, { id: 'p2' }), counted('p2'));
    await c.fetch(call(UPDATE_PRICE, { id: 'p1' }), write([{ typename: 'Product', id: 'p1' }]));
    await fetchVideos(c, subgraph, ['v1', 'v2', 'v3']);
    await c.fetch(call(PRODUCT_PAGE, { id: 'p1' }), counted('p1'));
    await c.fetch(call(PRODUCT_PAGE, { id: 'p2' }), counted('p2'));
    expect(subgraph.sent).toEqual([['v1', 'v2', 'v3'], ['v1', 'v3']]);
    expect(pages).toBe(3);
  });

  it('never keep what a fetch in flight read before a write it overlapped', async () => {
    const { cache: c } = cache();
    let release: () => void = () => undefined;
    const slow = async (variables: Record<string, unknown> | undefined): Promise<SubgraphCallAnswer> => {
      await new Promise<void>((resolve) => (release = resolve));
      return videoSubgraph().send(variables);
    };
    // The read of v1 (which shows p1) and v2 is in flight when p1's change is dropped.
    const inFlight = fetchVideos(c, { sent: [], send: slow }, ['v1', 'v2']);
    await new Promise((resolve) => setImmediate(resolve));
    await c.fetch(call(UPDATE_PRICE, { id: 'p1' }), write([{ typename: 'Product', id: 'p1' }]));
    release();
    await inFlight;
    const after = videoSubgraph();
    await fetchVideos(c, after, ['v1', 'v2']);
    expect(after.sent).toEqual([['v1']]);
  });

  it('keep a read that starts after a write from sharing a fetch in flight since before it', async () => {
    const { cache: c } = cache();
    const since: (number | undefined)[] = [];
    const subgraph = videoSubgraph('no-store');
    const recording = (variables: Record<string, unknown> | undefined, at?: number) => {
      since.push(at);
      return subgraph.send(variables);
    };
    await c.fetch(call(VIDEO_PRODUCTS, { representations: reps('v1') }), recording);
    await c.fetch(call(VIDEO_PRODUCTS, { representations: reps('v1') }), recording);
    await c.fetch(call(UPDATE_PRICE, { id: 'p1' }), write([{ typename: 'Product', id: 'p1' }]));
    await c.fetch(call(VIDEO_PRODUCTS, { representations: reps('v1') }), recording);
    expect(since[0]).toBe(since[1]);
    expect(since[2]).toBeGreaterThan(since[1]!);
  });

  it('drop the lists of a type when a write names the type without an id', async () => {
    const { cache: c } = cache();
    let pages = 0;
    const brands = async (): Promise<SubgraphCallAnswer> => {
      pages++;
      return { result: { data: { brands: { edges: [{ node: { id: 'b1' } }] } } }, cacheControl: PUBLIC };
    };
    const BRANDS = 'query Brands__commerce__0{brands(first:1){edges{node{id}}}}';
    await c.fetch(call(BRANDS, {}), brands);
    await c.fetch(call(BRANDS, {}), brands);
    await c.fetch(call(UPDATE_PRICE, {}), write([{ typename: 'Product' }]));
    await c.fetch(call(BRANDS, {}), brands);
    await c.fetch(call(UPDATE_PRICE, {}), write([{ typename: 'Brand' }]));
    await c.fetch(call(BRANDS, {}), brands);
    expect(pages).toBe(2);
  });

  it("tell the client when what a write changed could not be dropped, and still answer the write", async () => {
    const failing: EntityCacheStore = {
      get: () => Promise.reject(new Error('store down')),
      set: () => Promise.reject(new Error('store down')),
      invalidate: () => Promise.reject(new Error('store down')),
      close: async () => undefined,
    };
    const { cache: c } = cache(failing);
    const subgraph = videoSubgraph();
    // Reads go to the subgraph while the store is down.
    expect(await fetchVideos(c, subgraph, ['v1'])).toEqual({ data: { _entities: [video('v1')] } });
    const answer: SubgraphResult = await c.fetch(call(UPDATE_PRICE, { id: 'p1' }), write([{ typename: 'Product', id: 'p1' }]));
    expect(answer.data).toEqual({ updateProduct: { id: 'p1' } });
    expect(answer.errors?.[0]?.extensions?.code).toBe(ENTITY_CACHE_STALE);
  });
});

describe('fetches at the root through the entity cache', () => {
  it('are kept per variables, and not at all when an entity in them has no key to be dropped by', async () => {
    const { cache: c } = cache();
    let pages = 0;
    const answer = (data: Record<string, unknown>) => async (): Promise<SubgraphCallAnswer> => {
      pages++;
      return { result: { data }, cacheControl: PUBLIC };
    };
    await c.fetch(call(PRODUCT_PAGE, { id: 'p1' }), answer({ product: { id: 'p1', title: 'a' } }));
    expect(await c.fetch(call(PRODUCT_PAGE, { id: 'p1' }), answer({}))).toEqual({ data: { product: { id: 'p1', title: 'a' } } });
    await c.fetch(call(PRODUCT_PAGE, { id: 'p2' }), answer({ product: { id: 'p2', title: 'b' } }));
    expect(pages).toBe(2);
    const WITHOUT_ID = 'query Page__commerce__1($id:ID!){product(id:$id){title}}';
    await c.fetch(call(WITHOUT_ID, { id: 'p1' }), answer({ product: { title: 'a' } }));
    await c.fetch(call(WITHOUT_ID, { id: 'p1' }), answer({ product: { title: 'a' } }));
    expect(pages).toBe(4);
  });
});

describe('what the entity cache tells its store it will not keep', () => {
  /** A memory store that records each `forgo` as the keys' first lines (visibility) and cached ids. */
  function forgoing() {
    const forgone: string[][] = [];
    const store = new MemoryEntityCacheStore({ maxBytes: 1_000_000 });
    const named = (key: string) => `${key.split('\n')[0]} ${/"id":"(\w+)"/.exec(key)?.[1] ?? ''}`.trim();
    Object.assign(store, { forgo: (keys: readonly string[]) => forgone.push(keys.map(named)) });
    return { forgone, ...cache(store) };
  }

  it("names the other half of each pair that hit or was kept, and both halves of what may not be kept", async () => {
    const { cache: c, forgone } = forgoing();
    const viewer = user('u1');
    const half = viewerKeyOf(viewer);
    await fetchVideos(c, videoSubgraph(), ['v1', 'v2'], viewer);
    await fetchVideos(c, videoSubgraph(), ['v1', 'v3'], viewer);
    await fetchVideos(c, videoSubgraph('no-store'), ['v4'], viewer);
    expect(forgone).toEqual([
      [`${half} v1`, `${half} v2`],
      [`${half} v1`, `${half} v3`],
      ['public v4', `${half} v4`],
    ]);
  });

  it('names nothing when the lookup did not reach the store', async () => {
    const { cache: c, forgone, store } = forgoing();
    store.get = async () => {
      throw new Error('down');
    };
    await fetchVideos(c, videoSubgraph(), ['v1']);
    expect(forgone).toEqual([]);
  });
});

describe('what the entity cache tells the response cache of each fetch', () => {
  const withParts = (query: string, variables: Record<string, unknown>, parts: ResponseParts, viewer: Viewer = anonymousViewer()) => ({ ...call(query, variables, viewer), parts });
  const page = (cacheControl: string) => async (): Promise<SubgraphCallAnswer> => ({ result: { data: { product: { id: 'p1', title: 'a' } } }, cacheControl });

  it('reports a public fetch as kept, with its tags and the shortest time left, whether fetched or found', async () => {
    const { cache: c } = cache();
    const fetched = new ResponseParts();
    await c.fetch(withParts(PRODUCT_PAGE, { id: 'p1' }, fetched), page('max-age=30, public'));
    await fetchVideos(c, videoSubgraph(), ['v1']);
    expect(fetched.verdict(300)).toEqual({ maxAgeSeconds: 30, tags: ['Product:p1'] });
    const found = new ResponseParts();
    await c.fetch(withParts(PRODUCT_PAGE, { id: 'p1' }, found), page('max-age=30, public'));
    // Two videos: v1 found, v3 fetched; each shows its products.
    await c.fetch(withParts(VIDEO_PRODUCTS, { representations: reps('v1', 'v3') }, found), videoSubgraph('max-age=10, public').send);
    const verdict = found.verdict(300);
    expect(verdict?.maxAgeSeconds).toBe(10);
    expect(new Set(verdict?.tags)).toEqual(new Set(['Product:p1', 'Video:v1', 'Video:v3', 'Product:p3']));
    const allFound = new ResponseParts();
    await c.fetch(withParts(VIDEO_PRODUCTS, { representations: reps('v1', 'v3') }, allFound), videoSubgraph().send);
    expect(new Set(allFound.verdict(300)?.tags)).toEqual(new Set(['Video:v1', 'Product:p1', 'Video:v3', 'Product:p3']));
  });

  it('reports a private, uncacheable, failed or write fetch as not kept', async () => {
    const { cache: c } = cache();
    const reported = async (fetch: (parts: ResponseParts) => Promise<unknown>) => {
      const parts = new ResponseParts();
      parts.kept(30);
      await fetch(parts);
      return parts.verdict(300);
    };
    expect(await reported((parts) => c.fetch(withParts(PRODUCT_PAGE, { id: 'p1' }, parts, user('u1')), page('max-age=30, private')))).toBeNull();
    // Found again, for its viewer only: still not a response for everyone.
    expect(await reported((parts) => c.fetch(withParts(PRODUCT_PAGE, { id: 'p1' }, parts, user('u1')), page('max-age=30, private')))).toBeNull();
    expect(await reported((parts) => c.fetch(withParts(PRODUCT_PAGE, { id: 'p2' }, parts), page('no-store')))).toBeNull();
    expect(await reported((parts) => c.fetch(withParts(VIDEO_PRODUCTS, { representations: reps('v2') }, parts), videoSubgraph('no-store').send))).toBeNull();
    const failing = async (): Promise<SubgraphCallAnswer> => ({ result: { data: { _entities: [null] }, errors: [{ message: 'no such video' }] }, cacheControl: PUBLIC });
    expect(await reported((parts) => c.fetch(withParts(VIDEO_PRODUCTS, { representations: reps('v9') }, parts), failing))).toBeNull();
    const write = async (): Promise<SubgraphCallAnswer> => ({ result: { data: { updateProduct: { id: 'p1' } } }, cacheControl: PUBLIC });
    expect(await reported((parts) => c.fetch(withParts(UPDATE_PRICE, { id: 'p1' }, parts), write))).toBeNull();
  });
});
