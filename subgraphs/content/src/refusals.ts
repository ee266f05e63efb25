/**
 * The content subgraph's own refusal codes, in `extensions.code` (raised with the kit's
 * `refuse`). Clients branch on them: they are part of the API, never renamed. Generic cases use
 * the kit's codes: NOT_FOUND, BAD_USER_INPUT, FORBIDDEN (reason NOT_STREAM_CREATOR or
 * NOT_VIDEO_CREATOR), IDEMPOTENCY_KEY_REUSED, SERVICE_UNAVAILABLE, EVENTS_EXPIRED.
 */
export const Refusal = {
  /** Only a user with a creator profile can schedule a live stream or publish a video. */
  NOT_A_CREATOR: 'NOT_A_CREATOR',
  /** An ended stream cannot be started again. */
  STREAM_ENDED: 'STREAM_ENDED',
} as const;
