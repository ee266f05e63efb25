/**
 * What the content store answers: every statement by name, its arguments and its rows, whatever
 * the engine. `statements/` implements it once for SQLite and Postgres alike.
 */
import type { KitStatements } from '@app/kit/db/kit-statements';
import type { Page } from '@app/kit/pagination';
import type { KeyCount, Owned } from '@app/kit/db/shapes';
import type { KeptCountDifference } from '@app/kit/db/reconcile';
import type { LiveStreamStatus } from '../vocabulary.ts';
import type { LiveStreamRow, NewCreatorCount, NewLiveEvent, NewLiveStream, NewVideo, NewVideoLike, VideoProductRow, VideoRow } from './tables.ts';

/** What a creator may change of a published video. */
export type VideoEdit = Partial<Pick<VideoRow, 'caption' | 'hashtags'>>;

/** What a status change sets besides the status. */
export type StatusChange = Partial<Pick<LiveStreamRow, 'startedAt' | 'endedAt' | 'viewerCount'>>;

/** The seed world's rows (`seed.ts`), as the seed step inserts them. */
export interface ContentSeedRows {
  videos: NewVideo[];
  liveStreams: NewLiveStream[];
  videoLikes: NewVideoLike[];
  creatorCounts: NewCreatorCount[];
  /** Each stream's lifecycle in the outbox, as the live code writes it (kind and payload the status). */
  liveEvents: NewLiveEvent[];
  /** Each stream's event counter: the number of its last event. */
  liveEventTopics: { topic: string; lastSeq: number }[];
}

export interface ContentStatements extends KitStatements {
  // Videos.
  videosByIds(ids: readonly string[]): Promise<VideoRow[]>;
  /** One page of all videos by `[publishedAt, id]` descending, with one extra row to tell whether more follow. */
  videosNewestFirst(page: Page): Promise<VideoRow[]>;
  /** A page of videos for each of many creators in one statement, by `[publishedAt, id]` descending. */
  creatorVideoPages(creatorIds: readonly string[], page: Page): Promise<Owned<VideoRow>[]>;
  /** How many videos each creator has, as kept (no row for a creator with none). */
  videoCounts(creatorIds: readonly string[]): Promise<KeyCount[]>;
  /** How many likes each video has, as kept on the video's row. */
  likeCounts(videoIds: readonly string[]): Promise<KeyCount[]>;
  /** Every kept count that differs from a recount of the videos and likes behind it. */
  keptCountDifferences(): Promise<KeptCountDifference[]>;

  // Publishing: each write moves its creator's kept video count in the same transaction.
  /** A new video, counted in its creator's kept `videoCount`. */
  insertVideo(row: NewVideo): Promise<VideoRow>;
  /** Changes a video's caption or hashtags: undefined (and no change) when there is no such video. */
  editVideo(id: string, edit: VideoEdit): Promise<VideoRow | undefined>;
  /** Deletes a video with its likes and product tags, uncounting it: undefined when there was none. */
  deleteVideo(id: string): Promise<VideoRow | undefined>;

  // Product tags.
  /** Each video's tagged products in position order, in one statement for many videos. */
  videoProductLists(videoIds: readonly string[]): Promise<Owned<VideoProductRow>[]>;
  /** Makes `productIds` (in this order, positions from 0) the video's whole tag list. */
  replaceVideoProducts(videoId: string, productIds: readonly string[], at: Date): Promise<void>;

  // Likes: liking twice or unliking what is not liked changes nothing, counts included.
  /** Records that `userId` likes `videoId`: whether it is new (and so counted). */
  addLike(userId: string, videoId: string, at: Date): Promise<boolean>;
  /** Removes `userId`'s like of `videoId`: whether there was one (and so it is uncounted). */
  removeLike(userId: string, videoId: string): Promise<boolean>;
  /** Which of `videoIds` `userId` likes. */
  likedVideoIds(userId: string, videoIds: readonly string[]): Promise<string[]>;

  // Live streams.
  /** A new stream; its `sortAt` follows from its times (`streamSortTime`). */
  insertLiveStream(row: Omit<NewLiveStream, 'sortAt'>): Promise<LiveStreamRow>;
  /** Moves a stream to `to` only if it is still in one of `from`: undefined (and no change) when it is not. */
  changeStreamStatus(id: string, from: readonly LiveStreamStatus[], to: LiveStreamStatus, change: StatusChange): Promise<LiveStreamRow | undefined>;
  liveStreamsByIds(ids: readonly string[]): Promise<LiveStreamRow[]>;
  /** One page of the streams in `status` by `[viewerCount desc, id asc]`, with one extra row. */
  streamsByViewers(status: LiveStreamStatus, page: Page): Promise<LiveStreamRow[]>;
  /** A page of live streams for each of many creators in one statement, by `[stream time, id]` descending. */
  creatorLiveStreamPages(creatorIds: readonly string[], page: Page): Promise<Owned<LiveStreamRow>[]>;

  // The seed step.
  isEmpty(): Promise<boolean>;
  insertSeedRows(rows: ContentSeedRows): Promise<void>;
}
