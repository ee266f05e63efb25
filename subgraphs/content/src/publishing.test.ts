import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { creatorIds, userIds, videoIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { seedContentStore } from './db/seed.ts';
import { openContentStore } from './db/store.ts';
import { creatorCounts, videoLikes, videoProducts, videos } from './db/tables.ts';
import { readDuration, readHashtags, readMediaUrl, readProductIds } from './publishing.ts';
import { createServer } from './server.ts';
import { VIDEO_PRODUCTS_MAX } from './vocabulary.ts';

/** Users knows the seeded creators; commerce knows a few products, one of them archived. */
const products = new Map<string, object>([
  ['prd_a', { status: 'ACTIVE' }],
  ['prd_b', { status: 'ACTIVE' }],
  ['prd_c', { status: 'ACTIVE' }],
  ['prd_old', { status: 'ARCHIVED' }],
]);
const peers = fakePeers({ Creator: new Map(creatorIds.map((id) => [id, {}])), Product: products });
const testbed = subgraphTestbed({ open: openContentStore, createServer, context: (store, viewer) => createContext(store, viewer, peers.client), seed: seedContentStore });
const { store } = testbed;
const as = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const run = (viewer: Viewer, query: string, variables?: Record<string, unknown>) => testbed.run(query, variables, viewer);

const creator = creatorIds[0]!;
const otherCreator = creatorIds[1]!;
const fan = userIds.find((id) => !creatorIds.includes(id))!;

const PUBLISH = 'mutation ($input: PublishVideoInput!) { publishVideo(input: $input) { id caption hashtags durationSeconds playbackUrl likeCount creator { id } taggedProducts { id } } }';
const SET_PRODUCTS = 'mutation ($id: ID!, $ids: [ID!]!) { setVideoProducts(videoId: $id, productIds: $ids) { id taggedProducts { id } } }';
const LIKE = 'mutation ($id: ID!) { likeVideo(id: $id) { id likeCount viewerHasLiked } }';
const UNLIKE = 'mutation ($id: ID!) { unlikeVideo(id: $id) { id likeCount viewerHasLiked } }';

const input = (overrides: Record<string, unknown> = {}) => ({
  caption: 'Testing the new pan #cooking',
  hashtags: ['#cooking', 'pans', 'Cooking'],
  durationSeconds: 42,
  playbackUrl: 'https://media.example.com/v/new.m3u8',
  thumbnailUrl: 'https://media.example.com/v/new.jpg',
  ...overrides,
});

const keptVideoCount = (creatorId: string) => store.db.select().from(creatorCounts).where(eq(creatorCounts.creatorId, creatorId)).get()?.videoCount ?? 0;
const rowCount = (query: string) => store.db.get<{ n: number }>(sql.raw(query))?.n ?? 0;

describe('the rules of a video', () => {
  it('keeps hashtags without # and each once, the first spelling winning', () => {
    expect(readHashtags(['#Cooking', 'pans', 'cooking', ' #one_pan '])).toEqual(['Cooking', 'pans', 'one_pan']);
    expect(() => readHashtags(['two words'])).toThrow(/hashtag/);
    expect(() => readHashtags(['#'])).toThrow(/hashtag/);
    expect(() => readHashtags(Array.from({ length: 21 }, (_, i) => `tag${i}`))).toThrow(/at most 20/);
  });

  it('takes whole-second durations from 1 to 600 only', () => {
    expect(readDuration(1)).toBe(1);
    expect(readDuration(600)).toBe(600);
    for (const bad of [0, 601, 1.5, -3]) expect(() => readDuration(bad)).toThrow(/durationSeconds/);
  });

  it('takes media URLs that are https, with a host and no credentials, within 2048 characters', () => {
    expect(readMediaUrl('https://cdn.example.com/a.m3u8', 'playbackUrl')).toBe('https://cdn.example.com/a.m3u8');
    for (const bad of ['http://cdn.example.com/a.m3u8', 'ftp://x/y', 'not a url', 'https://user:pw@cdn.example.com/a', `https://cdn.example.com/${'a'.repeat(2048)}`]) {
      expect(() => readMediaUrl(bad, 'playbackUrl')).toThrow(/https URL/);
    }
  });

  it(`tags at most ${VIDEO_PRODUCTS_MAX} products, each once`, () => {
    expect(readProductIds(['a', 'b'])).toEqual(['a', 'b']);
    expect(() => readProductIds(Array.from({ length: VIDEO_PRODUCTS_MAX + 1 }, (_, i) => `p${i}`))).toThrow(/at most 5/);
    expect(() => readProductIds(['a', 'b', 'a'])).toThrow(/twice/);
  });
});

describe('publishing, tagging and liking videos', () => {
  it('publishes a video first in the feed and on the profile, counted in the same write, with its tags in order', async () => {
    const before = keptVideoCount(creator);
    const published = await run(as(creator), PUBLISH, { input: input({ productIds: ['prd_b', 'prd_a'] }) });
    expect(published.errors).toBeUndefined();
    const video = published.data!.publishVideo;
    expect(video).toMatchObject({ caption: 'Testing the new pan #cooking', hashtags: ['cooking', 'pans'], durationSeconds: 42, likeCount: 0, creator: { id: creator } });
    expect(video.taggedProducts).toEqual([{ id: 'prd_b' }, { id: 'prd_a' }]);
    expect(keptVideoCount(creator)).toBe(before + 1);

    const seen = await run(anonymousViewer(), `query ($c: ID!) { feed(first: 1) { edges { node { id } } } _entities(representations: [{ __typename: "Creator", id: $c }]) { ... on Creator { videoCount videos(first: 1) { totalCount edges { node { id } } } } } }`, { c: creator });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.feed.edges[0].node.id).toBe(video.id);
    expect(seen.data!._entities[0]).toMatchObject({ videoCount: before + 1, videos: { totalCount: before + 1, edges: [{ node: { id: video.id } }] } });
    expect(await store.keptCountDifferences()).toEqual([]);
  });

  it('refuses a non-creator with NOT_A_CREATOR, and bad input with BAD_USER_INPUT naming the field, publishing nothing', async () => {
    const videosBefore = rowCount('select count(*) as n from videos');
    const notCreator = await run(as(fan), PUBLISH, { input: input({ productIds: ['prd_nope'] }) });
    expect(notCreator.errors?.[0]?.extensions?.code).toBe('NOT_A_CREATOR');
    const badUrl = await run(as(creator), PUBLISH, { input: input({ playbackUrl: 'http://media.example.com/v.m3u8' }) });
    expect(badUrl.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'playbackUrl' });
    const tooLong = await run(as(creator), PUBLISH, { input: input({ durationSeconds: 3600 }) });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'durationSeconds' });
    const unknown = await run(as(creator), PUBLISH, { input: input({ productIds: ['prd_a', 'prd_nope'] }) });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productIds', unknownProductIds: ['prd_nope'] });
    expect(unknown.errors?.[0]?.message).toContain('prd_nope');
    const archived = await run(as(creator), PUBLISH, { input: input({ productIds: ['prd_old'] }) });
    expect(archived.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', archivedProductIds: ['prd_old'] });
    const anonymous = await run(anonymousViewer(), PUBLISH, { input: input() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(rowCount('select count(*) as n from videos')).toBe(videosBefore);
  });

  it('returns the first video for a repeated idempotency key, and refuses the key with other input', async () => {
    const before = keptVideoCount(creator);
    const first = await run(as(creator), PUBLISH, { input: input({ idempotencyKey: 'upload-0001', productIds: ['prd_a'] }) });
    const again = await run(as(creator), PUBLISH, { input: input({ idempotencyKey: 'upload-0001', productIds: ['prd_a'] }) });
    expect(again.data!.publishVideo.id).toBe(first.data!.publishVideo.id);
    expect(keptVideoCount(creator)).toBe(before + 1);
    const other = await run(as(creator), PUBLISH, { input: input({ idempotencyKey: 'upload-0001', caption: 'Something else' }) });
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const badKey = await run(as(creator), PUBLISH, { input: input({ idempotencyKey: 'short' }) });
    expect(badKey.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(keptVideoCount(creator)).toBe(before + 1);
  });

  it('publishes nothing when commerce cannot say whether a tagged product exists', async () => {
    const videosBefore = rowCount('select count(*) as n from videos');
    peers.unavailable.add('commerce');
    try {
      const down = await run(as(creator), PUBLISH, { input: input({ productIds: ['prd_a'] }) });
      expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'commerce' });
      // Without tags commerce is not asked.
      const untagged = await run(as(creator), PUBLISH, { input: input() });
      expect(untagged.errors).toBeUndefined();
    } finally {
      peers.unavailable.delete('commerce');
    }
    expect(rowCount('select count(*) as n from videos')).toBe(videosBefore + 1);
  });

  it("edits and deletes only the creator's own video; deleting takes its likes and tags and uncounts it", async () => {
    const video = (await run(as(creator), PUBLISH, { input: input({ productIds: ['prd_a'] }) })).data!.publishVideo;
    await run(as(fan), LIKE, { id: video.id });
    const edit = 'mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { caption hashtags } }';
    const notOwner = await run(as(otherCreator), edit, { id: video.id, input: { caption: 'mine now' } });
    expect(notOwner.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_VIDEO_CREATOR' });
    const edited = await run(as(creator), edit, { id: video.id, input: { caption: '  Better caption ' } });
    expect(edited.data!.updateVideo).toEqual({ caption: 'Better caption', hashtags: ['cooking', 'pans'] });

    const del = 'mutation ($id: ID!) { deleteVideo(id: $id) { deletedVideoId } }';
    const before = keptVideoCount(creator);
    expect((await run(as(otherCreator), del, { id: video.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await run(as(creator), del, { id: video.id })).data!.deleteVideo).toEqual({ deletedVideoId: video.id });
    expect(keptVideoCount(creator)).toBe(before - 1);
    expect(store.db.select().from(videos).where(eq(videos.id, video.id)).all()).toEqual([]);
    expect(store.db.select().from(videoLikes).where(eq(videoLikes.videoId, video.id)).all()).toEqual([]);
    expect(store.db.select().from(videoProducts).where(eq(videoProducts.videoId, video.id)).all()).toEqual([]);
    expect((await run(as(creator), del, { id: video.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await store.keptCountDifferences()).toEqual([]);
  });

  it('replaces, reorders and removes tags, keeps an archived product already tagged, and refuses another creator', async () => {
    const video = (await run(as(creator), PUBLISH, { input: input({ productIds: ['prd_a'] }) })).data!.publishVideo;
    // Archived after it was tagged: it may stay, but a new tag of it is refused.
    products.set('prd_a', { status: 'ARCHIVED' });
    try {
      const kept = await run(as(creator), SET_PRODUCTS, { id: video.id, ids: ['prd_c', 'prd_a'] });
      expect(kept.data!.setVideoProducts.taggedProducts).toEqual([{ id: 'prd_c' }, { id: 'prd_a' }]);
      const newArchived = await run(as(creator), SET_PRODUCTS, { id: video.id, ids: ['prd_old'] });
      expect(newArchived.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      products.set('prd_a', { status: 'ACTIVE' });
    }
    const forbidden = await run(as(otherCreator), SET_PRODUCTS, { id: video.id, ids: [] });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooMany = await run(as(creator), SET_PRODUCTS, { id: video.id, ids: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productIds' });
    const cleared = await run(as(creator), SET_PRODUCTS, { id: video.id, ids: [] });
    expect(cleared.data!.setVideoProducts.taggedProducts).toEqual([]);
    expect((await run(as(creator), SET_PRODUCTS, { id: 'vid_nope', ids: [] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('counts a like once however often it is sent, uncounts it once, and tells the viewer theirs', async () => {
    const id = videoIds[3]!;
    const [start] = await store.likeCounts([id]);
    const liker = userIds[userIds.length - 1]!;
    await run(as(liker), UNLIKE, { id });
    const base = (await store.likeCounts([id]))[0]!.count;
    expect(base).toBeLessThanOrEqual(start!.count);
    const first = await run(as(liker), LIKE, { id });
    expect(first.data!.likeVideo).toEqual({ id, likeCount: base + 1, viewerHasLiked: true });
    const again = await run(as(liker), LIKE, { id });
    expect(again.data!.likeVideo.likeCount).toBe(base + 1);
    const anonymous = await run(anonymousViewer(), `query ($id: ID!) { video(id: $id) { likeCount viewerHasLiked } }`, { id });
    expect(anonymous).toEqual({ data: { video: { likeCount: base + 1, viewerHasLiked: false } } });
    const other = await run(as(fan), `query ($id: ID!) { video(id: $id) { viewerHasLiked } }`, { id });
    expect(other.data!.video.viewerHasLiked).toBe(rowCount(`select count(*) as n from video_likes where video_id = '${id}' and user_id = '${fan}'`) === 1);
    const off = await run(as(liker), UNLIKE, { id });
    expect(off.data!.unlikeVideo).toEqual({ id, likeCount: base, viewerHasLiked: false });
    expect((await run(as(liker), UNLIKE, { id })).data!.unlikeVideo.likeCount).toBe(base);
    expect((await run(as(liker), LIKE, { id: 'vid_nope' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await run(anonymousViewer(), LIKE, { id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await store.keptCountDifferences()).toEqual([]);
  });
});
