import { count, eq, inArray, ne, sql } from "drizzle-orm";
import type { CursorKey } from "@app/kit/pagination";
import type { Engine } from "@app/kit/db/engine";
import { keysetPage, pagesPerOwner, perOwnerOf } from "@app/kit/db/shapes";
import type { KeptCountDifference } from "@app/kit/db/reconcile";
import type { ContentStatements } from "../contract.ts";
import type { ContentTables } from "../tables.ts";

/** A `[time, id]` cursor as SQL values: a number and a string, whatever the client put in it. */
export const timeAndId = (key: CursorKey): CursorKey => [Number(key[0]), String(key[1])];

export function videoStatements(engine: Engine<ContentTables>) {
  const { db } = engine;
  const { videos, videoLikes, creatorCounts } = engine.tables;
  return {
    videosByIds: async (ids) =>
      db
        .select()
        .from(videos)
        .where(inArray(videos.id, [...ids])),

    videosNewestFirst: async (page) => {
      const { where, orderBy } = keysetPage(engine, [videos.publishedAt, videos.id], "desc", page, timeAndId);
      return db
        .select()
        .from(videos)
        .where(where)
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    creatorVideoPages: (creatorIds, page) =>
      pagesPerOwner(engine, {
        from: videos,
        owner: videos.creatorId,
        ownerIds: creatorIds,
        ...keysetPage(engine, [videos.publishedAt, videos.id], "desc", page, timeAndId),
        node: { table: videos, id: videos.id, ref: videos.id },
        perOwner: perOwnerOf(page),
      }),

    videoCounts: async (creatorIds) =>
      creatorIds.length === 0
        ? []
        : db
            .select({
              key: creatorCounts.creatorId,
              count: creatorCounts.videoCount,
            })
            .from(creatorCounts)
            .where(inArray(creatorCounts.creatorId, [...creatorIds])),

    likeCounts: async (videoIds) =>
      db
        .select({ key: videos.id, count: videos.likeCount })
        .from(videos)
        .where(inArray(videos.id, [...videoIds])),

    keptCountDifferences: async () => {
      const likes = db
        .select({ videoId: videoLikes.videoId, n: count().as("n") })
        .from(videoLikes)
        .groupBy(videoLikes.videoId)
        .as("likes");
      const likesRecounted = sql<number>`coalesce(${likes.n}, 0)`.mapWith(
        Number,
      );
      const likeRows = await db
        .select({
          key: videos.id,
          kept: videos.likeCount,
          recounted: likesRecounted,
        })
        .from(videos)
        .leftJoin(likes, eq(likes.videoId, videos.id))
        .where(ne(videos.likeCount, likesRecounted));
      // Every creator with a video or a kept row: a full outer join, said as two halves both engines know.
      const perCreator = db
        .select({ creatorId: videos.creatorId, n: count().as("n") })
        .from(videos)
        .groupBy(videos.creatorId)
        .as("per_creator");
      const kept =
        sql<number>`coalesce(${creatorCounts.videoCount}, 0)`.mapWith(Number);
      const videoRows = await db
        .select({
          key: perCreator.creatorId,
          kept,
          recounted: sql<number>`${perCreator.n}`.mapWith(Number),
        })
        .from(perCreator)
        .leftJoin(
          creatorCounts,
          eq(creatorCounts.creatorId, perCreator.creatorId),
        )
        .where(ne(kept, perCreator.n));
      const keptOnly = await db
        .select({
          key: creatorCounts.creatorId,
          kept: creatorCounts.videoCount,
          recounted: sql<number>`0`.mapWith(Number),
        })
        .from(creatorCounts)
        .leftJoin(perCreator, eq(perCreator.creatorId, creatorCounts.creatorId))
        .where(
          sql`${perCreator.creatorId} is null and ${creatorCounts.videoCount} <> 0`,
        );
      const differences: KeptCountDifference[] = [
        ...likeRows.map((row) => ({ count: "Video.likeCount", ...row })),
        ...[...videoRows, ...keptOnly].map((row) => ({
          count: "Creator.videoCount",
          ...row,
        })),
      ];
      return differences;
    },
  } satisfies Partial<ContentStatements>;
}
