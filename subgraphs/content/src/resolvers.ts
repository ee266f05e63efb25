import { DateTime } from '@app/kit/scalars';
import { creatorLiveStreams, endLiveStream, isLive, liveNow, liveStreamUpdates, loadLiveStream, scheduleLiveStream, startLiveStream } from './liveStreams.ts';
import { creatorVideos, feed, loadVideo, videoListTotal } from './videos.ts';
import { deleteVideo, editVideo, publishVideo, setVideoProducts, taggedProducts } from './publishing.ts';
import { likeVideo, unlikeVideo, viewerHasLiked } from './likes.ts';
import type { LiveStreamUpdateEvent } from './mappers.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    feed: (_parent, args, context) => feed(context, args),
    video: (_parent, { id }, context) => loadVideo(context, id),
    liveStream: (_parent, { id }, context) => loadLiveStream(context, id),
    liveNow: (_parent, args, context) => liveNow(context, args),
  },
  Mutation: {
    scheduleLiveStream: (_parent, { input }, context) => scheduleLiveStream(context, input),
    startLiveStream: (_parent, { id }, context) => startLiveStream(context, id),
    endLiveStream: (_parent, { id }, context) => endLiveStream(context, id),
    publishVideo: (_parent, { input }, context) => publishVideo(context, input),
    updateVideo: (_parent, { id, input }, context) => editVideo(context, id, input),
    setVideoProducts: (_parent, { videoId, productIds }, context) => setVideoProducts(context, videoId, productIds),
    deleteVideo: async (_parent, { id }, context) => ({ deletedVideoId: await deleteVideo(context, id) }),
    likeVideo: (_parent, { id }, context) => likeVideo(context, id),
    unlikeVideo: (_parent, { id }, context) => unlikeVideo(context, id),
  },
  Subscription: {
    liveStreamUpdates: {
      subscribe: (_parent, { liveStreamId, after }, context) => liveStreamUpdates(context, liveStreamId, after),
      resolve: (event: LiveStreamUpdateEvent) => event,
    },
  },
  LiveStreamUpdate: {
    stream: (update, _args, context) => loadLiveStream(context, update.liveStreamId),
  },
  Video: {
    __resolveReference: (reference, context) => context.loaders.videoById.load(reference.id),
    likeCount: (video, _args, context) => context.loaders.likeCount.load(video.id),
    // Creators live in the users subgraph: a reference is all this one can give, and the
    // gateway asks users for the rest.
    creator: (video) => ({ id: video.creatorId }),
    taggedProducts: (video, _args, context) => taggedProducts(context, video.id),
    viewerHasLiked: (video, _args, context) => viewerHasLiked(context, video.id),
  },
  LiveStream: {
    __resolveReference: (reference, context) => context.loaders.liveStreamById.load(reference.id),
    isLive: (stream) => isLive(stream),
    creator: (stream) => ({ id: stream.creatorId }),
  },
  VideoConnection: {
    totalCount: (list, _args, context) => videoListTotal(context, list),
  },
  Creator: {
    // Whether the creator exists is for the users subgraph to say; here any id has (maybe no) content.
    __resolveReference: (reference) => ({ id: reference.id }),
    videos: (creator, args, context) => creatorVideos(context, creator.id, args),
    liveStreams: (creator, args, context) => creatorLiveStreams(context, creator.id, args),
    videoCount: (creator, _args, context) => context.loaders.videoCount.load(creator.id),
  },
};
