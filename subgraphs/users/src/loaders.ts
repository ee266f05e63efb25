import DataLoader from 'dataloader';
import { byIdLoader, byKeys, countLoader, ownerListLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import type { FollowEdgeRow, UsersStore } from './db/store.ts';
import type { FollowDirection } from './vocabulary.ts';

export interface FollowPageKey {
  userId: string;
  page: Page;
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(store: UsersStore) {
  const followPageLoader = (direction: FollowDirection) =>
    ownerListLoader<FollowPageKey, FollowEdgeRow>({
      ownerOf: (key) => key.userId,
      argumentsOf: (key) => pageGroup(key.page),
      load: (ids, sample) => store.followPages(direction, ids, sample.page),
      rowOwner: (row) => row.ownerId,
    });

  return {
    userById: byIdLoader((ids) => store.usersByIds(ids)),
    userByHandle: new DataLoader(async (handles: readonly string[]) => byKeys(handles, await store.usersByHandles(handles), (row) => row.handle)),
    followerCount: countLoader((ids) => store.followerCounts(ids)),
    followingCount: countLoader((ids) => store.followingCounts(ids)),
    followers: followPageLoader('followers'),
    following: followPageLoader('following'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
