/**
 * Subscriptions to what happens on a LIVE stream in a subgraph other than content (gifts sent,
 * products bought): the subgraph's own outbox events for the stream, until content says the stream
 * has ended. Written once for every such subgraph.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode, notFound } from './errors.ts';
import { liveSubscription, parseEventId, type LiveEvent, type LiveEventBus, type LiveEventReads } from './live.ts';
import type { PeerClient } from './peers.ts';
import type { Viewer } from './viewer.ts';

/** What a subscribing request's context has: the peers client, the viewer, its loaders and the store's outbox. */
export interface LiveStreamSubscriber {
  peers: PeerClient;
  viewer: Viewer;
  loaders: Record<string, unknown>;
  store: LiveEventReads & { liveEvents: LiveEventBus };
}

/** content's stream status changes, watched for the one that ends a stream; `$after` is filled in on resubscribe. */
const STREAM_STATUS = 'subscription ($liveStreamId: ID!, $after: ID) { liveStreamUpdates(liveStreamId: $liveStreamId, after: $after) { status } }';

/**
 * Resolves once content says the stream has ENDED: one subscription to content per stream in this
 * process, shared by every subscriber, resumed after either side restarts.
 */
export function liveStreamEnded(peers: PeerClient, liveStreamId: string, gone?: AbortSignal): Promise<void> {
  return peers.watchUntil('content', STREAM_STATUS, { liveStreamId }, (result) => (result.data as { liveStreamUpdates?: { status?: string } } | null | undefined)?.liveStreamUpdates?.status === 'ENDED', gone);
}

/**
 * Whether the stream has ended, as content says. When content does not answer, a stream this
 * outbox already holds events of exists (events are only written for streams content said were
 * live), so the subscription opens and the watch on content tells its end once content is back: a
 * gateway resubscribing after a restart is not turned away while content is down too.
 * @throws NOT_FOUND for a stream content does not know; SERVICE_UNAVAILABLE when content does not
 *   answer about a stream this outbox has never seen.
 */
async function hasEnded(context: LiveStreamSubscriber, liveStreamId: string): Promise<boolean> {
  let stream: { status: string } | null | undefined;
  try {
    [stream] = await context.peers.entities<{ status: string }>('content', 'LiveStream', [liveStreamId], 'status', context.viewer);
  } catch (error) {
    const unavailable = error instanceof GraphQLError && error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE;
    if (unavailable && (await context.store.liveEventTopic(liveStreamId)).lastSeq > 0) return false;
    throw error;
  }
  if (!stream) throw notFound('LiveStream', liveStreamId);
  return stream.status === 'ENDED';
}

/**
 * A stream's events for one subscriber: what it missed after `after`, then each as it commits,
 * completing once the stream has ended and everything before that is sent.
 * @throws BAD_USER_INPUT / EVENTS_EXPIRED for an `after` this stream cannot resume from;
 *   NOT_FOUND / SERVICE_UNAVAILABLE as `hasEnded` says.
 */
export async function liveStreamEvents(context: LiveStreamSubscriber, liveStreamId: string, after: string | null | undefined): Promise<AsyncGenerator<LiveEvent, void, undefined>> {
  const position = parseEventId(after);
  const ended = await hasEnded(context, liveStreamId);
  return liveSubscription(context, {
    store: context.store,
    bus: context.store.liveEvents,
    topic: liveStreamId,
    after: position,
    ended: ended ? Promise.resolve() : (gone) => liveStreamEnded(context.peers, liveStreamId, gone),
  });
}
