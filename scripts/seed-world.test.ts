/**
 * The large world, built by the same generator as `npm run seed -- --world large` at a small
 * scale, into SQLite files (as `npm start` keeps them) and into Postgres databases: every
 * reference between the four stores resolves, the gifts ledger balances and agrees with wallets
 * and creator balances, every kept count agrees with its history, commission lines are in every
 * state, the seed's newest rows are still first, and a store that holds rows is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotStreamId, largeWorldSize } from '../packages/fixtures/src/large.ts';
import { creatorIds, SEED_TIME, userIds } from '../packages/fixtures/src/world.ts';
import { startThrowawayCluster, type ThrowawayCluster } from '../packages/kit/src/pg-cluster.ts';
import { openCommercePgStore, openCommerceStore } from '../subgraphs/commerce/src/db/store.ts';
import { contentSeed } from '../subgraphs/content/src/db/seed.ts';
import { openContentPgStore, openContentStore } from '../subgraphs/content/src/db/store.ts';
import { openGiftsPgStore, openGiftsStore } from '../subgraphs/gifts/src/db/store.ts';
import { usersSeed } from '../subgraphs/users/src/db/seed.ts';
import { openUsersPgStore, openUsersStore } from '../subgraphs/users/src/db/store.ts';
import { seedWorld, StoreNotEmptyError } from './seed-world.ts';

const SCALE = 0.002;
const size = largeWorldSize(SCALE);
const STORES = ['users', 'content', 'gifts', 'commerce'] as const;
type StoreName = (typeof STORES)[number];

/** Reads a store's rows as they are, whatever the engine (verification only: the stores' own SQL lives in their src/db). */
type Query = (store: StoreName, text: string) => Promise<Record<string, unknown>[]>;

interface World {
  env: NodeJS.ProcessEnv;
  query: Query;
  close(): Promise<void>;
}

async function sqliteWorld(): Promise<World> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'large-world-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
  for (const name of STORES) delete env[`${name.toUpperCase()}_DATABASE_URL`];
  const open = new Map<StoreName, Database.Database>();
  return {
    env,
    query: async (store, text) => {
      if (!open.has(store)) open.set(store, new Database(path.join(dir, `${store}.db`), { readonly: true }));
      return open.get(store)!.prepare(text).all() as Record<string, unknown>[];
    },
    close: async () => {
      for (const db of open.values()) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresWorld(cluster: ThrowawayCluster): Promise<World> {
  for (const name of STORES) await cluster.createDatabase(`large_${name}`);
  const env = { ...process.env, ...Object.fromEntries(STORES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, cluster.urlFor(`large_${name}`)])) };
  const clients = new Map<StoreName, pg.Client>();
  return {
    env,
    query: async (store, text) => {
      if (!clients.has(store)) {
        const client = new pg.Client({ connectionString: cluster.urlFor(`large_${store}`) });
        await client.connect();
        clients.set(store, client);
      }
      return (await clients.get(store)!.query(text)).rows as Record<string, unknown>[];
    },
    close: async () => {
      for (const client of clients.values()) await client.end();
    },
  };
}

const ids = async (query: Query, store: StoreName, text: string) => new Set((await query(store, text)).map((row) => String(Object.values(row)[0])));
const missing = (wanted: Set<string>, present: Set<string>) => [...wanted].filter((id) => !present.has(id));

let cluster: ThrowawayCluster | undefined;
afterAll(() => cluster?.stop());

describe.each(['sqlite', 'postgres'] as const)('the large world at scale %s', (engine) => {
  let world: World;
  beforeAll(async () => {
    if (engine === 'postgres') cluster ??= await startThrowawayCluster();
    world = engine === 'sqlite' ? await sqliteWorld() : await postgresWorld(cluster!);
    const seeded = await seedWorld({ world: 'large', scale: SCALE, env: world.env, onFull: 'refuse' });
    expect(seeded.map((store) => store.report?.rows ?? 0).every((rows) => rows > 0)).toBe(true);
  }, 240_000);
  afterAll(async () => world?.close());

  it('has the sizes asked for, the top creator followed by every bulk user', async () => {
    const [users] = await world.query('users', 'select count(*) as n, sum(case when is_creator then 1 else 0 end) as creators from users');
    expect(Number(users!.n)).toBe(userIds.length + size.bulkUsers);
    expect(Number(users!.creators)).toBe(creatorIds.length + size.bulkCreators);
    const [maya] = await world.query('users', `select follower_count from users where id = '${creatorIds[0]}'`);
    expect(Number(maya!.follower_count)).toBeGreaterThanOrEqual(size.bulkUsers);
    const [sends] = await world.query('gifts', `select count(*) as n, sum(case when live_stream_id = '${hotStreamId}' then 1 else 0 end) as hot from live_gift_sends`);
    expect(Number(sends!.n)).toBeGreaterThanOrEqual(size.liveGiftSends);
    expect(Number(sends!.hot) / Number(sends!.n)).toBeGreaterThan(0.8);
    const [videos] = await world.query('content', 'select count(*) as n from videos');
    expect(Number(videos!.n)).toBe(contentSeed().videos.length + size.bulkVideos);
    const [lines] = await world.query('commerce', 'select count(*) as n from order_lines');
    expect(Number(lines!.n)).toBeGreaterThanOrEqual(size.orders * 1.5);
    const [clicks] = await world.query('commerce', 'select count(*) as n from affiliate_clicks');
    expect(Number(clicks!.n)).toBeGreaterThanOrEqual(size.affiliateClicks);
  });

  it('has its indexes back after the load', async () => {
    const indexes = await ids(
      world.query,
      'users',
      engine === 'sqlite' ? "select name from sqlite_master where type = 'index' and sql is not null" : "select indexname from pg_indexes where schemaname = 'public'",
    );
    for (const name of ['follows_followee_created_follower', 'follows_follower_created_followee', 'users_creator_handle']) expect(indexes.has(name), name).toBe(true);
  });

  it('resolves every reference between stores', async () => {
    const users = await ids(world.query, 'users', 'select id from users');
    const creators = await ids(world.query, 'users', 'select id from users where is_creator');
    const streams = await world.query('content', 'select id, creator_id from live_streams');
    const streamCreator = new Map(streams.map((row) => [String(row.id), String(row.creator_id)]));
    expect(missing(await ids(world.query, 'content', 'select distinct creator_id from videos'), creators)).toEqual([]);
    expect(missing(await ids(world.query, 'content', 'select distinct user_id from video_likes'), users)).toEqual([]);
    expect(missing(await ids(world.query, 'gifts', 'select distinct sender_id from live_gift_sends'), users)).toEqual([]);
    const sendStreams = await world.query('gifts', 'select distinct live_stream_id, creator_id from live_gift_sends');
    expect(sendStreams.filter((row) => streamCreator.get(String(row.live_stream_id)) !== String(row.creator_id))).toEqual([]);
    expect(missing(await ids(world.query, 'gifts', 'select user_id from wallets'), users)).toEqual([]);
    expect(missing(await ids(world.query, 'commerce', 'select distinct creator_id from affiliate_links'), creators)).toEqual([]);
    expect(missing(await ids(world.query, 'commerce', 'select distinct user_id from affiliate_clicks'), users)).toEqual([]);
    expect(missing(await ids(world.query, 'commerce', 'select distinct buyer_id from orders'), users)).toEqual([]);
    expect(missing(await ids(world.query, 'commerce', 'select distinct creator_id from orders where creator_id is not null'), creators)).toEqual([]);
    const videos = await ids(world.query, 'content', 'select id from videos');
    expect(missing(await ids(world.query, 'commerce', 'select distinct video_id from video_products'), videos)).toEqual([]);
  });

  it('balances the gifts ledger: it sums to zero, and wallets and creator balances are what it says', async () => {
    expect((await world.query('gifts', 'select unit, sum(amount) as total from ledger_entries group by unit')).map((row) => Number(row.total))).toEqual([0, 0]);
    const accounts = new Map((await world.query('gifts', "select account, sum(amount) as total from ledger_entries where account like 'wallet:%' or account like 'creator:%' group by account")).map((row) => [String(row.account), Number(row.total)]));
    const wallets = await world.query('gifts', 'select user_id, coins from wallets');
    expect(wallets.filter((row) => accounts.get(`wallet:${row.user_id}`) !== Number(row.coins))).toEqual([]);
    const balances = await world.query('gifts', 'select creator_id, diamonds from creator_balances');
    expect(balances.filter((row) => accounts.get(`creator:${row.creator_id}`) !== Number(row.diamonds))).toEqual([]);
    // Every send spent coins its sender bought: no wallet below zero.
    expect(wallets.filter((row) => Number(row.coins) < 0)).toEqual([]);
  });

  it('keeps every count as its history says (what npm run reconcile checks, and the links’ clicks)', async () => {
    const open =
      engine === 'sqlite'
        ? { users: openUsersStore, content: openContentStore, gifts: openGiftsStore, commerce: openCommerceStore }
        : { users: openUsersPgStore, content: openContentPgStore, gifts: openGiftsPgStore, commerce: openCommercePgStore };
    for (const name of ['users', 'content', 'gifts', 'commerce'] as const) {
      const location = engine === 'sqlite' ? path.join(world.env.DATA_DIR!, `${name}.db`) : world.env[`${name.toUpperCase()}_DATABASE_URL`]!;
      const store = await (open[name] as (where: string) => Promise<{ keptCountDifferences(): Promise<unknown[]>; close(): unknown }> | { keptCountDifferences(): Promise<unknown[]>; close(): unknown })(location);
      try {
        expect(await store.keptCountDifferences(), name).toEqual([]);
      } finally {
        await store.close();
      }
    }
    const clicks = await world.query('commerce', 'select l.id, l.clicks, (select count(distinct c.user_id) from affiliate_clicks c where c.link_id = l.id) as recounted from affiliate_links l');
    expect(clicks.filter((row) => Number(row.clicks) !== Number(row.recounted))).toEqual([]);
  });

  it('has commission lines in every state, as of the seed', async () => {
    const lines = await world.query(
      'commerce',
      'select o.status, o.returns_until, l.commission_amount, l.commission_reversed, l.payout_id from order_lines l join orders o on o.id = l.order_id where l.commission_amount > 0',
    );
    const states = new Set(
      lines.map((line) => {
        if (Number(line.commission_reversed) === Number(line.commission_amount)) return 'REVERSED';
        if (line.payout_id) return 'PAID';
        if (line.status === 'PAID') return 'PENDING';
        const until = line.returns_until instanceof Date ? line.returns_until.getTime() : Number(line.returns_until);
        return until > SEED_TIME ? 'LOCKED' : 'PAYABLE';
      }),
    );
    expect([...states].sort()).toEqual(['LOCKED', 'PAID', 'PAYABLE', 'PENDING', 'REVERSED']);
    const partly = lines.filter((line) => Number(line.commission_reversed) > 0 && Number(line.commission_reversed) < Number(line.commission_amount));
    expect(partly.length).toBeGreaterThan(0);
  });

  it("keeps the seed's newest rows first: the same first pages as the small world", async () => {
    const maya = creatorIds[0]!;
    const newestFollowers = usersSeed()
      .follows.filter((follow) => follow.followeeId === maya)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.followerId < b.followerId ? 1 : -1))
      .slice(0, 10)
      .map((follow) => follow.followerId);
    const users = engine === 'sqlite' ? openUsersStore(path.join(world.env.DATA_DIR!, 'users.db')) : await openUsersPgStore(world.env.USERS_DATABASE_URL!);
    try {
      expect((await users.followPages('followers', [maya], { first: 10, after: null })).slice(0, 10).map((edge) => edge.node.id)).toEqual(newestFollowers);
      const seedCreators = new Set(creatorIds);
      expect((await users.creatorsPage({ first: 20, after: null })).slice(0, 20).every((user) => seedCreators.has(user.id))).toBe(true);
    } finally {
      await users.close();
    }
    const seedVideos = contentSeed().videos;
    const newestOfMaya = seedVideos
      .filter((video) => video.creatorId === maya)
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
      .slice(0, 10)
      .map((video) => video.id);
    const newest = [...seedVideos].sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime()).slice(0, 20).map((video) => video.id);
    const content = engine === 'sqlite' ? openContentStore(path.join(world.env.DATA_DIR!, 'content.db')) : await openContentPgStore(world.env.CONTENT_DATABASE_URL!);
    try {
      expect((await content.creatorVideoPages([maya], { first: 10, after: null })).slice(0, 10).map((row) => row.node.id)).toEqual(newestOfMaya);
      expect((await content.videosNewestFirst({ first: 20, after: null })).slice(0, 20).map((video) => video.id)).toEqual(newest);
    } finally {
      await content.close();
    }
  });

  it('refuses stores that hold rows, and writes nothing', async () => {
    const [before] = await world.query('users', 'select count(*) as n from users');
    await expect(seedWorld({ world: 'large', scale: SCALE, env: world.env, onFull: 'refuse' })).rejects.toBeInstanceOf(StoreNotEmptyError);
    const [after] = await world.query('users', 'select count(*) as n from users');
    expect(Number(after!.n)).toBe(Number(before!.n));
  });
});
