/** What resolvers receive for each type (codegen's mappers): the store's rows. */
import type { Connection } from '@app/kit/pagination';
import type { UserRow } from './db/tables.ts';
import type { FollowDirection } from './vocabulary.ts';

export type { UserRow };

/** A page of a follow list, and whose list in which direction (its `totalCount` is the kept count). */
export interface FollowListView extends Connection<UserRow> {
  ownerId: string;
  direction: FollowDirection;
}
