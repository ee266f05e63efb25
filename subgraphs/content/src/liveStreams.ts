/**
 * The rules of live streams, in one place.
 *
 * - A stream is SCHEDULED, LIVE or ENDED; it is live exactly when its status is LIVE.
 * - "Live now" lists only LIVE streams, most viewers first, ties to the lower id so the order
 *   is total: the cursor is `[viewerCount, id]`.
 * - A creator's streams are newest first by their stream time: when they started, or when they
 *   are scheduled to start if they have not (0 if neither, so the order stays total). The
 *   store's creator pages sort by the same time; the cursor is `[stream time, id]`.
 * - A stream asked for by id at the root is NOT_FOUND when there is none, whatever its status;
 *   an entity reference this subgraph does not know resolves to null.
 */
import { loadOrNotFound } from '@app/kit/loaders';
import { readPage, toConnection, type CursorKey, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { LiveStreamRow } from './db/schema.ts';

/** Parts of both stream cursors: `[viewerCount, id]` and `[stream time, id]`. */
const STREAM_CURSOR_ARITY = 2;

export function isLive(stream: LiveStreamRow): boolean {
  return stream.status === 'LIVE';
}

function streamTimeKey(stream: LiveStreamRow): CursorKey {
  return [(stream.startedAt ?? stream.scheduledFor)?.getTime() ?? 0, stream.id];
}

export function loadLiveStream(context: Context, id: string): Promise<LiveStreamRow> {
  return loadOrNotFound(context.loaders.liveStreamById, 'LiveStream', id);
}

/** Streams live right now, most viewers first, a page at a time. */
export async function liveNow(context: Context, args: PageArgs) {
  const page = readPage(args, STREAM_CURSOR_ARITY);
  const rows = await context.store.streamsByViewers('LIVE', page);
  for (const row of rows) context.loaders.liveStreamById.prime(row.id, row);
  return toConnection(rows, page, (row) => [row.viewerCount, row.id]);
}

/** A creator's streams, newest first, a page at a time (one statement for all creators in a list). */
export async function creatorLiveStreams(context: Context, creatorId: string, args: PageArgs) {
  const page = readPage(args, STREAM_CURSOR_ARITY);
  const rows = await context.loaders.creatorLiveStreams.load({ creatorId, page });
  return toConnection(rows.map((row) => row.node), page, streamTimeKey);
}
