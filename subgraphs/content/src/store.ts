import { migrationsFolderFor, openStore, type StoreOptions } from '@app/kit/store';
import { schema, videos } from './db/schema.ts';
import { seedContent } from './db/seed.ts';

export const migrationsFolder = migrationsFolderFor(import.meta.url);

/** Opens (creating and migrating as needed) the content store, seeding it when empty. */
export function openContentStore(path: string, options: Pick<StoreOptions, 'onStatement'> = {}) {
  const store = openStore(schema, { path, migrationsFolder, ...options });
  if (!store.db.select({ id: videos.id }).from(videos).limit(1).get()) seedContent(store.db);
  return store;
}
