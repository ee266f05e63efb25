import { changeRecorder, type Changed } from '@app/kit/changes';
import { clearingLoadersAfterWrites } from '@app/kit/loaders';
import { offlinePeers, type PeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { systemClock, type Clock } from '@app/kit/clock';
import type { CommerceStore } from './db/store.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { testPayoutProvider, type PayoutProvider } from '@app/kit/payouts';
import { DEFAULT_SETTINGS, type CommerceSettings } from './settings.ts';

/** What a commerce service runs with besides its store: the same for every request. */
export interface CommerceServices {
  /** Where every rule reads the time (tests move it). */
  clock: Clock;
  settings: CommerceSettings;
  /** Where commission payouts are sent. */
  payouts: PayoutProvider;
}

export const defaultServices = (): CommerceServices => ({ clock: systemClock, settings: DEFAULT_SETTINGS, payouts: testPayoutProvider() });

export interface Context extends CommerceServices {
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
export function createContext(store: CommerceStore, viewer: Viewer = anonymousViewer(), peers: PeerClient = offlinePeers, services: CommerceServices = defaultServices()): Context {
  const loaders = createLoaders(store, services.clock);
  return { store: clearingLoadersAfterWrites(store, loaders), loaders, viewer, peers, changed: changeRecorder(), ...services };
}
