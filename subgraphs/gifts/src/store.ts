import { migrationsFolderFor, openStore, type StoreOptions } from '@app/kit/store';
import { giftOffers, schema } from './db/schema.ts';
import { seedGifts } from './db/seed.ts';

export const migrationsFolder = migrationsFolderFor(import.meta.url);

/**
 * Opens (creating and migrating as needed) the gifts store, seeding it when empty. It holds
 * value (gift codes now, coins and diamonds later), so every commit syncs fully.
 */
export function openGiftsStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const store = openStore(schema, { path, migrationsFolder, holdsValue: true, ...options });
  if (!store.db.select({ id: giftOffers.id }).from(giftOffers).limit(1).get()) seedGifts(store.db);
  return store;
}
