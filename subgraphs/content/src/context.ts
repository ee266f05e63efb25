import { changeRecorder, type Changed } from '@app/kit/changes';
import { systemClock, type Clock } from '@app/kit/clock';
import { clearingLoadersAfterWrites } from '@app/kit/loaders';
import { offlinePeers, type PeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { ContentStore } from './db/store.ts';

export interface Context {
  store: ContentStore;
  loaders: Loaders;
  viewer: Viewer;
  /** Names what a write changed, for the gateway's entity cache: `context.changed('Product', id)` after the write. */
  changed: Changed;
  /** Asks users for the facts it owns (is this user a creator). */
  peers: PeerClient;
  /** Where the time comes from: a schedule's window and the times a status change records. */
  clock: Clock;
}

/**
 * A fresh context per request, so DataLoader caches never outlive one operation; a write's
 * transaction drops them, so what the request reads after it is fresh.
 */
export function createContext(store: ContentStore, viewer: Viewer = anonymousViewer(), peers: PeerClient = offlinePeers, clock: Clock = systemClock): Context {
  const loaders = createLoaders(store, viewer.userId ?? null);
  return { store: clearingLoadersAfterWrites(store, loaders), loaders, viewer, peers, clock, changed: changeRecorder() };
}
