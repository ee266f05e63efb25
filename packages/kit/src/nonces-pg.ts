/**
 * Signature nonces shared by every replica of a subgraph, and kept across restarts: a table in
 * the subgraph's own Postgres database. Accepting a nonce is one INSERT that does nothing when
 * the nonce is already there, so two replicas offered the same captured request at the same
 * moment cannot both accept it (the primary key decides). Expired rows are swept now and then, a bounded batch at a time.
 */
import { inArray, lt, sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PgDb } from './pg.ts';
import type { NonceStore } from './viewer.ts';

export const usedNoncesPg = pgTable(
  'used_nonces',
  {
    nonce: text('nonce').primaryKey(),
    expiresAt: timestamp('expires_at', { mode: 'date', precision: 3 }).notNull(),
  },
  // The sweep finds expired rows through this index, so it never reads the live ones.
  (table) => [index('used_nonces_expires').on(table.expiresAt)],
);

/** The most rows one sweep deletes, as on SQLite: a sweep's cost is capped, whatever piled up. */
const SWEEP_BATCH = 500;

/** How often a process deletes expired nonces (any replica's sweep serves them all). */
const SWEEP_INTERVAL_MS = 10_000;

export class PgNonceStore implements NonceStore {
  private lastSweep = 0;

  constructor(private readonly db: PgDb) {}

  async accept(nonce: string, expiresAt: number, now: number): Promise<boolean> {
    if (now - this.lastSweep > SWEEP_INTERVAL_MS) {
      const expired = this.db.select({ nonce: usedNoncesPg.nonce }).from(usedNoncesPg).where(lt(usedNoncesPg.expiresAt, new Date(now))).limit(SWEEP_BATCH);
      const deleted = await this.db.delete(usedNoncesPg).where(inArray(usedNoncesPg.nonce, expired)).returning({ nonce: usedNoncesPg.nonce });
      // A full batch means more expired than one sweep takes: sweep again on the next accept.
      if (deleted.length < SWEEP_BATCH) this.lastSweep = now;
    }
    const inserted = await this.db
      .insert(usedNoncesPg)
      .values({ nonce, expiresAt: new Date(expiresAt) })
      .onConflictDoNothing()
      .returning({ nonce: sql`1` });
    return inserted.length === 1;
  }
}
