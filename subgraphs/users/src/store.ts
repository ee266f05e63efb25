import { migrationsFolderFor, openStore, type StoreOptions } from '@app/kit/store';
import { schema, users } from './db/schema.ts';
import { seedUsers } from './db/seed.ts';

export const migrationsFolder = migrationsFolderFor(import.meta.url);

/** Opens (creating and migrating as needed) the users store, seeding it when empty. */
export function openUsersStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const store = openStore(schema, { path, migrationsFolder, ...options });
  if (!store.db.select({ id: users.id }).from(users).limit(1).get()) seedUsers(store.db);
  return store;
}
