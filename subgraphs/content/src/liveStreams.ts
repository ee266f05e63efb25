/**
 * The rules of live streams, in one place.
 *
 * - A stream is SCHEDULED, LIVE or ENDED; it is live exactly when its status is LIVE.
 * - "Live now" lists only LIVE streams, most viewers first, ties to the lower id so the order
 *   is total: the cursor is `[viewerCount, id]`. A stream whose viewer count moves between two
 *   pages may be met twice or not at all, as in any list sorted by a live count.
 * - A creator's streams are newest first by their stream time: when they started, or when they
 *   are scheduled to start if they have not (0 if neither, so the order stays total). The
 *   store's creator pages sort by the same time; the cursor is `[stream time, id]`. Both lists
 *   page either way (`last`/`before` walk the same index back).
 * - A stream asked for by id at the root is NOT_FOUND when there is none, whatever its status;
 *   an entity reference this subgraph does not know resolves to null.
 *
 * The lifecycle, SCHEDULED → LIVE → ENDED (or SCHEDULED → ENDED, a stream that never went live):
 * - A signed-in creator (users says who is one) schedules a stream: a title of 1 to 100
 *   characters, a time within the next 90 days, under an idempotency key.
 * - Only the stream's own creator starts or ends it. Starting a live stream or ending an ended
 *   one changes nothing; an ended stream never starts again.
 * - Each change is written to the outbox in the same transaction as the status, so a change is
 *   announced if and only if it committed; ENDED is the last event a stream ever has, and every
 *   subscription to it completes after sending it.
 */
import { requireOwner, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { liveSubscription, parseEventId, type LiveEvent, type LiveEventReads } from '@app/kit/live';
import { loadOrNotFound } from '@app/kit/loaders';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { LiveStreamRow, LiveStreamUpdateEvent } from './mappers.ts';
import type { ContentTx, LiveStreamStatus, StatusChange } from './db/store.ts';
import { isCreator } from './facts.ts';
import { Refusal } from './refusals.ts';

export const TITLE_MAX = 100;
export const SCHEDULE_AHEAD_MAX_DAYS = 90;
const DAY_MS = 86_400_000;

export function isLive(stream: LiveStreamRow): boolean {
  return stream.status === 'LIVE';
}

/** How "live now" pages, either way: by `[viewerCount, id]`. */
export const LIVE_NOW_PAGING: ListPaging<LiveStreamRow> = { arity: 2, keyOf: (stream) => [stream.viewerCount, stream.id] };

/** How a creator's streams page, either way: by `[stream time, id]`. */
export const CREATOR_STREAMS_PAGING: ListPaging<LiveStreamRow> = { arity: 2, keyOf: (stream) => [stream.sortAt.getTime(), stream.id] };

export function loadLiveStream(context: Context, id: string): Promise<LiveStreamRow> {
  return loadOrNotFound(context.loaders.liveStreamById, 'LiveStream', id);
}

/** Streams live right now, most viewers first, a page at a time either way. */
export function liveNow(context: Context, args: PageArgs) {
  return connectionOf(args, LIVE_NOW_PAGING, async (page) => {
    const rows = await context.store.streamsByViewers('LIVE', page);
    for (const row of rows) context.loaders.liveStreamById.prime(row.id, row);
    return rows;
  });
}

/** A creator's streams, newest first, a page at a time either way (one statement for all creators in a list). */
export function creatorLiveStreams(context: Context, creatorId: string, args: PageArgs) {
  return connectionOf(args, CREATOR_STREAMS_PAGING, async (page) => (await context.loaders.creatorLiveStreams.load({ creatorId, page })).map((row) => row.node));
}

export interface ScheduleInput {
  title: string;
  scheduledFor: Date;
  idempotencyKey: string;
}

/** The outbox event of a status change; the stream's id is its topic. */
function announce(tx: ContentTx, stream: LiveStreamRow, now: Date): Promise<LiveEvent> {
  return tx.appendLiveEvent(stream.id, stream.status, { status: stream.status }, now);
}

export async function scheduleLiveStream(context: Context, input: ScheduleInput): Promise<LiveStreamRow> {
  const creatorId = signedInUserId(context.viewer);
  const title = input.title.trim();
  if (title.length < 1 || title.length > TITLE_MAX) throw badInput(`title must be 1 to ${TITLE_MAX} characters.`, { field: 'title' });
  const now = context.clock.now();
  const at = input.scheduledFor;
  if (!(at instanceof Date) || Number.isNaN(at.getTime()) || at.getTime() <= now.getTime() || at.getTime() > now.getTime() + SCHEDULE_AHEAD_MAX_DAYS * DAY_MS) {
    throw badInput(`scheduledFor must be a time in the next ${SCHEDULE_AHEAD_MAX_DAYS} days.`, { field: 'scheduledFor' });
  }
  // A fact users owns, asked before the transaction (no network call inside one).
  if (!(await isCreator(context, creatorId))) throw refuse(Refusal.NOT_A_CREATOR, 'Only creators can schedule live streams.');
  const { result } = await idempotent(
    context.store,
    { scope: creatorId, key: input.idempotencyKey, operation: 'scheduleLiveStream', input: { title, scheduledFor: at.toISOString() } },
    async (tx) => {
      const stream = await tx.insertLiveStream({ id: newId('liv'), creatorId, title, status: 'SCHEDULED', viewerCount: 0, scheduledFor: at });
      await announce(tx, stream, now);
      return { id: stream.id };
    },
  );
  // A new stream: its creator's list of streams, and which streams exist, changed.
  context.changed('LiveStream', result.id);
  context.changed('LiveStream');
  context.changed('Creator', creatorId);
  return loadLiveStream(context, result.id);
}

/**
 * Moves one of the viewer's streams to `to` from any of `from`, announcing it; returns the
 * stream unchanged when it already is `to`.
 */
async function changeStatus(context: Context, id: string, from: readonly LiveStreamStatus[], to: LiveStreamStatus, change: (now: Date) => StatusChange): Promise<LiveStreamRow> {
  signedInUserId(context.viewer);
  const stream = await context.store.transaction(async (tx) => {
    const [stream] = await tx.liveStreamsByIds([id]);
    if (!stream) throw notFound('LiveStream', id);
    requireOwner(context.viewer, stream.creatorId, "Only the stream's own creator can start or end it.", 'NOT_STREAM_CREATOR');
    if (stream.status === to) return stream;
    if (!from.includes(stream.status)) throw refuse(Refusal.STREAM_ENDED, 'This stream has ended; schedule a new one.', { status: stream.status });
    const now = context.clock.now();
    const changed = await tx.changeStreamStatus(id, from, to, change(now));
    if (!changed) throw new Error(`stream ${id} changed under a write lock`);
    await announce(tx, changed, now);
    return changed;
  });
  // Its status, its place in its creator's list, and which streams are live changed.
  context.changed('LiveStream', id);
  context.changed('LiveStream');
  context.changed('Creator', stream.creatorId);
  return stream;
}

export function startLiveStream(context: Context, id: string): Promise<LiveStreamRow> {
  return changeStatus(context, id, ['SCHEDULED'], 'LIVE', (now) => ({ startedAt: now }));
}

export function endLiveStream(context: Context, id: string): Promise<LiveStreamRow> {
  return changeStatus(context, id, ['SCHEDULED', 'LIVE'], 'ENDED', (now) => ({ endedAt: now, viewerCount: 0 }));
}

/**
 * A stream's status changes for one subscriber: what it missed after `after`, then each change
 * as it commits, completing after ENDED. For a stream that has already ended, ENDED is sent at
 * once and the subscription completes, also once the retention window has dropped it: being the
 * stream's last event, it is rebuilt from the stream's row with its own id.
 */
export async function liveStreamUpdates(context: Context, liveStreamId: string, after: string | null | undefined): Promise<AsyncIterable<LiveStreamUpdateEvent>> {
  let position = parseEventId(after);
  // The stream's position first, then its status: a stream not ENDED by then ends with an event
  // after that position, which the subscription will see; one ENDED already has it as its last.
  const { lastSeq, prunedThrough } = await context.store.liveEventTopic(liveStreamId);
  const [stream] = await context.store.liveStreamsByIds([liveStreamId]);
  if (!stream) throw notFound('LiveStream', liveStreamId);
  const ended = stream.status === 'ENDED';
  if (position === null) position = ended ? Math.max(0, lastSeq - 1) : lastSeq;
  // Only ENDED was missed and the window no longer keeps it: it can be told again exactly.
  const endedDropped = ended && lastSeq > 0 && position === lastSeq - 1 && prunedThrough >= lastSeq;
  const events = await liveSubscription(context, {
    store: endedDropped ? endedEventOf(stream, lastSeq, context.clock.now()) : context.store,
    bus: context.store.liveEvents,
    topic: liveStreamId,
    after: position,
    isLast: (event) => event.kind === 'ENDED',
    ...(ended ? { ended: Promise.resolve() } : {}),
  });
  return mapEvents(events, (event) => ({ id: String(event.seq), status: (event.payload as { status: LiveStreamStatus }).status, liveStreamId: event.topic }));
}

/** The outbox as it stood right after an ended stream's ENDED, `seq`: that event alone, after `seq - 1`. */
function endedEventOf(stream: LiveStreamRow, seq: number, now: Date): LiveEventReads {
  const event: LiveEvent = { topic: stream.id, seq, kind: 'ENDED', payload: { status: 'ENDED' }, createdAt: stream.endedAt ?? now };
  return {
    liveEventsAfter: async (_topic, after) => (after < seq ? [event] : []),
    liveEventTopic: async () => ({ lastSeq: seq, prunedThrough: seq - 1 }),
  };
}

/** Maps a stream of events without becoming an async generator (which could not be let go while it waits). */
function mapEvents<T>(events: AsyncGenerator<LiveEvent, void, undefined>, map: (event: LiveEvent) => T): AsyncIterableIterator<T> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await events.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: map(step.value) };
    },
    async return() {
      await events.return(undefined);
      return { done: true, value: undefined };
    },
  };
}
