import { changeRecorder, type Changed } from '@app/kit/changes';
import { systemClock, type Clock } from '@app/kit/clock';
import { clearingLoadersAfterWrites } from '@app/kit/loaders';
import { offlinePeers, type PeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { UsersStore } from './db/store.ts';

export interface Context {
  store: UsersStore;
  loaders: Loaders;
  viewer: Viewer;
  /** Names what a write changed, for the gateway's entity cache: `context.changed('Product', id)` after the write. */
  changed: Changed;
  /** Where the time comes from: when a follow began. */
  clock: Clock;
  /** Asks commerce for the facts it owns (facts.ts): creators' sample fulfilment rates for the directory. */
  peers: PeerClient;
}

/**
 * A fresh context per request, so DataLoader caches never outlive one operation; a write's
 * transaction drops them, so what the request reads after it is fresh.
 */
export function createContext(store: UsersStore, viewer: Viewer = anonymousViewer(), peers: PeerClient = offlinePeers, clock: Clock = systemClock): Context {
  const loaders = createLoaders(store);
  return { store: clearingLoadersAfterWrites(store, loaders), loaders, viewer, peers, clock, changed: changeRecorder() };
}
