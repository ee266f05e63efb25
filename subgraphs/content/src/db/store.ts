/**
 * The content subgraph's store: every statement it runs, written once (`statements/`), on SQLite
 * or Postgres. Opening a store creates and migrates it; `seed.ts` fills an empty one.
 */
import { kitStatements } from '@app/kit/db/kit-statements';
import { openPgStore, openSqliteStore, type EngineStore, type StoreDefinition } from '@app/kit/db/open-store';
import type { PgConnectionOptions } from '@app/kit/pg';
import { migrationsFolderFor, type StoreOptions } from '@app/kit/store';
import type { ContentStatements } from './contract.ts';
import { liveStreamStatements } from './statements/liveStreams.ts';
import { seedStatements } from './statements/seed.ts';
import { videoStatements } from './statements/videos.ts';
import { videoWriteStatements } from './statements/videoWrites.ts';
import { contentTables, type ContentTables } from './tables.ts';

export type { ContentStatements, StatusChange, VideoEdit } from './contract.ts';
export type { LiveStreamStatus } from '../vocabulary.ts';

const content: StoreDefinition<ContentTables, ContentStatements> = {
  tables: contentTables,
  statements: (engine): ContentStatements => ({
    ...kitStatements(engine),
    ...videoStatements(engine),
    ...videoWriteStatements(engine),
    ...liveStreamStatements(engine),
    ...seedStatements(engine),
  }),
  migrations: { sqlite: migrationsFolderFor(import.meta.url), postgres: migrationsFolderFor(import.meta.url, 'drizzle-pg') },
};

/** The statements as a transaction's body sees them. */
export type ContentTx = ContentStatements;

export type ContentStore = EngineStore<ContentStatements>;

/** Opens (creating and migrating as needed) the content store in a SQLite file. */
export function openContentStore(path: string, options: Pick<StoreOptions, 'onStatement' | 'onCommit'> = {}) {
  return openSqliteStore(content, path, options);
}

/** Opens the content store on a Postgres database, migrating it as needed. */
export function openContentPgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement' | 'onRetry'> = {}) {
  return openPgStore(content, url, options);
}
