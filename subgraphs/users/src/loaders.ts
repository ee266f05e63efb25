import DataLoader from 'dataloader';
import { byKeys, ownerListLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import { followerCounts, followingCounts, followPages, usersByHandles, usersByIds, type FollowEdgeRow, type UsersDb } from './db/queries.ts';

export interface FollowPageKey {
  userId: string;
  page: Page;
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(db: UsersDb) {
  const followPageLoader = (direction: 'followers' | 'following') =>
    ownerListLoader<FollowPageKey, FollowEdgeRow>({
      ownerOf: (key) => key.userId,
      argumentsOf: (key) => pageGroup(key.page),
      load: (ids, sample) => followPages(db, direction, ids, sample.page),
      rowOwner: (row) => row.ownerId,
    });

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
