/** The users store's contract, on SQLite and on Postgres: every statement answers the same on both. */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { CREATOR_COUNT, SEED_TIME, creatorIds, userIds } from '@app/fixtures/world';
import { expectPagesBothWays } from '@app/kit/db/paging-testing';
import { DIRECTORY_PAGING } from '../directory.ts';
import { FOLLOW_PAGING } from '../follows.ts';
import { CREATORS_PAGING } from '../profiles.ts';
import type { FollowDirection } from '../vocabulary.ts';
import { readFileSync } from 'node:fs';
import { textIndexDdl } from '@app/kit/db/text-search';
import type { CreatorFilter, FollowEdgeRow } from './contract.ts';
import { usersTextIndex } from './tables.ts';
import { seedUsersStore, usersSeed } from './seed.ts';
import { openUsersPgStore, openUsersStore, type UsersStore } from './store.ts';

const seed = usersSeed();
const DAY = 86_400_000;

/** Who follows `userId` (or whom they follow) in the seed world, newest first by `[followedAt, id]`. */
function seededList(direction: FollowDirection, userId: string): { id: string; at: number }[] {
  return seed.follows
    .filter((row) => (direction === 'followers' ? row.followeeId : row.followerId) === userId)
    .map((row) => ({ id: direction === 'followers' ? row.followerId : row.followeeId, at: row.createdAt.getTime() }))
    .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

const countOf = (rows: { key: string; count: number }[], key: string) => rows.find((row) => row.key === key)?.count ?? 0;
const cursorOf = (row: FollowEdgeRow): [number, string] => [row.followedAt.getTime(), row.node.id];

describeOnEachEngine<UsersStore>(
  'users store',
  { sqlite: openUsersStore, postgres: openUsersPgStore },
  (store, engine) => {
    it('holds the seed world as it was made: users with their flags and times, and every follow', async () => {
      const users = await store().usersByIds(userIds);
      const byId = new Map(users.map((user) => [user.id, user]));
      expect(users).toHaveLength(seed.users.length);
      for (const expected of seed.users) expect(byId.get(expected.id)).toEqual(expected);
      expect(typeof users[0]!.verified).toBe('boolean');
      expect(users[0]!.joinedAt).toBeInstanceOf(Date);
      const [maya] = await store().usersByHandles(['maya.cooking', 'nobody.here']);
      expect(maya?.id).toBe(creatorIds[0]);
      expect(await store().usersByIds(['usr_unknown'])).toEqual([]);
      const followers = await store().followerCounts(userIds);
      expect(followers.reduce((sum, row) => sum + row.count, 0)).toBe(seed.follows.length);
    });

    it('pages the creators by handle, and only creators, with no repeats or gaps', async () => {
      const seen: string[] = [];
      let after: [string] | null = null;
      for (;;) {
        const rows = await store().creatorsPage({ first: 6, after });
        const page = rows.slice(0, 6);
        expect(page.every((row) => row.isCreator)).toBe(true);
        seen.push(...page.map((row) => row.handle));
        if (rows.length <= 6) break;
        after = [page.at(-1)!.handle];
      }
      expect(seen).toHaveLength(CREATOR_COUNT);
      expect([...seen].sort()).toEqual(seen);
      expect(new Set(seen).size).toBe(CREATOR_COUNT);
      for (const size of [1, 6, CREATOR_COUNT]) {
        expect((await expectPagesBothWays(CREATORS_PAGING, (page) => store().creatorsPage(page), size)).map((row) => row.handle)).toEqual(seen);
      }
    });

    it('counts followers and followees per user as numbers, users with none left out', async () => {
      const creator = creatorIds[3]!;
      const fan = userIds[45]!;
      const followers = await store().followerCounts([creator, 'usr_unknown']);
      expect(followers).toEqual([{ key: creator, count: seededList('followers', creator).length }]);
      expect(typeof followers[0]!.count).toBe('number');
      const following = await store().followingCounts([fan]);
      expect(following).toEqual([{ key: fan, count: seededList('following', fan).length }]);
      expect(await store().followerCounts([])).toEqual([]);
    });

    it("pages many users' follow lists in one statement, newest first, the users with them, the time cursor applied to every owner", async () => {
      const owners = creatorIds.slice(0, 3);
      const first = await store().followPages('followers', owners, { first: 2, after: null });
      expect(new Set(first.map((row) => row.ownerId))).toEqual(new Set(owners));
      for (const owner of owners) {
        const own = first.filter((row) => row.ownerId === owner);
        const expected = seededList('followers', owner);
        expect(own.map((row) => [row.node.id, row.followedAt.getTime()])).toEqual(expected.slice(0, 3).map((edge) => [edge.id, edge.at]));
        expect(own[0]!.node).toEqual(seed.users.find((user) => user.id === own[0]!.node.id));
      }

      // Paging one owner's list to its end, two at a time, finds the seeded list exactly.
      const owner = owners[0]!;
      const seen: string[] = [];
      let after: [number, string] | null = null;
      for (;;) {
        const rows = await store().followPages('followers', [owner], { first: 2, after });
        seen.push(...rows.slice(0, 2).map((row) => row.node.id));
        if (rows.length <= 2) break;
        after = cursorOf(rows[1]!);
      }
      expect(seen).toEqual(seededList('followers', owner).map((edge) => edge.id));

      // Paging it back from the end, two at a time (`last`/`before`): each read comes nearest the cursor first.
      const back: string[] = [];
      let before: [number, string] | null = null;
      for (;;) {
        const rows = await store().followPages('followers', [owner], { first: 2, after: null, backward: { before } });
        back.unshift(...rows.slice(0, 2).map((row) => row.node.id).reverse());
        if (rows.length <= 2) break;
        before = cursorOf(rows[1]!);
      }
      expect(back).toEqual(seen);
      for (const size of [1, 3]) {
        expect((await expectPagesBothWays(FOLLOW_PAGING, (page) => store().followPages('followers', [owner], page), size)).map((row) => row.node.id)).toEqual(seen);
        const fan = userIds[50]!;
        expect((await expectPagesBothWays(FOLLOW_PAGING, (page) => store().followPages('following', [fan], page), size)).map((row) => row.node.id)).toEqual(seededList('following', fan).map((edge) => edge.id));
      }

      const fan = userIds[50]!;
      const following = await store().followPages('following', [fan], { first: 100, after: null });
      expect(following.map((row) => row.node.id)).toEqual(seededList('following', fan).map((edge) => edge.id));
      expect(await store().followPages('following', [], { first: 2, after: null })).toEqual([]);
    });

    it('breaks a tie on the follow time by user id, and the cursor steps over it without a gap', async () => {
      const target = userIds[30]!;
      const at = new Date(SEED_TIME + 10 * DAY);
      const tied = [userIds[31]!, userIds[32]!, userIds[33]!];
      for (const follower of tied) {
        await store().removeFollow(follower, target);
        await store().addFollow(follower, target, at);
      }
      // Ties run down the user id, as the cursor's second part does.
      const [a, b, c] = [...tied].sort().reverse();
      const top = await store().followPages('followers', [target], { first: 1, after: null });
      expect(top.map((row) => row.node.id)).toEqual([a, b]);
      const next = await store().followPages('followers', [target], { first: 1, after: cursorOf(top[0]!) });
      expect(next.map((row) => row.node.id)).toEqual([b, c]);
      const last = await store().followPages('followers', [target], { first: 1, after: cursorOf(next[0]!) });
      expect(last[0]!.node.id).toBe(c);
      expect(last.slice(1).every((row) => row.followedAt < at)).toBe(true);
    });

    it('follows once however often asked, and unfollows only what is followed', async () => {
      const [follower, followee] = [userIds[40]!, userIds[41]!];
      await store().transaction((tx) => tx.removeFollow(follower, followee));
      const before = countOf(await store().followerCounts([followee]), followee);
      const at = new Date(SEED_TIME + 11 * DAY);
      await store().transaction((tx) => tx.addFollow(follower, followee, at));
      await store().transaction((tx) => tx.addFollow(follower, followee, new Date(at.getTime() + DAY)));
      expect(countOf(await store().followerCounts([followee]), followee)).toBe(before + 1);
      const [edge] = await store().followPages('followers', [followee], { first: 1, after: null });
      // The second follow changed nothing, its time included.
      expect(edge).toMatchObject({ ownerId: followee, followedAt: at, node: { id: follower } });

      await store().transaction((tx) => tx.removeFollow(follower, followee));
      await store().transaction((tx) => tx.removeFollow(follower, followee));
      expect(countOf(await store().followerCounts([followee]), followee)).toBe(before);
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it("edits a profile's name and bio, clears a bio with null, and answers undefined for no such user", async () => {
      const id = userIds[44]!;
      const edited = await store().updateUser(id, { displayName: 'Contract Name', bio: 'Contract bio' });
      expect(edited).toMatchObject({ id, displayName: 'Contract Name', bio: 'Contract bio' });
      const cleared = await store().updateUser(id, { bio: null });
      expect(cleared).toMatchObject({ displayName: 'Contract Name', bio: null });
      expect((await store().usersByIds([id]))[0]).toMatchObject({ displayName: 'Contract Name', bio: null });
      expect(await store().updateUser('usr_unknown', { displayName: 'Nobody' })).toBeUndefined();
    });

    it("rolls back a failed transaction's follows and edits, unseen by other requests while it is open", async () => {
      const [follower, followee] = [userIds[46]!, userIds[47]!];
      await store().removeFollow(follower, followee);
      const before = countOf(await store().followerCounts([followee]), followee);
      const name = (await store().usersByIds([follower]))[0]!.displayName;
      let letBodyFinish: () => void = () => undefined;
      const bodyMayFinish = new Promise<void>((resolve) => (letBodyFinish = resolve));
      let bodyWrote: () => void = () => undefined;
      const wrote = new Promise<void>((resolve) => (bodyWrote = resolve));
      const rolledBack = store().transaction(async (tx) => {
        await tx.addFollow(follower, followee, new Date(SEED_TIME + 12 * DAY));
        await tx.updateUser(follower, { displayName: 'Never Saved' });
        bodyWrote();
        await bodyMayFinish;
        throw new Error('roll back');
      });
      await wrote;
      // Asked while the body waits: neither may read the open transaction's writes (or join it).
      const countDuring = store().followerCounts([followee]);
      const userDuring = store().usersByIds([follower]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      letBodyFinish();
      await expect(rolledBack).rejects.toThrow('roll back');
      expect(countOf(await countDuring, followee)).toBe(before);
      expect((await userDuring)[0]!.displayName).toBe(name);
      expect(countOf(await store().followerCounts([followee]), followee)).toBe(before);
      expect((await store().usersByIds([follower]))[0]!.displayName).toBe(name);
    });

    it('counts each follower once when many follow one user at the same moment, the same follower racing itself included', async () => {
      const target = creatorIds[19]!;
      const newcomers = userIds.slice(52, 58).filter((id) => !seededList('followers', target).some((edge) => edge.id === id));
      const before = countOf(await store().followerCounts([target]), target);
      const at = new Date(SEED_TIME + 13 * DAY);
      // Every newcomer follows twice at once, each in a transaction of its own, as two taps would.
      await Promise.all(newcomers.flatMap((follower) => [0, 1].map(() => store().transaction((tx) => tx.addFollow(follower, target, at)))));
      expect(countOf(await store().followerCounts([target]), target)).toBe(before + newcomers.length);
      const page = await store().followPages('followers', [target], { first: newcomers.length, after: null });
      expect(new Set(page.slice(0, newcomers.length).map((row) => row.node.id))).toEqual(new Set(newcomers));
      // The kept counts agree with a recount of the follows, on both sides.
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it('pages the creators directory most followed first, narrowed by words, topic, follower band and country, each part exact', async () => {
      // As the store holds them now (earlier tests moved some counts).
      const creators = await store().usersByIds(creatorIds);
      const byFollowers = (rows: typeof creators) => [...rows].sort((a, b) => b.followerCount - a.followerCount || (a.id < b.id ? 1 : -1)).map((user) => user.id);
      const none = { terms: [], topic: null, minFollowers: null, maxFollowers: null, country: null };
      // Each list is walked both ways (`last`/`before` too): backward it is the same list.
      const everyone = async (filter: CreatorFilter) => (await expectPagesBothWays(DIRECTORY_PAGING, (page) => store().creatorDirectoryPage(filter, page), 3)).map((row) => row.id);
      expect(await everyone(none)).toEqual(byFollowers(creators));
      expect(await everyone({ ...none, topic: 'cooking' })).toEqual(byFollowers(creators.filter((user) => user.topic === 'cooking')));
      expect(await everyone({ ...none, minFollowers: 10, maxFollowers: 20 })).toEqual(byFollowers(creators.filter((user) => user.followerCount >= 10 && user.followerCount <= 20)));
      expect(await everyone({ ...none, country: 'US' })).toEqual(byFollowers(creators.filter((user) => user.country === 'US')));
      // Words are prefixes of the words of a handle, name or bio, every one required.
      const maya = creators.find((user) => user.id === creatorIds[0])!;
      expect(await everyone({ ...none, terms: ['may', 'cook'] })).toEqual(byFollowers(creators.filter((user) => /\bmay/i.test(`${user.handle} ${user.displayName}`) && /cook/i.test(`${user.handle} ${user.bio}`))));
      expect(await everyone({ ...none, terms: ['may', 'cook'] })).toContain(maya.id);
      expect(await everyone({ ...none, terms: ['zzzqqq'] })).toEqual([]);
      expect(await everyone({ ...none, terms: ['videos'], topic: 'gaming', country: maya.country })).toEqual(byFollowers(creators.filter((user) => user.topic === 'gaming' && user.country === maya.country)));
      // The index follows edits: a new bio is found by its words, the old one no more.
      await store().updateUser(maya.id, { bio: 'Sourdough every Sunday.' });
      expect(await everyone({ ...none, terms: ['sourdough'] })).toEqual([maya.id]);
      await store().updateUser(maya.id, { bio: maya.bio ?? null });
      expect(await everyone({ ...none, terms: ['sourdough'] })).toEqual([]);

      // The index holds creators only: a viewer's words are never read (a million viewers' names
      // made a one-letter search read 96,000 matches on the large world).
      const viewer = (await store().usersByIds(userIds)).find((user) => !user.isCreator)!;
      await store().updateUser(viewer.id, { bio: 'Sourdough every Sunday.' });
      expect(await everyone({ ...none, terms: ['sourdough'] })).toEqual([]);
      if (engine === 'sqlite') {
        const client = (store() as unknown as { db: { $client: { prepare(sql: string): { get(): unknown; run(...values: unknown[]): unknown } } } }).db.$client;
        const indexed = () => client.prepare('select count(*) as n from users_search_docsize').get();
        expect(indexed()).toEqual({ n: creators.length });
        // A viewer who becomes a creator is indexed and found; one who stops is forgotten (no
        // statement flips the flag yet; the update trigger does the work).
        client.prepare('update users set is_creator = 1 where id = ?').run(viewer.id);
        expect(indexed()).toEqual({ n: creators.length + 1 });
        expect(await everyone({ ...none, terms: ['sourdough'] })).toEqual([viewer.id]);
        client.prepare('update users set is_creator = 0 where id = ?').run(viewer.id);
        expect(indexed()).toEqual({ n: creators.length });
        expect(await everyone({ ...none, terms: ['sourdough'] })).toEqual([]);
      } else {
        const pool = (store() as unknown as { pg: { pool: { query(sql: string): Promise<{ rows: { indexdef: string }[] }> } } }).pg.pool;
        const [index] = (await pool.query(`select indexdef from pg_indexes where indexname = 'users_search'`)).rows;
        expect(index!.indexdef).toMatch(/ WHERE \(is_creator = true\)$/);
      }
      await store().updateUser(viewer.id, { bio: viewer.bio ?? null });
    });

    it('makes its text index with the statements the index description gives', () => {
      for (const engine of ['sqlite', 'postgres'] as const) {
        const migration = readFileSync(new URL(`../../${engine === 'sqlite' ? 'drizzle' : 'drizzle-pg'}/0006_directory_search_creators_only.sql`, import.meta.url), 'utf8');
        for (const statement of textIndexDdl(engine, usersTextIndex)) expect(migration).toContain(statement);
      }
    });

    it('accepts a nonce once', async () => {
      const now = Date.now();
      expect(await store().acceptNonce('users-nonce-1', now + 60_000, now)).toBe(true);
      expect(await store().acceptNonce('users-nonce-1', now + 60_000, now)).toBe(false);
    });

    it('seeds an empty store once: seeding a store that holds anything changes nothing', async () => {
      expect(await store().isEmpty()).toBe(false);
      const before = await store().usersByIds(userIds);
      await seedUsersStore(store());
      expect(await store().usersByIds(userIds)).toEqual(before);
    });

    // Last: it leaves the store with a follow its counts never saw.
    it('finds the kept counts that disagree with the follows behind them', async () => {
      const [follower, followee] = [userIds[33]!, userIds[34]!];
      expect(seededList('followers', followee).some((edge) => edge.id === follower)).toBe(false);
      const followers = countOf(await store().followerCounts([followee]), followee);
      const following = countOf(await store().followingCounts([follower]), follower);
      // The seed step inserts rows with counts it worked out itself: a follow slipped in that way is not counted.
      await store().transaction((tx) => tx.insertSeedRows({ users: [], follows: [{ followerId: follower, followeeId: followee, createdAt: new Date(SEED_TIME) }] }));
      expect(await store().keptCountDifferences()).toEqual([
        { count: 'User.followerCount', key: followee, kept: followers, recounted: followers + 1 },
        { count: 'User.followingCount', key: follower, kept: following, recounted: following + 1 },
      ]);
    });
  },
  { seed: seedUsersStore, plans: { exceptions: { keptCountDifferences: 'a recount of all history, by nature (npm run reconcile, never a request)' } } },
);
