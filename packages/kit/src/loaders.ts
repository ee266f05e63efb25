import DataLoader from 'dataloader';
import { notFound } from './errors.ts';
import type { Transactional } from './store.ts';
/**
 * DataLoader batch functions must return exactly one value per key, in key order.
 * These turn the rows of one `IN (...)` statement into that shape.
 */

/** One row per key (or null where the key has no row). */
export function byKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const index = new Map<K, R>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** All rows per key (an empty list where the key has none), keeping the rows' order. */
export function groupedByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const key of keys) groups.set(key, []);
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * Splits keys that carry arguments (e.g. a page of videos per creator with `first`/`after`)
 * into groups that share the same arguments, so each group is one statement, and puts the
 * answers back in key order.
 */
export async function batchByGroup<K, V>(
  keys: readonly K[],
  groupOf: (key: K) => string,
  load: (group: K[]) => Promise<V[]> | V[],
): Promise<V[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, position) => {
    const group = groupOf(key);
    const positions = groups.get(group);
    if (positions) positions.push(position);
    else groups.set(group, [position]);
  });
  const results = new Array<V>(keys.length);
  for (const positions of groups.values()) {
    const values = await load(positions.map((p) => keys[p] as K));
    positions.forEach((p, i) => {
      results[p] = values[i] as V;
    });
  }
  return results;
}

export interface OwnerListLoaderOptions<K, R> {
  /** Whose list a key asks for. */
  ownerOf: (key: K) => string;
  /** The arguments the key shares with others (a page, a `first`), as a string. */
  argumentsOf: (key: K) => string;
  /** One statement: the lists of all these owners, for the arguments of `sample`. */
  load: (ownerIds: string[], sample: K) => Promise<R[]> | R[];
  /** Whose list a row belongs to. */
  rowOwner: (row: R) => string;
}

/**
 * A DataLoader of one list per owner (a page of a creator's videos, a stream's leaderboard):
 * keys with the same arguments share one statement; another set of arguments elsewhere in the
 * query gets one of its own.
 */
export function ownerListLoader<K, R>(options: OwnerListLoaderOptions<K, R>): DataLoader<K, R[], string> {
  return new DataLoader<K, R[], string>(
    (keys) =>
      batchByGroup(keys, options.argumentsOf, async (group) => {
        const ids = group.map(options.ownerOf);
        return groupedByKeys(ids, await options.load(ids, group[0] as K), options.rowOwner);
      }),
    { cacheKeyFn: (key) => `${options.ownerOf(key)}:${options.argumentsOf(key)}` },
  );
}

/** A loader of rows by their `id`: one statement per batch, null for an id with no row. */
export function byIdLoader<R extends { id: string }>(rowsFor: (ids: readonly string[]) => Promise<R[]>): DataLoader<string, R | null> {
  return new DataLoader(async (ids: readonly string[]) => byKeys(ids, await rowsFor(ids), (row) => row.id));
}

/** A loader of one value per key from rows keyed by `keyOf`, `fallback` where a key has no row. */
export function valueLoader<R, V>(
  rowsFor: (keys: readonly string[]) => Promise<R[]>,
  keyOf: (row: R) => string,
  valueOf: (row: R) => V,
  fallback: (key: string) => V,
): DataLoader<string, V> {
  return new DataLoader(async (keys: readonly string[]) => byKeys(keys, await rowsFor(keys), keyOf).map((row, i) => (row ? valueOf(row) : fallback(keys[i] as string))));
}

/** A loader of counts per key: one `group by` statement per batch, 0 for a key with no rows. */
export function countLoader(countsFor: (keys: readonly string[]) => Promise<{ key: string; count: number }[]>): DataLoader<string, number> {
  return valueLoader(
    countsFor,
    (row) => row.key,
    (row) => row.count,
    () => 0,
  );
}

/** A loader of a short, unpaged list per owner (a video's products, an order's lines). */
export function listLoader<T>(rowsFor: (ownerIds: readonly string[]) => Promise<{ ownerId: string; node: T }[]>): DataLoader<string, T[]> {
  return new DataLoader(async (ids: readonly string[]) => groupedByKeys(ids, await rowsFor(ids), (row) => row.ownerId).map((rows) => rows.map((row) => row.node)));
}

/**
 * Loads one entity for a root field or a write, NOT_FOUND when there is none.
 * @throws NOT_FOUND naming the type and id.
 */
export async function loadOrNotFound<R>(loader: DataLoader<string, R | null>, type: string, id: string): Promise<R> {
  const row = await loader.load(id);
  if (row === null || row === undefined) throw notFound(type, id);
  return row;
}

/**
 * After a write, whatever a request's loaders cached may be stale: drop it all. Called in one
 * place per subgraph (its context's store wrapper), never by hand in resolvers.
 */
export function clearLoaders(loaders: Record<string, unknown>): void {
  for (const loader of Object.values(loaders)) {
    if (loader instanceof DataLoader) loader.clearAll();
  }
}

/**
 * A request's view of its subgraph's store: the same statements, with every committed (or
 * rolled back) transaction followed by dropping what the request's loaders cached, so a read
 * after a write in the same operation sees the write. Every write runs in a transaction.
 */
export function clearingLoadersAfterWrites<S extends Transactional<unknown>>(store: S, loaders: Record<string, unknown>): S {
  const view = Object.create(store) as S;
  view.transaction = (body, options) => store.transaction(body, options).finally(() => clearLoaders(loaders));
  return view;
}
