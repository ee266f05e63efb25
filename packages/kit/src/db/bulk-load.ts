/**
 * A bulk load into a fresh store (the large world): indexes after, as a database is restored.
 * Every secondary index (those made by CREATE INDEX, unique ones included; not a primary key nor
 * a constraint's) is dropped before the load and made again from its own definition after it, so
 * a million rows are sorted into each index once instead of inserted into it one by one; a unique
 * index made again checks its rows all the same. On SQLite the load also skips the sync at each
 * commit (a crash mid-load leaves a store to build again) and keeps a large page cache; the
 * journal stays WAL, checkpointed at the end. On Postgres the load ends with VACUUM ANALYZE, as a
 * restore is followed: the planner chooses some plans by the rows' statistics (product search's,
 * by how common a word is), and an index-only read needs the pages marked all-visible (a sorted
 * search's walk tests the document its index holds); a table loaded whole has neither until
 * autovacuum comes by.
 *
 * Only for stores no service is using: the store's tables have no index while it runs.
 */
interface RawStore {
  rows(text: string): Promise<Record<string, unknown>[]>;
  run(text: string): Promise<void>;
  before(): void;
  after(): Promise<void>;
}

interface SqliteHandle {
  sqlite: { prepare(text: string): { all(): unknown[] }; exec(text: string): void; pragma(text: string): unknown };
}
interface PgHandle {
  pool: { query(text: string): Promise<{ rows: Record<string, unknown>[] }> };
}

function rawStore(store: object): RawStore {
  const sqlite = (store as { sqlite?: SqliteHandle }).sqlite?.sqlite;
  if (sqlite) {
    const cacheSize = sqlite.pragma('cache_size') as { cache_size: number }[];
    return {
      // This is the SQLite half of an engine's own helper, not a statement written for both.
      // eslint-disable-next-line no-restricted-syntax
      rows: async (text) => sqlite.prepare(text).all() as Record<string, unknown>[],
      run: async (text) => sqlite.exec(text),
      before: () => {
        sqlite.pragma('synchronous = OFF');
        sqlite.pragma('cache_size = -262144');
      },
      after: async () => {
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
        // The store's own page cache again, its memory given back.
        sqlite.pragma(`cache_size = ${cacheSize[0]?.cache_size ?? -2000}`);
        sqlite.pragma('shrink_memory');
      },
    };
  }
  const pool = (store as { pg?: PgHandle }).pg?.pool;
  if (!pool) throw new Error('A bulk load needs a store opened by the kit (SQLite or Postgres)');
  return {
    rows: async (text) => (await pool.query(text)).rows,
    run: async (text) => void (await pool.query(text)),
    before: () => undefined,
    after: async () => void (await pool.query('vacuum analyze')),
  };
}

const SECONDARY_INDEXES = {
  sqlite: "select name, sql as definition from sqlite_master where type = 'index' and sql is not null order by name",
  postgres:
    'select indexname as name, indexdef as definition from pg_indexes i where schemaname = current_schema() and not exists (select 1 from pg_constraint c where c.conname = i.indexname) order by indexname',
};

/** Runs `load` on `store` with its secondary indexes dropped, then makes them again. */
export async function withIndexesAfter<T>(store: object, load: () => Promise<T>): Promise<T> {
  const raw = rawStore(store);
  const engine = (store as { sqlite?: unknown }).sqlite ? 'sqlite' : 'postgres';
  const indexes = (await raw.rows(SECONDARY_INDEXES[engine])).map((row) => ({ name: String(row.name), definition: String(row.definition) }));
  raw.before();
  for (const index of indexes) await raw.run(`drop index "${index.name.replace(/"/g, '""')}"`);
  try {
    return await load();
  } finally {
    for (const index of indexes) await raw.run(index.definition);
    await raw.after();
  }
}
