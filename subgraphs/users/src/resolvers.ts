import { badInput, notFound, unauthenticated } from '@app/kit/errors';
import { readPage, toConnection, type Page } from '@app/kit/pagination';
import { DateTime } from '@app/kit/scalars';
import type { Context } from './context.ts';
import { addFollow, creatorsPage, removeFollow, updateUser } from './db/queries.ts';
import type { UserRow } from './db/schema.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

async function loadUser(context: Context, id: string): Promise<UserRow> {
  const user = await context.loaders.userById.load(id);
  if (!user) throw notFound('User', id);
  return user;
}

async function loadCreator(context: Context, id: string): Promise<UserRow> {
  const user = await context.loaders.userById.load(id);
  if (!user?.isCreator) throw notFound('Creator', id);
  return user;
}

/** A page of a follow list: edges come from one batched statement, the users behind them from another. */
async function followList(context: Context, direction: 'followers' | 'following', userId: string, page: Page) {
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

/** The signed-in user's id; `@auth` has already refused anyone else, this only narrows the type. */
function signedInUser(context: Context): string {
  if (!context.viewer.userId) throw unauthenticated();
  return context.viewer.userId;
}

const DISPLAY_NAME_MAX = 50;
const BIO_MAX = 160;

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: (_parent, _args, context) => loadUser(context, signedInUser(context)),
    user: (_parent, { id }, context) => loadUser(context, id),
    creator: async (_parent, { id, handle }, context) => {
      if ((id == null) === (handle == null)) throw badInput('Pass exactly one of `id` or `handle`.');
      if (id != null) return loadCreator(context, id);
      const user = await context.loaders.userByHandle.load(handle as string);
      if (!user?.isCreator) throw notFound('Creator', handle as string);
      return user;
    },
    creators: (_parent, args, context) => {
      const page = readPage(args, 1);
      const rows = creatorsPage(context.db, page);
      for (const row of rows) context.loaders.userById.prime(row.id, row);
      return toConnection(rows, page, (row) => [row.handle]);
    },
  },
  Mutation: {
    follow: async (_parent, { userId }, context) => {
      const viewerId = signedInUser(context);
      if (userId === viewerId) throw badInput('You cannot follow yourself.', { argument: 'userId' });
      const user = await loadUser(context, userId);
      addFollow(context.db, viewerId, userId, new Date());
      return { user, viewerFollows: true };
    },
    unfollow: async (_parent, { userId }, context) => {
      const viewerId = signedInUser(context);
      const user = await loadUser(context, userId);
      removeFollow(context.db, viewerId, userId);
      return { user, viewerFollows: false };
    },
    updateProfile: async (_parent, { input }, context) => {
      const viewerId = signedInUser(context);
      const changes: { displayName?: string; bio?: string | null } = {};
      if (input.displayName != null) {
        const displayName = input.displayName.trim();
        if (displayName.length < 1 || displayName.length > DISPLAY_NAME_MAX) {
          throw badInput(`displayName must be 1 to ${DISPLAY_NAME_MAX} characters.`, { field: 'displayName' });
        }
        changes.displayName = displayName;
      }
      if (input.bio != null) {
        const bio = input.bio.trim();
        if (bio.length > BIO_MAX) throw badInput(`bio must be at most ${BIO_MAX} characters.`, { field: 'bio' });
        changes.bio = bio === '' ? null : bio;
      }
      if (Object.keys(changes).length === 0) throw badInput('Give displayName or bio to change.');
      const user = updateUser(context.db, viewerId, changes);
      if (!user) throw notFound('User', viewerId);
      context.loaders.userById.clear(viewerId).prime(viewerId, user);
      return user;
    },
  },
  User: {
    __resolveReference: (reference, context) => context.loaders.userById.load(reference.id),
    creator: (user) => (user.isCreator ? user : null),
    followerCount: (user, _args, context) => context.loaders.followerCount.load(user.id),
    followingCount: (user, _args, context) => context.loaders.followingCount.load(user.id),
    followers: (user, args, context) => followList(context, 'followers', user.id, readPage(args, 2)),
    following: (user, args, context) => followList(context, 'following', user.id, readPage(args, 2)),
  },
  Creator: {
    __resolveReference: async (reference, context) => {
      const user = await context.loaders.userById.load(reference.id);
      return user?.isCreator ? user : null;
    },
    user: (creator) => creator,
    followerCount: (creator, _args, context) => context.loaders.followerCount.load(creator.id),
    followingCount: (creator, _args, context) => context.loaders.followingCount.load(creator.id),
    followers: (creator, args, context) => followList(context, 'followers', creator.id, readPage(args, 2)),
  },
};
