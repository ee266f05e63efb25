/**
 * Facts other subgraphs own, asked of their owner at the time of a write through the kit's peer
 * client (signed, on the viewer's behalf, with a timeout: an owner that does not answer is
 * SERVICE_UNAVAILABLE, never a guess). They are asked before a write's transaction, never
 * inside it.
 */
import { signedInUserId } from '@app/kit/access';
import { forbidden, notFound } from '@app/kit/errors';
import type { Context } from './context.ts';
import { ForbiddenReason } from './refusals.ts';

export type LiveStreamFacts = {
  id: string;
  status: 'SCHEDULED' | 'LIVE' | 'ENDED';
  creator: { id: string };
};

/** A live stream's status and creator, from content. @throws NOT_FOUND when content knows no such stream. */
export async function fetchLiveStream(context: Context, id: string): Promise<LiveStreamFacts> {
  const [stream] = await context.peers.entities<LiveStreamFacts>('content', 'LiveStream', [id], 'id status creator { id }', context.viewer);
  if (!stream) throw notFound('LiveStream', id);
  return stream;
}

/** A video's creator and the products content's tags name (the ones its creator wrote). */
export type VideoFacts = {
  id: string;
  creator: { id: string } | null;
  taggedProducts: { id: string }[] | null;
};

/** A video's facts, from content. @throws NOT_FOUND when content knows no such video. */
export async function fetchVideo(context: Context, id: string): Promise<VideoFacts> {
  const [video] = await context.peers.entities<VideoFacts>('content', 'Video', [id], 'id creator { id } taggedProducts { id }', context.viewer);
  if (!video?.creator) throw notFound('Video', id);
  return video;
}

/** Whether a user is a creator, from users (it resolves a non-creator's Creator to null). */
export async function isCreator(context: Context, userId: string): Promise<boolean> {
  const [creator] = await context.peers.entities('users', 'Creator', [userId], 'id', context.viewer);
  return creator != null;
}

/**
 * The signed-in user, who must be a creator to link products or keep a showcase.
 * @throws FORBIDDEN (reason NOT_A_CREATOR) when users says they are not one.
 */
export async function signedInCreatorId(context: Context): Promise<string> {
  const userId = signedInUserId(context.viewer);
  if (!(await isCreator(context, userId))) throw forbidden('Only creators can do this.', { reason: ForbiddenReason.NOT_A_CREATOR });
  return userId;
}
