/**
 * The gifts subgraph's store: every statement it runs, written once (`statements/`), on SQLite
 * or Postgres, and nothing else runs SQL. Opening a store creates and migrates it; `seed.ts`
 * fills an empty one. Writes run inside the store's `transaction`, taken up front (SQLite's write
 * lock; SERIALIZABLE with retries on Postgres), so every read there sees what the write will
 * commit on top of; the guarded writes (a conditional debit, a claim of a code still unclaimed, a
 * settle of a purchase still pending) are the last line on both engines.
 */
import { kitStatements } from '@app/kit/db/kit-statements';
import { openPgStore, openSqliteStore, type EngineStore, type StoreDefinition } from '@app/kit/db/open-store';
import type { PgConnectionOptions } from '@app/kit/pg';
import { migrationsFolderFor, type StoreOptions } from '@app/kit/store';
import type { GiftsStatements } from './contract.ts';
import { coinStatements } from './statements/coins.ts';
import { earningStatements } from './statements/earnings.ts';
import { ledgerStatements } from './statements/ledger.ts';
import { liveGiftStatements } from './statements/liveGifts.ts';
import { offerStatements } from './statements/offers.ts';
import { seedStatements } from './statements/seed.ts';
import { smallGestureStatements } from './statements/smallGestures.ts';
import { giftsTables, type GiftsTables } from './tables.ts';

export type { GiftTotals, GiftsStatements, LastStreamSend, LedgerLeg, LedgerTransactionRows, StreamGiftTotals } from './contract.ts';

const gifts: StoreDefinition<GiftsTables, GiftsStatements> = {
  tables: giftsTables,
  statements: (engine): GiftsStatements => ({
    ...kitStatements(engine),
    ...offerStatements(engine),
    ...smallGestureStatements(engine),
    ...liveGiftStatements(engine),
    ...coinStatements(engine),
    ...earningStatements(engine),
    ...ledgerStatements(engine),
    ...seedStatements(engine),
  }),
  migrations: { sqlite: migrationsFolderFor(import.meta.url), postgres: migrationsFolderFor(import.meta.url, 'drizzle-pg') },
  // It holds value (codes, coins, diamonds): every commit syncs fully.
  holdsValue: true,
};

/** The statements as a write's transaction body sees them: the same ones, inside the open transaction. */
export type GiftsTx = GiftsStatements;

export type GiftsStore = EngineStore<GiftsStatements>;

/** Opens (creating and migrating as needed) the gifts store in a SQLite file, or ':memory:'. */
export function openGiftsStore(path: string, options: Pick<StoreOptions, 'onStatement' | 'onCommit'> = {}) {
  return openSqliteStore(gifts, path, options);
}

/** Opens the gifts store on a Postgres database, migrating it as needed. */
export function openGiftsPgStore(url: string, options: Pick<PgConnectionOptions, 'onStatement' | 'onRetry'> = {}) {
  return openPgStore(gifts, url, options);
}
