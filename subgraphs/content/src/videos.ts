/**
 * The rules of short videos, in one place.
 *
 * - The feed and a creator's videos are newest first: `[publishedAt, id]` is both the order and
 *   the cursor, so no two videos tie; `last`/`before` walk the same index back.
 * - A video asked for by id at the root is NOT_FOUND when there is none; an entity reference
 *   this subgraph does not know resolves to null.
 * - Whether a creator exists is for the users subgraph to say: any creator id has (maybe no)
 *   videos.
 */
import { loadOrNotFound } from '@app/kit/loaders';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { VideoListView, VideoRow } from './mappers.ts';

/** How a list of videos pages, either way: by `[publishedAt, id]`, the cursor. */
export const VIDEO_PAGING: ListPaging<VideoRow> = { arity: 2, keyOf: (video) => [video.publishedAt.getTime(), video.id] };

export function loadVideo(context: Context, id: string): Promise<VideoRow> {
  return loadOrNotFound(context.loaders.videoById, 'Video', id);
}

/** Every video, newest first, a page at a time either way. */
export async function feed(context: Context, args: PageArgs) {
  const connection = await connectionOf(args, VIDEO_PAGING, async (page) => {
    const rows = await context.store.videosNewestFirst(page);
    for (const row of rows) context.loaders.videoById.prime(row.id, row);
    return rows;
  });
  return { ...connection, creatorId: null };
}

/** A creator's videos, newest first, a page at a time either way (one statement for all creators in a list). */
export async function creatorVideos(context: Context, creatorId: string, args: PageArgs) {
  const connection = await connectionOf(args, VIDEO_PAGING, async (page) => (await context.loaders.creatorVideos.load({ creatorId, page })).map((row) => row.node));
  return { ...connection, creatorId };
}

/** How many videos a list holds: a creator's, as kept; null for the feed, whose size is not kept. */
export async function videoListTotal(context: Context, list: VideoListView): Promise<number | null> {
  return list.creatorId === null ? null : context.loaders.videoCount.load(list.creatorId);
}
