import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resolveEntities, subgraphTestbed } from '@app/kit/testing';
import { LIVE_NOW_COUNT, SEED_TIME, VIDEO_COUNT, creatorIds, creatorPopularity, liveStreamCreatorId, liveStreamIds, userIds, videoCreatorId, videoIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { liveEvents, liveEventTopics, liveStreams, videoLikes } from './db/tables.ts';
import { seedContentStore } from './db/seed.ts';
import { openContentStore } from './db/store.ts';
import { createServer } from './server.ts';

const { store, server, counter, run } = subgraphTestbed({ open: openContentStore, createServer, context: createContext, seed: seedContentStore });

/** True when `items` are in newest-first order by `[time, id]`, with no two equal. */
function isNewestFirst(items: { time: string; id: string }[]): boolean {
  return items.every((item, i) => {
    const previous = items[i - 1];
    if (!previous) return true;
    return item.time < previous.time || (item.time === previous.time && item.id < previous.id);
  });
}

describe('content subgraph', () => {
  it('serves the feed newest first and pages through all 300 videos without repeats', async () => {
    const seen: { id: string; time: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = await run(
        'query ($after: String) { feed(first: 45, after: $after) { edges { node { id publishedAt } } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
        { after },
      );
      expect(page.errors).toBeUndefined();
      expect(page.data.feed.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.data.feed.edges.map((edge: any) => ({ id: edge.node.id, time: edge.node.publishedAt })));
      pages += 1;
      if (!page.data.feed.pageInfo.hasNextPage) break;
      after = page.data.feed.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(VIDEO_COUNT / 45));
    expect(seen).toHaveLength(VIDEO_COUNT);
    expect(new Set(seen.map((video) => video.id)).size).toBe(VIDEO_COUNT);
    expect(isNewestFirst(seen)).toBe(true);
    expect(Date.parse(seen[0]?.time as string)).toBeLessThanOrEqual(SEED_TIME);
  });

  it('refuses a page above the cap and a malformed cursor with BAD_USER_INPUT', async () => {
    const tooMany = await run('{ feed(first: 10000) { edges { cursor } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await run('{ feed(after: "not-a-cursor") { edges { cursor } } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badLiveCursor = await run('{ liveNow(after: "bm9wZQ") { edges { cursor } } }');
    expect(badLiveCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND with null data for an unknown video or live stream', async () => {
    const video = await run('{ video(id: "vid_nope") { id } }');
    expect(video.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(video.data?.video).toBeNull();
    const stream = await run('{ liveStream(id: "liv_nope") { id } }');
    expect(stream.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(stream.data?.liveStream).toBeNull();
  });

  it('gives a video its hashtags from the caption, a creator reference, and its likes as kept on its row', async () => {
    const query = 'query ($id: ID!) { video(id: $id) { id caption hashtags likeCount durationSeconds playbackUrl creator { id } } }';
    const before = await run(query, { id: videoIds[7] });
    expect(before.errors).toBeUndefined();
    const video = before.data?.video;
    expect(video.creator.id).toBe(videoCreatorId(7));
    expect(video.hashtags.length).toBeGreaterThan(0);
    for (const tag of video.hashtags) expect(video.caption).toContain(`#${tag}`);
    expect(video.durationSeconds).toBeGreaterThanOrEqual(8);
    expect(video.durationSeconds).toBeLessThanOrEqual(180);
    expect(video.playbackUrl).toBe(`https://cdn.example.com/v/${videoIds[7]}.m3u8`);

    expect(video.likeCount).toBeGreaterThan(0);
    expect(video.likeCount).toBe(store.db.select().from(videoLikes).where(eq(videoLikes.videoId, videoIds[7] as string)).all().length);
  });

  it('lists only LIVE streams in liveNow, most viewers first, across pages', async () => {
    const all = await run('{ liveNow(first: 100) { edges { node { id status isLive viewerCount endedAt } } pageInfo { hasNextPage } } }');
    expect(all.errors).toBeUndefined();
    const streams = all.data?.liveNow.edges.map((edge: any) => edge.node);
    expect(streams).toHaveLength(LIVE_NOW_COUNT);
    for (const stream of streams) {
      expect(stream).toMatchObject({ status: 'LIVE', isLive: true, endedAt: null });
      expect(stream.viewerCount).toBeGreaterThan(0);
    }
    const viewers = streams.map((stream: any) => stream.viewerCount);
    expect(viewers).toEqual([...viewers].sort((a, b) => b - a));
    expect(all.data?.liveNow.pageInfo.hasNextPage).toBe(false);

    const first: any = await run('{ liveNow(first: 2) { edges { node { id } } pageInfo { hasNextPage endCursor } } }');
    const rest: any = await run('query ($after: String) { liveNow(first: 100, after: $after) { edges { node { id } } } }', {
      after: first.data.liveNow.pageInfo.endCursor,
    });
    const paged = [...first.data.liveNow.edges, ...rest.data.liveNow.edges].map((edge: any) => edge.node.id);
    expect(first.data.liveNow.pageInfo.hasNextPage).toBe(true);
    expect(paged).toEqual(streams.map((stream: any) => stream.id));
  });

  it('resolves a Creator through _entities with only their videos, newest first, and their streams', async () => {
    const creatorId = creatorIds[3] as string;
    const result = await resolveEntities(
      server,
      createContext(store),
      'Creator',
      [creatorId],
      'id videoCount videos(first: 100) { edges { node { id publishedAt creator { id } } } pageInfo { hasNextPage } } liveStreams { edges { node { id status } } }',
    );
    expect(result.errors).toBeUndefined();
    const creator = result.data?._entities[0] as any;
    const expected = videoIds.filter((_, i) => videoCreatorId(i) === creatorId);
    const videos = creator.videos.edges.map((edge: any) => edge.node);
    expect(creator.videoCount).toBe(expected.length);
    expect(videos.map((video: any) => video.id).sort()).toEqual([...expected].sort());
    expect(videos.every((video: any) => video.creator.id === creatorId)).toBe(true);
    expect(isNewestFirst(videos.map((video: any) => ({ id: video.id, time: video.publishedAt })))).toBe(true);
    expect(creator.videos.pageInfo.hasNextPage).toBe(false);
    // Stream 3 belongs to creator 3 and is one of the streams live at seed time.
    expect(creator.liveStreams.edges.map((edge: any) => edge.node)).toEqual([{ id: liveStreamIds[3], status: 'LIVE' }]);
  });

  it("pages a creator's videos by cursor without repeats or gaps", async () => {
    const creatorId = creatorIds[0] as string;
    const query = 'query ($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on Creator { videos(first: 4, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }';
    const reps = [{ __typename: 'Creator', id: creatorId }];
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await run(query, { reps, after });
      expect(page.errors).toBeUndefined();
      const connection = page.data._entities[0].videos;
      seen.push(...connection.edges.map((edge: any) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const all = await resolveEntities(server, createContext(store), 'Creator', [creatorId], 'videos(first: 100) { edges { node { id } } }');
    expect(seen).toEqual(all.data?._entities[0]?.videos.edges.map((edge: any) => edge.node.id));
  });

  it('seeds live viewers in proportion to the creator’s popularity and scheduled streams after SEED_TIME', async () => {
    const streams = await resolveEntities(server, createContext(store), 'LiveStream', liveStreamIds, 'status viewerCount scheduledFor creator { id }');
    expect(streams.errors).toBeUndefined();
    const all = streams.data?._entities ?? [];
    const live = all.filter((stream) => stream?.status === 'LIVE');
    expect(live).toHaveLength(LIVE_NOW_COUNT);
    // Within a fifth either side of 250 a point of popularity.
    for (const stream of live) {
      const popularity = creatorPopularity(stream?.creator.id);
      expect(stream?.viewerCount).toBeGreaterThanOrEqual(popularity * 200);
      expect(stream?.viewerCount).toBeLessThanOrEqual(popularity * 300);
    }
    const scheduled = all.filter((stream) => stream?.status === 'SCHEDULED');
    expect(scheduled.length).toBeGreaterThan(0);
    for (const stream of scheduled) expect(Date.parse(stream?.scheduledFor)).toBeGreaterThan(SEED_TIME + 6 * 24 * 3_600_000);
    all.forEach((stream, i) => expect(stream?.creator.id).toBe(liveStreamCreatorId(i)));
  });

  it('resolves Video and LiveStream references through _entities, null for unknown ids', async () => {
    const videos = await resolveEntities(server, createContext(store), 'Video', [videoIds[5] as string, 'vid_unknown'], 'id caption');
    expect(videos.errors).toBeUndefined();
    expect(videos.data?._entities[0]?.id).toBe(videoIds[5]);
    expect(videos.data?._entities[1]).toBeNull();
    const streams = await resolveEntities(server, createContext(store), 'LiveStream', [liveStreamIds[11] as string, 'liv_unknown'], 'status isLive scheduledFor');
    expect(streams.data?._entities[0]).toMatchObject({ status: 'SCHEDULED', isLive: false });
    expect(Date.parse(streams.data?._entities[0]?.scheduledFor)).toBeGreaterThan(SEED_TIME);
    expect(streams.data?._entities[1]).toBeNull();
  });

  it("answers a creator's videos' totalCount from the kept count, and none for the feed, whose size is not kept", async () => {
    const creator = videoCreatorId(3);
    const result = await resolveEntities(server, createContext(store), 'Creator', [creator], 'videoCount videos(first: 100) { totalCount edges { node { id } } }');
    expect(result.errors).toBeUndefined();
    const entity = result.data?._entities[0] as any;
    expect(entity.videos.totalCount).toBe(entity.videos.edges.length);
    expect(entity.videos.totalCount).toBe(entity.videoCount);
    const feed = await run('{ feed(first: 1) { totalCount } }');
    expect(feed.data?.feed.totalCount).toBeNull();
  });

  it('runs a fixed number of statements for 5 and for 50 videos and creators, besides one read per list shown', async () => {
    const statementsFor = async (count: number) => {
      counter.reset();
      const context = createContext(store);
      const videos = await resolveEntities(server, context, 'Video', videoIds.slice(0, count), 'caption likeCount creator { id }');
      expect(videos.errors).toBeUndefined();
      expect(videos.data?._entities.every((entity) => entity !== null)).toBe(true);
      const creators = await resolveEntities(
        server,
        createContext(store),
        'Creator',
        // Content does not know who is a creator: any user id resolves, with empty lists for non-creators.
        userIds.slice(0, count),
        'videos(first: 5) { edges { node { likeCount } } } liveStreams { edges { node { status } } } videoCount',
      );
      expect(creators.errors).toBeUndefined();
      expect(creators.data?._entities).toHaveLength(count);
      return counter.count;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    // Each creator's videos and streams are one indexed read each (a page costs the page, not the
    // creator's history); everything else is one batch statement whatever the count.
    expect(fifty - 2 * 50).toBe(five - 2 * 5);
    expect(five - 2 * 5).toBeGreaterThan(0);
    expect(five - 2 * 5).toBeLessThanOrEqual(6);
  });
});

describe('the content seed', () => {
  it('writes each seeded stream’s lifecycle to the outbox as the live code does: LIVE at its start, ENDED at its end (its last), SCHEDULED for one still to come', async () => {
    const streams = store.db.select().from(liveStreams).all();
    const events = store.db.select().from(liveEvents).all();
    const counters = new Map(store.db.select().from(liveEventTopics).all().map((row) => [row.topic, row.lastSeq]));
    expect(new Set(streams.map((stream) => stream.status))).toEqual(new Set(['LIVE', 'ENDED', 'SCHEDULED']));
    for (const stream of streams) {
      const own = events.filter((event) => event.topic === stream.id).sort((a, b) => a.seq - b.seq);
      const expected = { LIVE: [['LIVE', stream.startedAt]], ENDED: [['LIVE', stream.startedAt], ['ENDED', stream.endedAt]], SCHEDULED: [['SCHEDULED', new Date(SEED_TIME)]] }[stream.status];
      expect(own.map((event) => [event.kind, event.createdAt]), stream.id).toEqual(expected);
      expect(own.map((event) => event.payload)).toEqual(own.map((event) => ({ status: event.kind })));
      expect(own.map((event) => event.seq)).toEqual(own.map((_, i) => i + 1));
      expect(counters.get(stream.id)).toBe(own.length);
    }
  });
});
