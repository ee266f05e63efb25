import { signedInUserId } from '@app/kit/access';
import { keepNothing } from '@app/kit/cache-hints';
import { DateTime } from '@app/kit/scalars';
import { creatorDirectory } from './directory.ts';
import { follow, followList, followListTotal, unfollow } from './follows.ts';
import { creatorReference, creatorsPage, findCreator, loadUser, updateProfile } from './profiles.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import { CREATOR_TOPICS } from './vocabulary.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    me: (_parent, _args, context) => loadUser(context, signedInUserId(context.viewer)),
    user: (_parent, { id }, context) => loadUser(context, id),
    creator: (_parent, { id, handle }, context) => findCreator(context, { id, handle }),
    creators: (_parent, args, context) => creatorsPage(context, args),
    searchCreators: (_parent, args, context, info) => {
      // Rates are commerce's, shown per caller and moving with every settled sample: never kept.
      if (args.minFulfilmentRate != null) keepNothing(info);
      return creatorDirectory(context, args);
    },
  },
  // The API says topics in capitals; the store keeps them as the vocabulary spells them.
  CreatorTopic: Object.fromEntries(CREATOR_TOPICS.map((topic) => [topic.toUpperCase(), topic])) as Resolvers['CreatorTopic'],
  Mutation: {
    follow: (_parent, { userId }, context) => follow(context, userId),
    unfollow: (_parent, { userId }, context) => unfollow(context, userId),
    updateProfile: (_parent, { input }, context) => updateProfile(context, input),
  },
  User: {
    __resolveReference: (reference, context) => context.loaders.userById.load(reference.id),
    creator: (user) => (user.isCreator ? user : null),
    followerCount: (user, _args, context) => context.loaders.followerCount.load(user.id),
    followingCount: (user, _args, context) => context.loaders.followingCount.load(user.id),
    followers: (user, args, context) => followList(context, 'followers', user.id, args),
    following: (user, args, context) => followList(context, 'following', user.id, args),
  },
  UserConnection: {
    totalCount: (list, _args, context) => followListTotal(context, list),
  },
  Creator: {
    __resolveReference: (reference, context) => creatorReference(context, reference.id),
    user: (creator) => creator,
    followerCount: (creator, _args, context) => context.loaders.followerCount.load(creator.id),
    followingCount: (creator, _args, context) => context.loaders.followingCount.load(creator.id),
    followers: (creator, args, context) => followList(context, 'followers', creator.id, args),
  },
};
