import { changeRecorder, type Changed } from '@app/kit/changes';
import { systemClock, type Clock } from '@app/kit/clock';
import { clearingLoadersAfterWrites } from '@app/kit/loaders';
import { offlinePeers, type PeerClient } from '@app/kit/peers';
import { testPayoutProvider, type PayoutProvider } from '@app/kit/payouts';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { GiftsStore } from './db/store.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { testPaymentProvider, type PaymentProvider } from './payments.ts';
import { DEFAULT_SETTINGS, type GiftsSettings } from './settings.ts';

/** What a gifts service runs with besides its store: the same for every request. */
export interface GiftsServices {
  /** Where every time-driven rule reads the time: a claim link's expiry, an offer's start and end, a send's moment (tests move it). */
  clock: Clock;
  settings: GiftsSettings;
  /** Where coin purchases are charged. */
  payments: PaymentProvider;
  /** Where gift payouts are paid. */
  payouts: PayoutProvider;
}

export const defaultServices = (): GiftsServices => ({ clock: systemClock, settings: DEFAULT_SETTINGS, payments: testPaymentProvider(), payouts: testPayoutProvider() });

export interface Context extends GiftsServices {
  store: GiftsStore;
  loaders: Loaders;
  viewer: Viewer;
  /** Names what a write changed, for the gateway's entity cache: `context.changed('Product', id)` after the write. */
  changed: Changed;
  /** Asks users and content for the facts they own (a user's country, a stream's status). */
  peers: PeerClient;
}

/**
 * A fresh context per request, so DataLoader caches never outlive one operation; a write's
 * transaction drops them, so what the request reads after it is fresh.
 */
export function createContext(store: GiftsStore, viewer: Viewer = anonymousViewer(), peers: PeerClient = offlinePeers, services: GiftsServices = defaultServices()): Context {
  const loaders = createLoaders(store, services.clock);
  return { store: clearingLoadersAfterWrites(store, loaders), loaders, viewer, peers, changed: changeRecorder(), ...services };
}
