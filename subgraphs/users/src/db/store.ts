/**
 * The users subgraph's store: every statement it runs, written once (`statements/`), on SQLite
 * or Postgres. Opening a store creates and migrates it; `seed.ts` fills an empty one.
 */
import { nonceStatements } from '@app/kit/db/kit-statements';
import { openPgStore, openSqliteStore, type EngineStore, type StoreDefinition } from '@app/kit/db/open-store';
import type { PgConnectionOptions } from '@app/kit/pg';
import { migrationsFolderFor, type StoreOptions } from '@app/kit/store';
import type { UsersStatements } from './contract.ts';
import { followStatements } from './statements/follows.ts';
import { peopleStatements } from './statements/people.ts';
import { seedStatements } from './statements/seed.ts';
import { usersTables, type UsersTables } from './tables.ts';

export type { FollowEdgeRow, ProfileChanges, UsersStatements } from './contract.ts';

const usersStore: StoreDefinition<UsersTables, UsersStatements> = {
  tables: usersTables,
  statements: (engine): UsersStatements => ({
    ...nonceStatements(engine),
    ...peopleStatements(engine),
    ...followStatements(engine),
    ...seedStatements(engine),
  }),
  migrations: { sqlite: migrationsFolderFor(import.meta.url), postgres: migrationsFolderFor(import.meta.url, 'drizzle-pg') },
  // Users announces nothing LIVE: no listening connection.
  liveEvents: false,
};

/** The statements as a transaction's body sees them. */
export type UsersTx = UsersStatements;

export type UsersStore = EngineStore<UsersStatements>;

/** Opens (creating and migrating as needed) the users store in a SQLite file. */
export function openUsersStore(path: string, options: Pick<StoreOptions, 'onStatement' | 'onCommit'> = {}) {
  return openSqliteStore(usersStore, path, options);
}

/** Opens the users store on a Postgres database, migrating it as needed. */
export function openUsersPgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement' | 'onRetry'> = {}) {
  return openPgStore(usersStore, url, options);
}
