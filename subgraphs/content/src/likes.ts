/**
 * The rules of likes, in one place.
 *
 * - Any signed-in user likes or unlikes any video, their own included. Liking twice counts once
 *   and unliking what is not liked changes nothing: a like is one row per (video, user), and the
 *   video's kept `likeCount` moves only when that row comes or goes, in the same transaction.
 * - `viewerHasLiked` is the signed-in viewer's own: false for anyone not signed in, and never
 *   kept by the gateway's cache.
 */
import { signedInUserId } from '@app/kit/access';
import { notFound } from '@app/kit/errors';
import type { Context } from './context.ts';
import type { VideoRow } from './mappers.ts';
import { loadVideo } from './videos.ts';

async function changeLike(context: Context, videoId: string, like: boolean): Promise<VideoRow> {
  const userId = signedInUserId(context.viewer);
  const now = context.clock.now();
  await context.store.transaction(async (tx) => {
    const [video] = await tx.videosByIds([videoId]);
    if (!video) throw notFound('Video', videoId);
    await (like ? tx.addLike(userId, videoId, now) : tx.removeLike(userId, videoId));
  });
  // Its like count, and whether this viewer likes it.
  context.changed('Video', videoId);
  return loadVideo(context, videoId);
}

export function likeVideo(context: Context, videoId: string): Promise<VideoRow> {
  return changeLike(context, videoId, true);
}

export function unlikeVideo(context: Context, videoId: string): Promise<VideoRow> {
  return changeLike(context, videoId, false);
}

/**
 * The viewer's own fact on a public type: the field's `maxAge: 0` makes every answer holding it
 * `no-store`, so the gateway never keeps one viewer's answer for another.
 */
export function viewerHasLiked(context: Context, videoId: string): Promise<boolean> {
  return context.loaders.viewerLikes.load(videoId);
}
