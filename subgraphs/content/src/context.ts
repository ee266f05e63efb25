import { clearingLoadersAfterWrites } from '@app/kit/loaders';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { ContentStore } from './db/store.ts';

export interface Context {
  store: ContentStore;
  loaders: Loaders;
  viewer: Viewer;
}

/**
 * A fresh context per request, so DataLoader caches never outlive one operation; a write's
 * transaction drops them, so what the request reads after it is fresh.
 */
export function createContext(store: ContentStore, viewer: Viewer = anonymousViewer()): Context {
  const loaders = createLoaders(store);
  return { store: clearingLoadersAfterWrites(store, loaders), loaders, viewer };
}
