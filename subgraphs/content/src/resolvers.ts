import { notFound } from '@app/kit/errors';
import { readPage, toConnection } from '@app/kit/pagination';
import { DateTime } from '@app/kit/scalars';
import type { Context } from './context.ts';
import { feedPage, liveNowPage, liveStreamSortKey, videoSortKey } from './db/queries.ts';
import type { LiveStreamRow, VideoRow } from './db/schema.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

async function loadVideo(context: Context, id: string): Promise<VideoRow> {
  const video = await context.loaders.videoById.load(id);
  if (!video) throw notFound('Video', id);
  return video;
}

async function loadLiveStream(context: Context, id: string): Promise<LiveStreamRow> {
  const stream = await context.loaders.liveStreamById.load(id);
  if (!stream) throw notFound('LiveStream', id);
  return stream;
}

export const resolvers: Resolvers = {
  DateTime,
  Query: {
    feed: (_parent, args, context) => {
      const page = readPage(args, 2);
      const rows = feedPage(context.db, page);
      for (const row of rows) context.loaders.videoById.prime(row.id, row);
      return toConnection(rows, page, videoSortKey);
    },
    video: (_parent, { id }, context) => loadVideo(context, id),
    liveStream: (_parent, { id }, context) => loadLiveStream(context, id),
    liveNow: (_parent, args, context) => {
      const page = readPage(args, 2);
      const rows = liveNowPage(context.db, page);
      for (const row of rows) context.loaders.liveStreamById.prime(row.id, row);
      return toConnection(rows, page, (row) => [row.viewerCount, row.id]);
    },
  },
  Video: {
    __resolveReference: (reference, context) => context.loaders.videoById.load(reference.id),
    likeCount: (video, _args, context) => context.loaders.likeCount.load(video.id),
    // Creators live in the users subgraph: a reference is all this one can give, and the
    // gateway asks users for the rest.
    creator: (video) => ({ id: video.creatorId }),
  },
  LiveStream: {
    __resolveReference: (reference, context) => context.loaders.liveStreamById.load(reference.id),
    isLive: (stream) => stream.status === 'LIVE',
    creator: (stream) => ({ id: stream.creatorId }),
  },
  Creator: {
    // Whether the creator exists is for the users subgraph to say; here any id has (maybe no) content.
    __resolveReference: (reference) => ({ id: reference.id }),
    videos: async (creator, args, context) => {
      const page = readPage(args, 2);
      const rows = await context.loaders.creatorVideos.load({ creatorId: creator.id, page });
      return toConnection(rows, page, videoSortKey);
    },
    liveStreams: async (creator, args, context) => {
      const page = readPage(args, 2);
      const rows = await context.loaders.creatorLiveStreams.load({ creatorId: creator.id, page });
      return toConnection(rows, page, liveStreamSortKey);
    },
    videoCount: (creator, _args, context) => context.loaders.videoCount.load(creator.id),
  },
};
