import { changeRecorder, type Changed } from '@app/kit/changes';
import { clearingLoadersAfterWrites } from '@app/kit/loaders';
import { offlinePeers, type PeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import type { GiftsStore } from './db/store.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import { paymentProvider, type PaymentProvider } from './payments.ts';
import { payoutProvider, type PayoutProvider } from '@app/kit/payouts';

export interface Context {
  store: GiftsStore;
  loaders: Loaders;
  viewer: Viewer;
  /** Names what a write changed, for the gateway's entity cache: `context.changed('Product', id)` after the write. */
  changed: Changed;
  /** Asks users and content for the facts they own (a user's country, a stream's status). */
  peers: PeerClient;
  /** Where coin purchases are charged. */
  payments: PaymentProvider;
  /** Where gift payouts are paid. */
  payouts: PayoutProvider;
}

/**
 * A fresh context per request, so DataLoader caches never outlive one operation; a write's
 * transaction drops them, so what the request reads after it is fresh.
 */
export function createContext(
  store: GiftsStore,
  viewer: Viewer = anonymousViewer(),
  peers: PeerClient = offlinePeers,
  payments: PaymentProvider = paymentProvider(),
  payouts: PayoutProvider = payoutProvider(),
): Context {
  const loaders = createLoaders(store);
  return { store: clearingLoadersAfterWrites(store, loaders), loaders, viewer, peers, payments, payouts, changed: changeRecorder() };
}
