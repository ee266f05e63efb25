import DataLoader from 'dataloader';
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
  load: (ownerIds: string[], sample: K) => R[];
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
      batchByGroup(keys, options.argumentsOf, (group) => {
        const ids = group.map(options.ownerOf);
        return groupedByKeys(ids, options.load(ids, group[0] as K), options.rowOwner);
      }),
    { cacheKeyFn: (key) => `${options.ownerOf(key)}:${options.argumentsOf(key)}` },
  );
}
