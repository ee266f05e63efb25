/**
 * Kept counts are proven by recounting them. Every number a store keeps so a read never scans
 * history (a user's followers, a stream's totals) has a reconcile statement that recomputes it from
 * history and answers the rows where the kept number differs; `npm run reconcile` runs every
 * store's, and the contract suites run them after their races.
 */

/** A kept number that disagrees with its recount from history. */
export interface KeptCountDifference {
  /** What is kept, as the API names it: `User.followerCount`. */
  count: string;
  /** Whose: the row's key. */
  key: string;
  kept: number;
  recounted: number;
}

/** What a store with kept counts answers. */
export interface Reconcilable {
  keptCountDifferences(): Promise<KeptCountDifference[]>;
}
