/**
 * The rules of the follow graph, in one place.
 *
 * - A signed-in user follows another existing user, never themself; following twice or
 *   unfollowing someone not followed changes nothing.
 * - Follow lists are newest first, paged by `[followedAt, userId]`.
 */
import { signedInUserId } from '@app/kit/access';
import { badInput } from '@app/kit/errors';
import { readPage, toConnection, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { UserRow } from './db/schema.ts';
import { loadUser } from './profiles.ts';

export async function follow(context: Context, userId: string): Promise<{ user: UserRow; viewerFollows: boolean }> {
  const viewerId = signedInUserId(context.viewer);
  if (userId === viewerId) throw badInput('You cannot follow yourself.', { argument: 'userId' });
  const user = await loadUser(context, userId);
  await context.store.transaction((tx) => tx.addFollow(viewerId, userId, new Date()));
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

/** A page of a follow list: edges come from one batched statement, the users behind them from another. */
export async function followList(context: Context, direction: 'followers' | 'following', userId: string, args: PageArgs) {
  const page = readPage(args, 2);
  const rows = await context.loaders[direction].load({ userId, page });
  const connection = toConnection(rows, page, (row) => [row.createdAt, row.otherId]);
  const people = await context.loaders.userById.loadMany(connection.edges.map((edge) => edge.node.otherId));
  return {
    pageInfo: connection.pageInfo,
    edges: connection.edges.flatMap((edge, i) => {
      const node = people[i];
      // A follow row always points at a user (foreign key); skip rather than fail the page if not.
      return node && !(node instanceof Error) ? [{ cursor: edge.cursor, node }] : [];
    }),
  };
}
