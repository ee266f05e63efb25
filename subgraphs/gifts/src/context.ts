import { serviceUnavailable } from '@app/kit/errors';
import type { PeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { GiftsDb } from './db/queries.ts';
import { paymentProvider, type PaymentProvider } from './payments.ts';

export interface Context {
  db: GiftsDb;
  loaders: Loaders;
  viewer: Viewer;
  /** Asks users and content for the facts they own (a user's country, a stream's status). */
  peers: PeerClient;
  /** Where coin purchases are charged. */
  payments: PaymentProvider;
}

/** Without a peer client (in-process tests that need none), every fact from another subgraph is unavailable. */
const noPeers: PeerClient = {
  entities: (service) => Promise.reject(serviceUnavailable(service)),
};

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(
  db: GiftsDb,
  viewer: Viewer = anonymousViewer(),
  peers: PeerClient = noPeers,
  payments: PaymentProvider = paymentProvider(),
): Context {
  return { db, loaders: createLoaders(db), viewer, peers, payments };
}
