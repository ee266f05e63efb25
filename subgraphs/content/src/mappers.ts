/** What resolvers receive for each type (codegen's mappers): the store's rows, and references. */
import type { Connection } from '@app/kit/pagination';
import type { VideoRow } from './db/tables.ts';
import type { LiveStreamStatus } from './vocabulary.ts';

export type { LiveStreamRow, VideoRow } from './db/tables.ts';

/** A creator as content knows one: only the id; the users subgraph decides whether it exists. */
export interface CreatorRef {
  id: string;
}

/** A product as content knows one: the id a video tags; commerce completes the rest. */
export interface ProductRef {
  id: string;
}

/** What a subscription to a stream's status changes hands its resolvers: one outbox event. */
export interface LiveStreamUpdateEvent {
  id: string;
  status: LiveStreamStatus;
  liveStreamId: string;
}

/** A page of videos, and whose list it is when its size is kept (a creator's; the feed's is not). */
export interface VideoListView extends Connection<VideoRow> {
  creatorId: string | null;
}
