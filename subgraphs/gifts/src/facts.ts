import type { Context } from './context.ts';

/**
 * Facts another subgraph owns (a user's country, whether a stream is live) are fetched before a
 * write's transaction: no network call runs while the write lock is held. They are settled
 * rather than thrown: a retry of a write that already happened returns its recorded result even
 * if the fact changed since (the stream ended) or its owner is down; only a write that must
 * really run reads them.
 */
export type Fact<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(promise: Promise<T>): Promise<Fact<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** The fact's value. @throws what fetching it threw (SERVICE_UNAVAILABLE). */
export function known<T>(fact: Fact<T>): T {
  if (fact.ok) return fact.value;
  throw fact.error;
}

export interface UserFacts {
  id: string;
  country: string;
}

/** Users by id, from the users subgraph, in order, null where it knows no such user. */
export function fetchUsers(context: Context, ids: readonly string[]): Promise<(UserFacts | null)[]> {
  return context.peers.entities<{ id: string; country: string }>('users', 'User', ids, 'id country', context.viewer);
}

export interface LiveStreamFacts {
  id: string;
  status: 'SCHEDULED' | 'LIVE' | 'ENDED';
  creator: { id: string };
}

/** A live stream's status and creator, from the content subgraph; null when it knows no such stream. */
export async function fetchLiveStream(context: Context, id: string): Promise<LiveStreamFacts | null> {
  const [stream] = await context.peers.entities<{ id: string; status: LiveStreamFacts['status']; creator: { id: string } }>(
    'content',
    'LiveStream',
    [id],
    'id status creator { id }',
    context.viewer,
  );
  return stream ?? null;
}

/** Content's own subscription to a stream's status changes; `$after` is filled in when it resumes. */
const STREAM_STATUS = 'subscription ($liveStreamId: ID!, $after: ID) { liveStreamUpdates(liveStreamId: $liveStreamId, after: $after) { status } }';

/**
 * Resolves once content reports the stream ENDED: one watch per stream in this process, however
 * many subscribers wait on it, resumed after either side restarts.
 */
export function streamEnded(context: Context, liveStreamId: string): Promise<void> {
  return context.peers.watchUntil('content', STREAM_STATUS, { liveStreamId }, (result) => (result.data as { liveStreamUpdates?: { status?: string } } | null | undefined)?.liveStreamUpdates?.status === 'ENDED');
}
