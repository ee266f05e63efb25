import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { CursorKey } from "@app/kit/pagination";
import type { Engine } from "@app/kit/db/engine";
import { keysetPage, pagesPerOwner, perOwnerOf } from "@app/kit/db/shapes";
import type { KeptCountDifference } from "@app/kit/db/reconcile";
import type { FollowDirection } from "../../vocabulary.ts";
import type { UsersStatements } from "../contract.ts";
import type { UsersTables } from "../tables.ts";

/** A `[followedAt, userId]` cursor as SQL values: a number and a string, whatever the client put in it. */
const timeAndId = (key: CursorKey): CursorKey => [
  Number(key[0]),
  String(key[1]),
];

export function followStatements(engine: Engine<UsersTables>) {
  const { db } = engine;
  const { users, follows } = engine.tables;

  /** Whose list a follow row is in, and who it shows there. */
  const sides = (direction: FollowDirection) =>
    direction === "followers"
      ? { owner: follows.followeeId, other: follows.followerId }
      : { owner: follows.followerId, other: follows.followeeId };

  /** Moves both users' kept counts by `by`, in the transaction of the follow it counts. */
  const countFollow = async (
    followerId: string,
    followeeId: string,
    by: 1 | -1,
  ) => {
    await db
      .update(users)
      .set({ followerCount: sql`${users.followerCount} + ${by}` })
      .where(eq(users.id, followeeId));
    await db
      .update(users)
      .set({ followingCount: sql`${users.followingCount} + ${by}` })
      .where(eq(users.id, followerId));
  };

  return {
    followerCounts: async (userIds) =>
      userIds.length === 0
        ? []
        : db
            .select({ key: users.id, count: users.followerCount })
            .from(users)
            .where(inArray(users.id, [...userIds])),

    followingCounts: async (userIds) =>
      userIds.length === 0
        ? []
        : db
            .select({ key: users.id, count: users.followingCount })
            .from(users)
            .where(inArray(users.id, [...userIds])),

    followPages: (direction, ownerIds, page) => {
      const { owner, other } = sides(direction);
      const { where, orderBy } = keysetPage(
        engine,
        [follows.createdAt, other],
        "desc",
        page,
        timeAndId,
      );
      return pagesPerOwner(engine, {
        from: follows,
        owner,
        ownerIds,
        orderBy,
        where,
        node: { table: users, id: users.id, ref: other },
        extra: { followedAt: follows.createdAt },
        perOwner: perOwnerOf(page),
      });
    },

    addFollow: async (followerId, followeeId, at) => {
      const added = await db
        .insert(follows)
        .values({ followerId, followeeId, createdAt: at })
        .onConflictDoNothing()
        .returning({ followerId: follows.followerId });
      if (added.length > 0) await countFollow(followerId, followeeId, 1);
    },

    removeFollow: async (followerId, followeeId) => {
      const removed = await db
        .delete(follows)
        .where(
          and(
            eq(follows.followerId, followerId),
            eq(follows.followeeId, followeeId),
          ),
        )
        .returning({ followerId: follows.followerId });
      if (removed.length > 0) await countFollow(followerId, followeeId, -1);
    },

    keptCountDifferences: async () => {
      const differences: KeptCountDifference[] = [];
      for (const [name, kept, side] of [
        ["User.followerCount", users.followerCount, follows.followeeId],
        ["User.followingCount", users.followingCount, follows.followerId],
      ] as const) {
        const recount = db
          .select({
            userId: sql<string>`${side}`.as("user_id"),
            n: count().as("n"),
          })
          .from(follows)
          .groupBy(side)
          .as("recount");
        const actual = sql<number>`coalesce(${recount.n}, 0)`.mapWith(Number);
        const rows = await db
          .select({ key: users.id, kept, recounted: actual })
          .from(users)
          .leftJoin(recount, eq(recount.userId, users.id))
          .where(ne(kept, actual));
        differences.push(...rows.map((row) => ({ count: name, ...row })));
      }
      return differences;
    },
  } satisfies Partial<UsersStatements>;
}
