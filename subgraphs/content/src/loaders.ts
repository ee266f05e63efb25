import DataLoader from 'dataloader';
import { byKeys, ownerListLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import {
  creatorLiveStreamPages,
  creatorVideoPages,
  likeCounts,
  liveStreamsByIds,
  videoCounts,
  videosByIds,
  type ContentDb,
  type KeyCount,
} from './db/queries.ts';

export interface CreatorPageKey {
  creatorId: string;
  page: Page;
}

/**
 * A loader of one page per creator: keys that share `first`/`after` are one statement,
 * so a list of creators costs one statement per distinct page, not one per creator.
 */
function creatorPageLoader<R extends { creatorId: string }>(pages: (creatorIds: string[], page: Page) => R[]) {
  return ownerListLoader<CreatorPageKey, R>({
    ownerOf: (key) => key.creatorId,
    argumentsOf: (key) => pageGroup(key.page),
    load: (ids, sample) => pages(ids, sample.page),
    rowOwner: (row) => row.creatorId,
  });
}

const countsByKeys = (keys: readonly string[], rows: KeyCount[]) => byKeys(keys, rows, (row) => row.key).map((row) => row?.count ?? 0);

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(db: ContentDb) {
  return {
    videoById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, videosByIds(db, ids), (row) => row.id))),
    liveStreamById: new DataLoader((ids: readonly string[]) =>
      Promise.resolve(byKeys(ids, liveStreamsByIds(db, ids), (row) => row.id)),
    ),
    likeCount: new DataLoader((ids: readonly string[]) => Promise.resolve(countsByKeys(ids, likeCounts(db, ids)))),
    videoCount: new DataLoader((ids: readonly string[]) => Promise.resolve(countsByKeys(ids, videoCounts(db, ids)))),
    creatorVideos: creatorPageLoader((ids, page) => creatorVideoPages(db, ids, page)),
    creatorLiveStreams: creatorPageLoader((ids, page) => creatorLiveStreamPages(db, ids, page)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
