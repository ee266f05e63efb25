/** Content's vocabulary: a leaf the store and the domain both import, importing nothing. */

export const LIVE_STREAM_STATUSES = ['SCHEDULED', 'LIVE', 'ENDED'] as const;
export type LiveStreamStatus = (typeof LIVE_STREAM_STATUSES)[number];

/**
 * When a stream sorts in its creator's list: when it started, or when it is scheduled to start
 * if it has not (the epoch if neither, so the order stays total). Kept on the row as `sortAt`,
 * which the list's index and its cursor both use.
 */
export function streamSortTime(stream: { startedAt?: Date | null; scheduledFor?: Date | null }): Date {
  return stream.startedAt ?? stream.scheduledFor ?? new Date(0);
}
