import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { UsersDb } from './db/queries.ts';

export interface Context {
  db: UsersDb;
  loaders: Loaders;
  viewer: Viewer;
}

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(db: UsersDb, viewer: Viewer = anonymousViewer()): Context {
  return { db, loaders: createLoaders(db), viewer };
}
