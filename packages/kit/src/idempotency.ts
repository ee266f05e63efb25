import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { badInput, ErrorCode } from './errors.ts';
import { GraphQLError } from 'graphql';
import type { Queries, Transactional } from './store.ts';

/**
 * Writes that move value take an idempotency key. A subgraph includes this table in its Drizzle
 * schema (so drizzle-kit migrates it) and wraps each such write in `idempotent`.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    /** Whose key it is (a user or partner id): keys are scoped to the viewer. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    operation: text('operation').notNull(),
    /** SHA-256 of the operation and its input, to tell a retry from a different request. */
    requestHash: text('request_hash').notNull(),
    /** The first result, returned again to every retry. */
    response: text('response', { mode: 'json' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] })],
);

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,100}$/;

/** JSON with object keys sorted, so the same input always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface IdempotentRequest {
  scope: string;
  key: string;
  operation: string;
  input: unknown;
}

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** The store statements `idempotent` needs; a subgraph spreads these into its own. */
export interface IdempotencyStatements {
  idempotencyRecord(scope: string, key: string): IdempotencyRow | undefined;
  recordIdempotency(row: IdempotencyRow): void;
}

/** The SQLite statements of the idempotency table, for a subgraph's store to include. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function idempotencyStatements(db: BetterSQLite3Database<any>): IdempotencyStatements {
  return {
    idempotencyRecord: (scope, key) =>
      db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
        .get(),
    recordIdempotency: (row) => {
      db.insert(idempotencyKeys).values(row).run();
    },
  };
}

export function requestHashOf(request: IdempotentRequest): string {
  if (!KEY_PATTERN.test(request.key)) {
    throw badInput('idempotencyKey must be 8 to 100 letters, digits or . _ : -', { field: 'idempotencyKey' });
  }
  return createHash('sha256').update(`${request.operation}\n${canonical(request.input)}`).digest('hex');
}

/**
 * Runs `work` once per (scope, key) inside one write transaction taken up front, recording its
 * JSON result with the key. A retry with the same input gets the recorded result and moves
 * nothing; the same key with another input is IDEMPOTENCY_KEY_REUSED. A refused write (work
 * throws) records nothing, so it can be retried once the cause is fixed.
 */
export async function idempotent<Tx extends Queries<IdempotencyStatements>, T>(
  store: Transactional<Tx>,
  request: IdempotentRequest,
  work: (tx: Tx) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const requestHash = requestHashOf(request);
  return store.transaction(async (tx) => {
    const previous = await tx.idempotencyRecord(request.scope, request.key);
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw new GraphQLError('This idempotency key was already used for a different request.', {
          extensions: { code: ErrorCode.IDEMPOTENCY_KEY_REUSED, field: 'idempotencyKey' },
        });
      }
      return { result: previous.response as T, replayed: true };
    }
    const result = await work(tx);
    await tx.recordIdempotency({ scope: request.scope, key: request.key, operation: request.operation, requestHash, response: result as object, createdAt: new Date() });
    return { result, replayed: false };
  });
}
