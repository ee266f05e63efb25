import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { insertRows } from '@app/kit/db/shapes';
import type { ContentStatements } from '../contract.ts';
import type { ContentTables } from '../tables.ts';

/**
 * What creators and viewers write about videos: publishing, editing and deleting them, their
 * product tags, and likes. Every kept count moves in the statement's own transaction (the domain
 * runs each of these inside one).
 */
export function videoWriteStatements(engine: Engine<ContentTables>) {
  const { db } = engine;
  const { videos, videoLikes, videoProducts, creatorCounts } = engine.tables;

  /** Moves a creator's kept video count by `by`; a creator's first video makes their row. */
  const countVideo = async (creatorId: string, by: 1 | -1) => {
    await db
      .insert(creatorCounts)
      .values({ creatorId, videoCount: Math.max(by, 0) })
      .onConflictDoUpdate({ target: creatorCounts.creatorId, set: { videoCount: sql`${creatorCounts.videoCount} + ${by}` } });
  };

  /** Moves a video's kept like count by `by`. */
  const countLike = async (videoId: string, by: 1 | -1) => {
    await db
      .update(videos)
      .set({ likeCount: sql`${videos.likeCount} + ${by}` })
      .where(eq(videos.id, videoId));
  };

  return {
    insertVideo: async (row) => {
      const [video] = await db.insert(videos).values(row).returning();
      await countVideo(row.creatorId, 1);
      return video!;
    },

    editVideo: async (id, edit) => {
      if (Object.keys(edit).length === 0) return (await db.select().from(videos).where(eq(videos.id, id)))[0];
      return (await db.update(videos).set(edit).where(eq(videos.id, id)).returning())[0];
    },

    deleteVideo: async (id) => {
      // Its likes and tags first: both reference the video.
      await db.delete(videoLikes).where(eq(videoLikes.videoId, id));
      await db.delete(videoProducts).where(eq(videoProducts.videoId, id));
      const [video] = await db.delete(videos).where(eq(videos.id, id)).returning();
      if (video) await countVideo(video.creatorId, -1);
      return video;
    },

    videoProductLists: async (videoIds) =>
      videoIds.length === 0
        ? []
        : db
            .select({ ownerId: sql<string>`${videoProducts.videoId}`, node: videoProducts })
            .from(videoProducts)
            .where(inArray(videoProducts.videoId, [...videoIds]))
            .orderBy(asc(videoProducts.videoId), asc(videoProducts.position)),

    replaceVideoProducts: async (videoId, productIds, at) => {
      await db.delete(videoProducts).where(eq(videoProducts.videoId, videoId));
      await insertRows(
        engine,
        videoProducts,
        productIds.map((productId, position) => ({ videoId, productId, position, taggedAt: at })),
      );
    },

    addLike: async (userId, videoId, at) => {
      const added = await db.insert(videoLikes).values({ userId, videoId, createdAt: at }).onConflictDoNothing().returning({ userId: videoLikes.userId });
      if (added.length > 0) await countLike(videoId, 1);
      return added.length > 0;
    },

    removeLike: async (userId, videoId) => {
      const removed = await db
        .delete(videoLikes)
        .where(and(eq(videoLikes.videoId, videoId), eq(videoLikes.userId, userId)))
        .returning({ userId: videoLikes.userId });
      if (removed.length > 0) await countLike(videoId, -1);
      return removed.length > 0;
    },

    likedVideoIds: async (userId, videoIds) =>
      videoIds.length === 0
        ? []
        : (
            await db
              .select({ videoId: videoLikes.videoId })
              .from(videoLikes)
              .where(and(eq(videoLikes.userId, userId), inArray(videoLikes.videoId, [...videoIds])))
          ).map((row) => row.videoId),
  } satisfies Partial<ContentStatements>;
}
