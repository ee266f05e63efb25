/**
 * The creators directory narrowed by commerce's sample fulfilment rate: a bounded look over the
 * directory in its own order, the rates asked of commerce (a fake peers client here) on the
 * caller's behalf. 650 creators, more than one look holds, with follower counts that tie.
 */
import { describe, expect, it } from 'vitest';
import { forbidden } from '@app/kit/errors';
import type { PageArgs } from '@app/kit/pagination';
import type { PeerClient } from '@app/kit/peers';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext } from './context.ts';
import { creatorDirectory, type DirectoryArgs } from './directory.ts';
import type { NewUser } from './db/tables.ts';
import { openUsersStore, type UsersStore } from './db/store.ts';
import { createServer } from './server.ts';
import { CREATOR_TOPICS, FULFILMENT_LOOK_MAX } from './vocabulary.ts';

const CREATORS = 650;
const creator = (i: number): NewUser => ({
  id: `crt_${String(i).padStart(4, '0')}`,
  handle: `maker${i}`,
  displayName: `Maker ${i}`,
  bio: null,
  country: i % 2 === 0 ? 'US' : 'FR',
  verified: false,
  isCreator: true,
  topic: CREATOR_TOPICS[i % 3] ?? null,
  joinedAt: new Date('2026-01-01T00:00:00Z'),
  // Ties: three creators at each count, so the id decides within a count.
  followerCount: 10_000 - Math.floor(i / 3),
});

async function seedCreators(store: Pick<UsersStore, 'transaction'>) {
  await store.transaction((tx) => tx.insertSeedRows({ users: Array.from({ length: CREATORS }, (_, i) => creator(i)), follows: [] }));
}

/** Commerce's records: the rate of each creator that has one (no entry: no settled sample). */
const rates = new Map<string, { sampleFulfilment: { rate: number | null } | null }>();
const peers = fakePeers({ Creator: rates });
/** Every id asked of commerce, in order. */
const asked: string[] = [];
const counting: PeerClient = {
  ...peers.client,
  entities: (service, typename, ids, selection, viewer) => {
    asked.push(...ids);
    return peers.client.entities(service, typename, ids, selection, viewer);
  },
};
let peerClient: PeerClient = counting;

const { store, server } = subgraphTestbed({ open: openUsersStore, createServer, context: (s: UsersStore, viewer: Viewer) => createContext(s, viewer, peerClient), seed: seedCreators });
const brand: Viewer = { ...anonymousViewer(), partnerId: 'brn_test', scopes: ['campaigns:read'] };
const directory = (args: DirectoryArgs) => creatorDirectory(createContext(store, brand, peerClient), args);
const ids = (connection: Awaited<ReturnType<typeof directory>>) => connection.edges.map((edge) => edge.node.id);

/** The directory's own order under a filter, with no rate asked: the order every rated page keeps. */
async function directoryOrder(args: DirectoryArgs = {}): Promise<string[]> {
  const order: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await directory({ ...args, first: 100, after });
    order.push(...ids(page));
    if (!page.pageInfo.hasNextPage) return order;
    after = page.pageInfo.endCursor;
  }
}

/** Every page one way, `size` at a time, joined in list order. */
async function allPages(args: DirectoryArgs, size: number, way: 'forward' | 'backward'): Promise<{ ids: string[]; pages: number }> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (;;) {
    const paging: PageArgs = way === 'forward' ? { first: size, after: cursor } : { last: size, before: cursor };
    const page = await directory({ ...args, ...paging });
    pages.push(ids(page));
    expect(page.edges.length).toBeLessThanOrEqual(size);
    if (way === 'forward' ? !page.pageInfo.hasNextPage : !page.pageInfo.hasPreviousPage) break;
    cursor = way === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
    expect(cursor).not.toBeNull();
  }
  return { ids: (way === 'forward' ? pages : pages.reverse()).flat(), pages: pages.length };
}

function setRates(entries: [string, number | null][]) {
  rates.clear();
  for (const [id, rate] of entries) rates.set(id, { sampleFulfilment: { rate } });
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('not refused');
}

describe('the creators directory by fulfilment rate', () => {
  it('keeps creators at or above the minimum, in directory order, paged forward and back; no rate is left out', async () => {
    const order = await directoryOrder();
    expect(order).toHaveLength(CREATORS);
    // Every 13th creator of the first 400 has a rate cycling 0.2 … 1, one exactly at the minimum;
    // every 7th has a record without a rate (nothing settled).
    const rated = order.slice(0, 400).flatMap((id, i): [string, number | null][] => (i % 13 === 0 ? [[id, [0.2, 0.5, 0.8, 1][i % 4] as number]] : i % 7 === 0 ? [[id, null]] : []));
    setRates(rated);
    const expected = order.filter((id) => (rates.get(id)?.sampleFulfilment?.rate ?? -1) >= 0.5);
    expect(expected.length).toBeGreaterThan(10);
    expect(rated.some(([, rate]) => rate === 0.5)).toBe(true);

    const forward = await allPages({ minFulfilmentRate: 0.5 }, 4, 'forward');
    expect(forward.ids).toEqual(expected);
    const backward = await allPages({ minFulfilmentRate: 0.5 }, 4, 'backward');
    expect(backward.ids).toEqual(expected);
    expect((await directory({ minFulfilmentRate: 0 })).edges.map((edge) => edge.node.id)).toEqual(order.filter((id) => rates.get(id)?.sampleFulfilment?.rate != null).slice(0, 20));
  });

  it('narrows by the other filters first, keeping their order', async () => {
    const order = await directoryOrder({ topic: 'fitness', country: 'US' });
    setRates(order.map((id, i) => [id, i % 2 === 0 ? 0.9 : 0.1]));
    const page = await directory({ topic: 'fitness', country: 'US', minFulfilmentRate: 0.9, first: 5 });
    expect(ids(page)).toEqual(order.filter((_, i) => i % 2 === 0).slice(0, 5));
    for (const edge of page.edges) expect(edge.node).toMatchObject({ topic: 'fitness', country: 'US' });
  });

  it('looks at no more than the bound a page: a short page says there is more, and the next goes on from the last creator looked at', async () => {
    const order = await directoryOrder();
    setRates([
      [order[10]!, 1],
      [order[600]!, 0.75],
    ]);
    asked.length = 0;
    const first = await directory({ minFulfilmentRate: 0.7, first: 5 });
    expect(ids(first)).toEqual([order[10]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(asked).toEqual(order.slice(0, FULFILMENT_LOOK_MAX));
    const next = await directory({ minFulfilmentRate: 0.7, first: 5, after: first.pageInfo.endCursor });
    expect(ids(next)).toEqual([order[600]]);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(asked).toHaveLength(CREATORS);

    // A page with nothing kept still moves on: its cursor is the last creator it looked at.
    setRates([[order[620]!, 1]]);
    const empty = await directory({ minFulfilmentRate: 0.7, first: 5 });
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo.hasNextPage).toBe(true);
    expect(ids(await directory({ minFulfilmentRate: 0.7, first: 5, after: empty.pageInfo.endCursor }))).toEqual([order[620]]);
    // Back from the end the bound holds the same way: the page's start cursor is where it stopped.
    setRates([[order[20]!, 1]]);
    const fromEnd = await directory({ minFulfilmentRate: 0.7, last: 5 });
    expect(fromEnd.edges).toEqual([]);
    expect(fromEnd.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(ids(await directory({ minFulfilmentRate: 0.7, last: 5, before: fromEnd.pageInfo.startCursor }))).toEqual([order[20]]);
  });

  it('stops asking once the page is full', async () => {
    const order = await directoryOrder();
    setRates(order.map((id) => [id, 1]));
    asked.length = 0;
    const page = await directory({ minFulfilmentRate: 1, first: 3 });
    expect(ids(page)).toEqual(order.slice(0, 3));
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(asked.length).toBeLessThanOrEqual(100);
    asked.length = 0;
    expect((await directory({ minFulfilmentRate: 1, first: 0 })).edges).toEqual([]);
    expect(asked).toEqual([]);
  });

  it("passes on commerce's refusal and its silence, and asks nothing without the argument", async () => {
    peerClient = { ...counting, entities: () => Promise.reject(forbidden("A creator's sample record is for brands running campaigns (campaigns:read) and the creator.")) };
    try {
      expect(await refusal(directory({ minFulfilmentRate: 0.5 }))).toMatchObject({ code: 'FORBIDDEN' });
      expect((await directory({ first: 2 })).edges).toHaveLength(2);
    } finally {
      peerClient = counting;
    }
    peers.unavailable.add('commerce');
    try {
      expect(await refusal(directory({ minFulfilmentRate: 0.5 }))).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'commerce' });
    } finally {
      peers.unavailable.delete('commerce');
    }
  });

  it('refuses a minimum outside 0 to 1, naming the argument, before asking anything', async () => {
    asked.length = 0;
    for (const minFulfilmentRate of [-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(await refusal(directory({ minFulfilmentRate }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'minFulfilmentRate' });
    }
    expect(asked).toEqual([]);
  });

  it('is never cached with the argument; the plain directory keeps its max age', async () => {
    setRates([]);
    const send = async (query: string) => {
      const response = await server.executeOperation({ query }, { contextValue: createContext(store, brand, peerClient) });
      return response.http.headers.get('cache-control');
    };
    expect(await send('{ searchCreators(first: 2) { edges { node { id } } } }')).toBe('max-age=10, public');
    expect(await send('{ searchCreators(first: 2, minFulfilmentRate: 0.5) { edges { node { id } } } }')).toBe('no-store');
  });
});
