import DataLoader from 'dataloader';
import { batchByGroup, byKeys, groupedByKeys } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import { followerCounts, followingCounts, followPages, usersByHandles, usersByIds, type FollowEdgeRow, type UsersDb } from './db/queries.ts';

export interface FollowPageKey {
  userId: string;
  page: Page;
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(db: UsersDb) {
  const followPageLoader = (direction: 'followers' | 'following') =>
    new DataLoader<FollowPageKey, FollowEdgeRow[], string>(
      (keys) =>
        batchByGroup(
          keys,
          (key) => pageGroup(key.page),
          (group) => {
            const ids = group.map((key) => key.userId);
            const rows = followPages(db, direction, ids, (group[0] as FollowPageKey).page);
            return groupedByKeys(ids, rows, (row) => row.ownerId);
          },
        ),
      { cacheKeyFn: (key) => `${key.userId}:${pageGroup(key.page)}` },
    );

  return {
    userById: new DataLoader((ids: readonly string[]) => Promise.resolve(byKeys(ids, usersByIds(db, ids), (row) => row.id))),
    userByHandle: new DataLoader((handles: readonly string[]) =>
      Promise.resolve(byKeys(handles, usersByHandles(db, handles), (row) => row.handle)),
    ),
    followerCount: new DataLoader((ids: readonly string[]) =>
      Promise.resolve(byKeys(ids, followerCounts(db, ids), (row) => row.userId).map((row) => row?.count ?? 0)),
    ),
    followingCount: new DataLoader((ids: readonly string[]) =>
      Promise.resolve(byKeys(ids, followingCounts(db, ids), (row) => row.userId).map((row) => row?.count ?? 0)),
    ),
    followers: followPageLoader('followers'),
    following: followPageLoader('following'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
