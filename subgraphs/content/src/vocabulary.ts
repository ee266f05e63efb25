/** Content's vocabulary: a leaf the store and the domain both import, importing nothing. */

export const LIVE_STREAM_STATUSES = ['SCHEDULED', 'LIVE', 'ENDED'] as const;
export type LiveStreamStatus = (typeof LIVE_STREAM_STATUSES)[number];
