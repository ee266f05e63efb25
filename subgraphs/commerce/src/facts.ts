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

/** content's stream status changes, watched for the one that ends a stream; `$after` is filled in on resubscribe. */
const STREAM_STATUS = 'subscription ($liveStreamId: ID!, $after: ID) { liveStreamUpdates(liveStreamId: $liveStreamId, after: $after) { status } }';

/**
 * Resolves once content says the stream has ENDED: one subscription to content per stream in
 * this process, shared by every subscriber, resumed after content restarts.
 */
export function liveStreamEnded(context: Context, liveStreamId: string): Promise<void> {
  return context.peers.watchUntil('content', STREAM_STATUS, { liveStreamId }, (result) => (result.data as { liveStreamUpdates?: { status?: string } } | null | undefined)?.liveStreamUpdates?.status === 'ENDED');
}
