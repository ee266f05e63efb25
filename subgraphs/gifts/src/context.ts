import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createLoaders, type Loaders } from './loaders.ts';
import type { GiftsDb } from './db/queries.ts';

export interface Context {
  db: GiftsDb;
  loaders: Loaders;
  viewer: Viewer;
}

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(db: GiftsDb, viewer: Viewer = anonymousViewer()): Context {
  return { db, loaders: createLoaders(db), viewer };
}
