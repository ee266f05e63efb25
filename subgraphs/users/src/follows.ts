/**
 * The rules of the follow graph, in one place.
 *
 * - A signed-in user follows another existing user, never themself; following twice or
 *   unfollowing someone not followed changes nothing.
 * - Follow lists are newest first, paged by `[followedAt, userId]` either way (`first`/`after`, `last`/`before`).
 */
import { signedInUserId } from '@app/kit/access';
import { badInput } from '@app/kit/errors';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { FollowEdgeRow } from './db/contract.ts';
import type { Context } from './context.ts';
import type { FollowListView, UserRow } from './mappers.ts';
import { loadUser } from './profiles.ts';
import type { FollowDirection } from './vocabulary.ts';

export async function follow(context: Context, userId: string): Promise<{ user: UserRow; viewerFollows: boolean }> {
  const viewerId = signedInUserId(context.viewer);
  if (userId === viewerId) throw badInput('You cannot follow yourself.', { argument: 'userId' });
  const user = await loadUser(context, userId);
  await context.store.transaction((tx) => tx.addFollow(viewerId, userId, context.clock.now()));
  context.changed('User', [userId, viewerId]);
  context.changed('Creator', [userId, viewerId]);
  return { user, viewerFollows: true };
}

export async function unfollow(context: Context, userId: string): Promise<{ user: UserRow; viewerFollows: boolean }> {
  const viewerId = signedInUserId(context.viewer);
  const user = await loadUser(context, userId);
  await context.store.transaction((tx) => tx.removeFollow(viewerId, userId));
  context.changed('User', [userId, viewerId]);
  context.changed('Creator', [userId, viewerId]);
  return { user, viewerFollows: false };
}

/** How a follow list pages, either way: by `[followedAt, userId]`. */
export const FOLLOW_PAGING: ListPaging<FollowEdgeRow> = { arity: 2, keyOf: (row) => [row.followedAt.getTime(), row.node.id] };

/** A page of a follow list: the edges and the users behind them come from one batched statement. */
export async function followList(context: Context, direction: FollowDirection, userId: string, args: PageArgs): Promise<FollowListView> {
  const connection = await connectionOf(args, FOLLOW_PAGING, async (page) => {
    const rows = await context.loaders[direction].load({ userId, page });
    for (const row of rows) context.loaders.userById.prime(row.node.id, row.node);
    return rows;
  });
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })), ownerId: userId, direction };
}

/** How many a follow list holds: the kept count on its owner's row. */
export function followListTotal(context: Context, list: FollowListView): Promise<number> {
  return (list.direction === 'followers' ? context.loaders.followerCount : context.loaders.followingCount).load(list.ownerId);
}
