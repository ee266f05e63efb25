import { and, desc, eq } from 'drizzle-orm';
import type { CursorKey } from '@app/kit/pagination';
import type { Engine } from '@app/kit/db/engine';
import { before, countsPerKey, pagesPerOwner, perOwnerOf } from '@app/kit/db/shapes';
import type { FollowDirection } from '../../vocabulary.ts';
import type { UsersStatements } from '../contract.ts';
import type { UsersTables } from '../tables.ts';

/** A `[followedAt, userId]` cursor as SQL values: a number and a string, whatever the client put in it. */
const timeAndId = (after: CursorKey | null): CursorKey | null => (after ? [Number(after[0]), String(after[1])] : null);

export function followStatements(engine: Engine<UsersTables>) {
  const { db } = engine;
  const { users, follows } = engine.tables;

  /** Whose list a follow row is in, and who it shows there. */
  const sides = (direction: FollowDirection) =>
    direction === 'followers' ? { owner: follows.followeeId, other: follows.followerId } : { owner: follows.followerId, other: follows.followeeId };

  return {
    followerCounts: (userIds) => countsPerKey(engine, follows, follows.followeeId, userIds),

    followingCounts: (userIds) => countsPerKey(engine, follows, follows.followerId, userIds),

    followPages: (direction, ownerIds, page) => {
      const { owner, other } = sides(direction);
      return pagesPerOwner(engine, {
        from: follows,
        owner,
        ownerIds,
        orderBy: [desc(follows.createdAt), desc(other)],
        where: before(engine, [follows.createdAt, other], timeAndId(page.after)),
        node: { table: users, id: users.id, ref: other },
        extra: { followedAt: follows.createdAt },
        perOwner: perOwnerOf(page),
      });
    },

    addFollow: async (followerId, followeeId, at) => {
      await db.insert(follows).values({ followerId, followeeId, createdAt: at }).onConflictDoNothing();
    },

    removeFollow: async (followerId, followeeId) => {
      await db.delete(follows).where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
    },
  } satisfies Partial<UsersStatements>;
}
