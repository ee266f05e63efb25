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

/**
 * How many products one video may tag: a shopping overlay stays a few cards a viewer can take in
 * while the video plays (commerce's seeded tags keep to the same bound).
 */
export const VIDEO_PRODUCTS_MAX = 5;

/** A published video's limits: what clients must keep to, and what the store holds. */
export const VIDEO_LIMITS = {
  /** Characters of the caption after trimming; an empty caption is allowed (a video can speak for itself). */
  captionMax: 2_200,
  /** Hashtags per video, each 1 to `hashtagMax` letters, digits or underscores, without the `#`. */
  hashtagsMax: 20,
  hashtagMax: 50,
  /** Seconds: a short video is at least one second and at most ten minutes. */
  durationMin: 1,
  durationMax: 600,
  /** Characters of a media URL (playback playlist, thumbnail). */
  urlMax: 2_048,
} as const;
