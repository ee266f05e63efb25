import { migrationsFolderFor, openStore, type StoreOptions } from '@app/kit/store';
import { brands, schema } from './db/schema.ts';
import { seedCommerce } from './db/seed.ts';

export const migrationsFolder = migrationsFolderFor(import.meta.url);

/**
 * Opens (creating and migrating as needed) the commerce store, seeding it when empty. It holds
 * value (orders, inventory, commissions), so every commit is synced fully.
 */
export function openCommerceStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const store = openStore(schema, { path, migrationsFolder, holdsValue: true, ...options });
  if (!store.db.select({ id: brands.id }).from(brands).limit(1).get()) seedCommerce(store.db);
  return store;
}
