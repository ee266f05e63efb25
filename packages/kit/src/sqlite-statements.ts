import type Database from 'better-sqlite3';

type SqliteDatabase = Database.Database;
type Statement = ReturnType<SqliteDatabase['prepare']>;

/**
 * Drizzle hands better-sqlite3 the text of a statement every time it runs one, and
 * better-sqlite3 has SQLite compile it again (a fifth of the commerce subgraph's CPU went to
 * building and preparing statements). A store runs the same few dozen texts all day, so the
 * connection keeps each prepared statement by its text and hands it out again.
 *
 * A statement's modes stay set between runs, so a reused one is reset to plain rows (Drizzle
 * asks for `raw()` again when it wants arrays); one still busy iterating is never handed out
 * twice. Texts that differ only by the length of an `in (?, ?, …)` list are separate entries,
 * hence the bound (oldest out first).
 */
export function reusePreparedStatements(sqlite: SqliteDatabase, max = 1_000): void {
  const prepare = sqlite.prepare.bind(sqlite) as (source: string) => Statement;
  const kept = new Map<string, Statement>();
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const prepared = prepare(source);
    if (!statement) {
      if (kept.size >= max) kept.delete(kept.keys().next().value as string);
      kept.set(source, prepared);
    }
    return prepared;
  }) as SqliteDatabase['prepare'];
}
