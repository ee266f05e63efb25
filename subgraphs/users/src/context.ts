import { createLoaders, type Loaders } from './loaders.ts';
import type { UsersDb } from './db/queries.ts';

export interface Context {
  db: UsersDb;
  loaders: Loaders;
}

/** A fresh context per request, so DataLoader caches never outlive one operation. */
export function createContext(db: UsersDb): Context {
  return { db, loaders: createLoaders(db) };
}
