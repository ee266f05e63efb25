import { changeRecorder, type Changed } from '@app/kit/changes';
import { clearingLoadersAfterWrites } from '@app/kit/loaders';
import { offlinePeers, type PeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { CommerceStore } from './db/store.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface Context {
  store: CommerceStore;
  loaders: Loaders;
  viewer: Viewer;
  /** Names what a write changed, for the gateway's entity cache: `context.changed('Product', id)` after the write. */
  changed: Changed;
  /** Asks users and content for the facts they own (facts.ts). */
  peers: PeerClient;
}

/**
 * A fresh context per request, so DataLoader caches never outlive one operation; a write's
 * transaction drops them, so what the request reads after it is fresh.
 */
export function createContext(store: CommerceStore, viewer: Viewer = anonymousViewer(), peers: PeerClient = offlinePeers): Context {
  const loaders = createLoaders(store);
  return { store: clearingLoadersAfterWrites(store, loaders), loaders, viewer, peers, changed: changeRecorder() };
}
