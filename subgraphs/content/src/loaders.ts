import DataLoader from 'dataloader';
import { batchByGroup, byKeys, groupedByKeys } from '@app/kit/loaders';
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
  return new DataLoader<CreatorPageKey, R[], string>(
    (keys) =>
      batchByGroup(
        keys,
        (key) => pageGroup(key.page),
        (group) => {
          const ids = group.map((key) => key.creatorId);
          return groupedByKeys(ids, pages(ids, (group[0] as CreatorPageKey).page), (row) => row.creatorId);
        },
      ),
    { cacheKeyFn: (key) => `${key.creatorId}:${pageGroup(key.page)}` },
  );
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
