/**
 * The idempotency table and its statements in Postgres' dialect: the same rows as
 * `idempotency.ts` keeps on SQLite, so `idempotent` works unchanged over either engine.
 */
import { and, eq } from 'drizzle-orm';
import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { IdempotencyStatements } from './idempotency.ts';
import type { PgDb } from './pg.ts';
import type { Queries } from './store.ts';

export const idempotencyKeysPg = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { mode: 'date', precision: 3 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] })],
);

/**
 * Two requests with one key racing in two processes both find no record; at SERIALIZABLE the
 * second to insert fails with a serialization failure (not a duplicate key), so its whole
 * transaction runs again and finds the first one's record.
 */
export function idempotencyPgStatements(db: PgDb): Queries<IdempotencyStatements> {
  return {
    idempotencyRecord: async (scope, key) =>
      (
        await db
          .select()
          .from(idempotencyKeysPg)
          .where(and(eq(idempotencyKeysPg.scope, scope), eq(idempotencyKeysPg.key, key)))
      )[0],
    recordIdempotency: async (row) => {
      await db.insert(idempotencyKeysPg).values(row);
    },
  };
}
