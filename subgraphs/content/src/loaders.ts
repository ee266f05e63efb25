import DataLoader from 'dataloader';
import { byIdLoader, countLoader, listLoader, ownerListLoader } from '@app/kit/loaders';
import { pageGroup, type Page } from '@app/kit/pagination';
import type { Owned } from '@app/kit/db/shapes';
import type { ContentStore } from './db/store.ts';

export interface CreatorPageKey {
  creatorId: string;
  page: Page;
}

/**
 * A loader of one page per creator: keys that share `first`/`after` are one statement,
 * so a list of creators costs one statement per distinct page, not one per creator.
 */
function creatorPageLoader<R>(pages: (creatorIds: string[], page: Page) => Promise<Owned<R>[]>) {
  return ownerListLoader<CreatorPageKey, Owned<R>>({
    ownerOf: (key) => key.creatorId,
    argumentsOf: (key) => pageGroup(key.page),
    load: (ids, sample) => pages(ids, sample.page),
    rowOwner: (row) => row.ownerId,
  });
}

/** Whether the request's signed-in user likes each video: false for everyone else. */
function viewerLikesLoader(store: ContentStore, viewerId: string | null) {
  return new DataLoader<string, boolean>(async (videoIds) => {
    if (!viewerId) return videoIds.map(() => false);
    const liked = new Set(await store.likedVideoIds(viewerId, videoIds));
    return videoIds.map((id) => liked.has(id));
  });
}

/** Per-request loaders: each batch is one statement, whatever the number of keys. */
export function createLoaders(store: ContentStore, viewerId: string | null = null) {
  return {
    videoById: byIdLoader((ids) => store.videosByIds(ids)),
    liveStreamById: byIdLoader((ids) => store.liveStreamsByIds(ids)),
    likeCount: countLoader((ids) => store.likeCounts(ids)),
    videoCount: countLoader((ids) => store.videoCounts(ids)),
    videoProducts: listLoader((ids) => store.videoProductLists(ids)),
    viewerLikes: viewerLikesLoader(store, viewerId),
    creatorVideos: creatorPageLoader((ids, page) => store.creatorVideoPages(ids, page)),
    creatorLiveStreams: creatorPageLoader((ids, page) => store.creatorLiveStreamPages(ids, page)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
