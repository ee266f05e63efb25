import { describe, expect, it } from 'vitest';
import { manualClock } from '@app/kit/clock';
import { decodeCursor } from '@app/kit/pagination';
import { offlinePeers } from '@app/kit/peers';
import { resolveEntities, runOperation, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer } from '@app/kit/viewer';
import { DAY, SEED_TIME, creatorIds, creatorPopularity, creatorTopic, userIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { seedUsersStore } from './db/seed.ts';
import { openUsersStore } from './db/store.ts';
import { createServer } from './server.ts';

const { store, server, counter, run } = subgraphTestbed({ open: openUsersStore, createServer, context: createContext, seed: seedUsersStore });

describe('users subgraph', () => {
  it('finds a creator by handle or id, with follower counts from the follow graph', async () => {
    const byId = await run('query ($id: ID!) { creator(id: $id) { id handle followerCount followers(first: 3) { edges { node { id } } } } }', { id: creatorIds[0] });
    expect(byId.errors).toBeUndefined();
    const creator = byId.data?.creator;
    expect(creator.id).toBe(creatorIds[0]);
    expect(creator.followerCount).toBeGreaterThan(0);
    expect(creator.followers.edges).toHaveLength(3);

    const byHandle = await run('query ($handle: String!) { creator(handle: $handle) { id } }', { handle: creator.handle });
    expect(byHandle.data?.creator.id).toBe(creatorIds[0]);
  });

  it('seeds varied names, handles that carry the creator’s topic, and follows in proportion to popularity', async () => {
    const result = await resolveEntities(server, createContext(store), 'User', userIds, 'id handle displayName followerCount');
    expect(result.errors).toBeUndefined();
    const users = result.data?._entities ?? [];
    expect(new Set(users.map((user) => user?.displayName)).size).toBe(userIds.length);
    expect(new Set(users.slice(0, creatorIds.length).map((user) => user?.displayName.split(' ')[1])).size).toBeGreaterThan(10);
    creatorIds.forEach((id, i) => expect(users[i]?.handle.endsWith(`.${creatorTopic(id)}`)).toBe(true));
    expect(users[0]?.handle).toBe('maya.cooking');
    // Drawn at random, so not strictly ordered: the five most popular each outdraw the five least.
    const byPopularity = [...creatorIds].sort((a, b) => creatorPopularity(b) - creatorPopularity(a));
    const followersOf = (id: string) => users[creatorIds.indexOf(id)]?.followerCount as number;
    const leastTop = Math.min(...byPopularity.slice(0, 5).map(followersOf));
    const mostBottom = Math.max(...byPopularity.slice(-5).map(followersOf));
    expect(leastTop).toBeGreaterThan(mostBottom);
  });

  it('refuses creator() with both or neither argument, and a non-creator id, with stable codes', async () => {
    const neither = await run('{ creator { id } }');
    expect(neither.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const both = await run('query ($id: ID!) { creator(id: $id, handle: "x") { id } }', { id: creatorIds[0] });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notCreator = await run('query ($id: ID!) { creator(id: $id) { id } }', { id: userIds[59] });
    expect(notCreator.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await run('{ user(id: "usr_nope") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.data?.user).toBeNull();
  });

  it('pages through all 20 creators by handle without repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await run('query ($after: String) { creators(first: 7, after: $after) { edges { node { handle } } pageInfo { hasNextPage endCursor } } }', { after });
      seen.push(...page.data.creators.edges.map((edge: any) => edge.node.handle));
      if (!page.data.creators.pageInfo.hasNextPage) break;
      after = page.data.creators.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(20);
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(20);
  });

  it('refuses a page above the cap and a malformed cursor', async () => {
    const tooMany = await run('{ creators(first: 10000) { edges { cursor } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await run('{ creators(after: "not-a-cursor") { edges { cursor } } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves Creator and User references through _entities, null for unknown ids', async () => {
    const result = await resolveEntities(server, createContext(store), 'Creator', [creatorIds[1] as string, 'usr_unknown', userIds[40] as string], 'handle');
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]?.handle).toEqual(expect.any(String));
    expect(result.data?._entities[1]).toBeNull();
    expect(result.data?._entities[2]).toBeNull();
  });

  it("answers a follow list's totalCount from the kept count, the same number paging the whole list finds", async () => {
    const creator = creatorIds[2] as string;
    const first = await run('query ($id: ID!) { user(id: $id) { followerCount followers(first: 100) { totalCount edges { node { id } } pageInfo { hasNextPage } } following(first: 1) { totalCount } followingCount } }', { id: creator });
    expect(first.errors).toBeUndefined();
    const user = first.data?.user;
    expect(user.followers.pageInfo.hasNextPage).toBe(false);
    expect(user.followers.totalCount).toBe(user.followers.edges.length);
    expect(user.followers.totalCount).toBe(user.followerCount);
    expect(user.following.totalCount).toBe(user.followingCount);
  });

  it('runs a fixed number of statements for 5 and for 50 users with their followers, besides one read per list shown', async () => {
    const statementsFor = async (ids: readonly string[]) => {
      counter.reset();
      const result = await resolveEntities(
        server,
        createContext(store),
        'User',
        ids,
        'handle followerCount followingCount followers(first: 5) { edges { node { handle followerCount } } } following(first: 5) { edges { node { handle } } }',
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities.every((entity) => entity !== null)).toBe(true);
      return counter.count;
    };
    const five = await statementsFor(userIds.slice(0, 5));
    const fifty = await statementsFor(userIds.slice(0, 50));
    // Each user's followers and following are one indexed read each (a page costs the page, not
    // the user's history); everything else is one batch statement whatever the count.
    expect(fifty - 2 * 50).toBe(five - 2 * 5);
    expect(five - 2 * 5).toBeGreaterThan(0);
    expect(five - 2 * 5).toBeLessThanOrEqual(8);
  });

  it("dates a follow by the context's clock: the newest follower tops the list, the clock's time in its cursor", async () => {
    const clock = manualClock(new Date(SEED_TIME + 30 * DAY));
    const as = (userId: string) => createContext(store, { ...anonymousViewer(), userId }, offlinePeers, clock);
    const creator = creatorIds[6] as string;
    const [first, second] = [userIds[53] as string, userIds[54] as string];
    const FOLLOW = 'mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }';
    const UNFOLLOW = 'mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }';
    // Neither follows the creator before (a seeded follow would keep its seeded time).
    for (const fan of [first, second]) expect((await runOperation(server, as(fan), UNFOLLOW, { id: creator })).errors).toBeUndefined();

    const followedAt = clock.now().getTime();
    expect((await runOperation(server, as(first), FOLLOW, { id: creator })).data?.follow.viewerFollows).toBe(true);
    clock.advance(60_000);
    expect((await runOperation(server, as(second), FOLLOW, { id: creator })).errors).toBeUndefined();

    const page = await run('query ($id: ID!) { creator(id: $id) { followers(first: 2) { edges { cursor node { id } } } } }', { id: creator });
    const edges = page.data?.creator.followers.edges as { cursor: string; node: { id: string } }[];
    expect(edges.map((edge) => edge.node.id)).toEqual([second, first]);
    expect(decodeCursor(edges[0]!.cursor, 2)).toEqual([followedAt + 60_000, second]);
    expect(decodeCursor(edges[1]!.cursor, 2)).toEqual([followedAt, first]);
  });
});
