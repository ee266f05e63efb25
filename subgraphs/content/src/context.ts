import { createLoaders, type Loaders } from './loaders.ts';
import type { ContentDb } from './db/queries.ts';

export interface Context {
  db: ContentDb;
  loaders: Loaders;
}

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(db: ContentDb): Context {
  return { db, loaders: createLoaders(db) };
}
