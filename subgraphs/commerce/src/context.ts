import { serviceUnavailable } from '@app/kit/errors';
import type { PeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { CommerceDb } from './db/queries.ts';

export interface Context {
  db: CommerceDb;
  loaders: Loaders;
  viewer: Viewer;
  /** Asks users and content for the facts they own (is this user a creator, whose stream is this). */
  peers: PeerClient;
}

/** Peers for a context built without a network (in-process tests): every question is unanswerable. */
export const offlinePeers: PeerClient = {
  entities: (service) => Promise.reject(serviceUnavailable(service)),
};

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(db: CommerceDb, viewer: Viewer = anonymousViewer(), peers: PeerClient = offlinePeers): Context {
  return { db, loaders: createLoaders(db), viewer, peers };
}
