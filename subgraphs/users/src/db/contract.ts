/**
 * What the users store answers: every statement by name, its arguments and its rows, whatever
 * the engine. `statements/` implements it once for SQLite and Postgres alike.
 */
import type { NonceStatements } from '@app/kit/db/kit-statements';
import type { Page } from '@app/kit/pagination';
import type { KeyCount, Owned } from '@app/kit/db/shapes';
import type { KeptCountDifference } from '@app/kit/db/reconcile';
import type { CreatorTopic, FollowDirection } from '../vocabulary.ts';
import type { NewFollow, NewUser, UserRow } from './tables.ts';

/** What a profile edit may change. */
export type ProfileChanges = Partial<Pick<UserRow, 'displayName' | 'bio' | 'topic'>>;

/** A row of a follow list: the user shown (`node`), in whose list (`ownerId`), since when. */
export type FollowEdgeRow = Owned<UserRow> & { followedAt: Date };

/** What the creators directory is narrowed to; every part is optional, all given parts hold. */
export interface CreatorFilter {
  /** Words every creator shown has in their handle, name or bio (as word prefixes); none: no text condition. */
  terms: readonly string[];
  topic: CreatorTopic | null;
  /** Follower band, inclusive. */
  minFollowers: number | null;
  maxFollowers: number | null;
  country: string | null;
}

/** The seed world's rows (`seed.ts`), as the seed step inserts them. */
export interface UsersSeedRows {
  users: NewUser[];
  follows: NewFollow[];
}

export interface UsersStatements extends NonceStatements {
  // People and creators.
  usersByIds(ids: readonly string[]): Promise<UserRow[]>;
  usersByHandles(handles: readonly string[]): Promise<UserRow[]>;
  /** One page of creators by handle, with one extra row to tell whether more follow. */
  creatorsPage(page: Page): Promise<UserRow[]>;
  /**
   * One page of the creators directory: creators matching the filter, most followed first by
   * `[followerCount, id]` (descending), with one extra row to tell whether more follow.
   */
  creatorDirectoryPage(filter: CreatorFilter, page: Page): Promise<UserRow[]>;
  /** Changes a user's profile: the row as it is now, or undefined (and no change) for no such user. */
  updateUser(id: string, changes: ProfileChanges): Promise<UserRow | undefined>;

  // The follow graph.
  /** How many follow each user, as kept on the user's row (no row for no such user). */
  followerCounts(userIds: readonly string[]): Promise<KeyCount[]>;
  /** How many each user follows, as kept on the user's row. */
  followingCounts(userIds: readonly string[]): Promise<KeyCount[]>;
  /**
   * A page of followers (or followees) for each of many users in one statement, the users
   * themselves with it: newest follow first by `[followedAt, user id]`, `first + 1` per owner.
   */
  followPages(direction: FollowDirection, ownerIds: readonly string[], page: Page): Promise<FollowEdgeRow[]>;
  /**
   * Records that `followerId` follows `followeeId` since `at`, and counts it on both users' rows;
   * following twice changes nothing. Run it in a transaction: the follow and its counts go together.
   */
  addFollow(followerId: string, followeeId: string, at: Date): Promise<void>;
  /** Takes a follow back, and its counts; unfollowing someone not followed changes nothing. */
  removeFollow(followerId: string, followeeId: string): Promise<void>;
  /** Every kept follow count that differs from a recount of the follows (none, when all is well). */
  keptCountDifferences(): Promise<KeptCountDifference[]>;

  // The seed step.
  isEmpty(): Promise<boolean>;
  insertSeedRows(rows: UsersSeedRows): Promise<void>;
}
