import { createLoaders, type Loaders } from './loaders.ts';
import type { CommerceDb } from './db/queries.ts';

export interface Context {
  db: CommerceDb;
  loaders: Loaders;
}

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(db: CommerceDb): Context {
  return { db, loaders: createLoaders(db) };
}
