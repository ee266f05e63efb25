import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { CommerceDb } from './db/queries.ts';

export interface Context {
  db: CommerceDb;
  loaders: Loaders;
  viewer: Viewer;
}

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(db: CommerceDb, viewer: Viewer = anonymousViewer()): Context {
  return { db, loaders: createLoaders(db), viewer };
}
