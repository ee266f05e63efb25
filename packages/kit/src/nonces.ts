/**
 * Signature nonces kept in the subgraph's own SQLite file, so a process restarted on the same file
 * still refuses a request captured before the restart (memory alone forgets it, and the request
 * stays fresh for the whole signature lifetime). A subgraph includes `usedNonces` in its Drizzle
 * schema (so drizzle-kit migrates it) and hands a `SqliteNonceStore` over its connection to the
 * server. `nonces-pg.ts` is the same on Postgres.
 */
import { inArray, lt } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { SqliteConnection } from './store.ts';
import type { NonceStore } from './viewer.ts';

export const usedNonces = sqliteTable(
  'used_nonces',
  {
    nonce: text('nonce').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // The sweep finds expired rows through this index, so it never reads the live ones.
  (table) => [index('used_nonces_expires').on(table.expiresAt)],
);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = BetterSQLite3Database<any>;

/** How often a process deletes expired nonces. */
const SWEEP_INTERVAL_MS = 1_000;
/** The most rows one sweep deletes: a sweep runs on the event loop, so its cost is capped. */
export const NONCE_SWEEP_BATCH = 500;

export class SqliteNonceStore implements NonceStore {
  private readonly db: AnyDb;
  private lastSweep = 0;

  constructor(private readonly connection: SqliteConnection<Record<string, unknown>>) {
    this.db = connection.db as AnyDb;
  }

  /**
   * True the first time a nonce is offered within its lifetime: one INSERT that does nothing when
   * the nonce is there already, so the primary key decides. It runs through the connection's
   * turn (`run`), because a statement run while another request's transaction is open on this
   * connection would join that transaction, and vanish with its rollback.
   */
  accept(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    return this.connection.run(() => {
      if (now - this.lastSweep > SWEEP_INTERVAL_MS) {
        // A full batch means more have expired than one sweep takes: sweep again on the next
        // accept, so deletes keep pace with inserts however busy the subgraph is.
        if (this.sweep(now) < NONCE_SWEEP_BATCH) this.lastSweep = now;
      }
      return this.db.insert(usedNonces).values({ nonce, expiresAt: new Date(expiresAt) }).onConflictDoNothing().run().changes === 1;
    });
  }

  /** Deletes up to `NONCE_SWEEP_BATCH` expired nonces; answers how many it deleted. */
  private sweep(now: number): number {
    const expired = this.db
      .select({ nonce: usedNonces.nonce })
      .from(usedNonces)
      .where(lt(usedNonces.expiresAt, new Date(now)))
      .limit(NONCE_SWEEP_BATCH);
    return this.db.delete(usedNonces).where(inArray(usedNonces.nonce, expired)).run().changes;
  }
}
