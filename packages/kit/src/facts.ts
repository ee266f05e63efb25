/**
 * Facts another subgraph owns (a user's country, whether a stream is live, a product's creator)
 * are fetched before a write's transaction: no network call runs while the write lock is held.
 * They are settled rather than thrown: a retry of a write that already happened returns its
 * recorded result even if the fact changed since (the stream ended) or its owner is down; only a
 * write that must really run reads them, with `known`.
 */
export type Fact<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(promise: Promise<T>): Promise<Fact<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** The fact's value. @throws what fetching it threw (SERVICE_UNAVAILABLE). */
export function known<T>(fact: Fact<T>): T {
  if (fact.ok) return fact.value;
  throw fact.error;
}
