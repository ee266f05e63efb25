/**
 * Shoppable videos through the gateway: a creator publishes a video tagging products (commerce
 * asked whether they exist), edits it and its tags, deletes it; viewers like and unlike it, and
 * the kept counts agree with a recount after a race. Every read after a write sees it, through
 * the gateway's entity cache. Runs on SQLite and, with `scripts/test-postgres.ts`, on Postgres.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds, userIds } from '@app/fixtures/world';
import { DEFAULT_PEER_TIMEOUT_MS } from '@app/kit/peers';
import { startGraph, type RunningGraph } from './harness.ts';

const PUBLISH = 'mutation ($input: PublishVideoInput!) { publishVideo(input: $input) { id caption hashtags durationSeconds likeCount creator { id handle } taggedProducts { id title } } }';
const VIDEO = 'query ($id: ID!) { video(id: $id) { id caption hashtags likeCount taggedProducts { id } } }';
const CREATOR = 'query ($id: ID!) { creator(id: $id) { id videoCount videos(first: 1) { totalCount edges { node { id } } } } }';
const FEED = '{ feed(first: 1) { edges { node { id caption } } } }';
const SET_PRODUCTS = 'mutation ($id: ID!, $ids: [ID!]!) { setVideoProducts(videoId: $id, productIds: $ids) { id taggedProducts { id } } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdateVideoInput!) { updateVideo(id: $id, input: $input) { id caption hashtags } }';
const DELETE = 'mutation ($id: ID!) { deleteVideo(id: $id) { deletedVideoId } }';
const LIKE = 'mutation ($id: ID!) { likeVideo(id: $id) { id likeCount viewerHasLiked } }';
const UNLIKE = 'mutation ($id: ID!) { unlikeVideo(id: $id) { id likeCount viewerHasLiked } }';

const creator = creatorIds[4]!;
const otherCreator = creatorIds[5]!;
/** Users without a creator profile. */
const viewers = userIds.filter((id) => !creatorIds.includes(id));

const input = (overrides: Record<string, unknown> = {}) => ({
  caption: 'Unboxing the travel kettle #travel #gadgets',
  hashtags: ['#travel', 'gadgets'],
  durationSeconds: 58,
  playbackUrl: 'https://media.example.com/v/kettle.m3u8',
  thumbnailUrl: 'https://media.example.com/v/kettle.jpg',
  ...overrides,
});

describe('shoppable videos through the gateway', () => {
  let graph: RunningGraph;
  /** Products on sale, from commerce's root list. */
  let onSale: string[] = [];
  let videoId = '';
  const as = async (userId: string) => ({ authorization: `Bearer ${await graph.tokenFor(userId)}` });

  beforeAll(async () => {
    graph = await startGraph();
    const products = await graph.query('{ products(first: 6) { edges { node { id } } } }');
    onSale = products.body.data.products.edges.map((edge: { node: { id: string } }) => edge.node.id);
  });
  afterAll(() => graph?.stop());

  it('publishes a video with tagged products: first in the feed and on the profile, counted, products completed by commerce', async () => {
    // Read (and so cache) what the write will change.
    const before = (await graph.query(CREATOR, { id: creator })).body.data.creator;
    await graph.query(FEED);
    await graph.gateway.entityCache?.settled();

    const published = await graph.query(PUBLISH, { input: input({ productIds: [onSale[1], onSale[0]] }) }, await as(creator));
    expect(published.body.errors).toBeUndefined();
    const video = published.body.data.publishVideo;
    videoId = video.id;
    expect(video).toMatchObject({ caption: 'Unboxing the travel kettle #travel #gadgets', hashtags: ['travel', 'gadgets'], durationSeconds: 58, likeCount: 0, creator: { id: creator } });
    expect(typeof video.creator.handle).toBe('string');
    expect(video.taggedProducts.map((product: { id: string }) => product.id)).toEqual([onSale[1], onSale[0]]);
    expect(typeof video.taggedProducts[0].title).toBe('string');

    const after = (await graph.query(CREATOR, { id: creator })).body.data.creator;
    expect(after.videoCount).toBe(before.videoCount + 1);
    expect(after.videos).toEqual({ totalCount: before.videoCount + 1, edges: [{ node: { id: videoId } }] });
    expect((await graph.query(FEED)).body.data.feed.edges[0].node.id).toBe(videoId);
    // `node` finds it by its prefix, like the seed's videos.
    const node = await graph.query('query ($id: ID!) { node(id: $id) { ... on Video { caption } } }', { id: videoId });
    expect(node.body.data.node.caption).toBe(video.caption);
  });

  it('refuses bad input, a non-creator, an anonymous caller and an unknown product with stable codes, publishing nothing', async () => {
    const count = async () => (await graph.stores.content.videoCounts([creator]))[0]!.count;
    const start = await count();
    const cases: [Record<string, unknown>, string, Record<string, unknown>][] = [
      [{ playbackUrl: 'http://media.example.com/v.m3u8' }, 'BAD_USER_INPUT', { field: 'playbackUrl' }],
      [{ thumbnailUrl: 'not a url' }, 'BAD_USER_INPUT', { field: 'thumbnailUrl' }],
      [{ durationSeconds: 0 }, 'BAD_USER_INPUT', { field: 'durationSeconds' }],
      [{ caption: 'x'.repeat(2201) }, 'BAD_USER_INPUT', { field: 'caption' }],
      [{ hashtags: ['no spaces allowed'] }, 'BAD_USER_INPUT', { field: 'hashtags' }],
      [{ productIds: onSale.slice(0, 6) }, 'BAD_USER_INPUT', { field: 'productIds' }],
      [{ productIds: [onSale[0], 'prd_does_not_exist'] }, 'BAD_USER_INPUT', { field: 'productIds', unknownProductIds: ['prd_does_not_exist'] }],
    ];
    for (const [overrides, code, extensions] of cases) {
      const answer = await graph.query(PUBLISH, { input: input(overrides) }, await as(creator));
      expect(answer.body.data.publishVideo).toBeNull();
      expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code, ...extensions });
    }
    const unknown = await graph.query(PUBLISH, { input: input({ productIds: ['prd_does_not_exist'] }) }, await as(creator));
    expect(unknown.body.errors?.[0]?.message).toContain('prd_does_not_exist');
    const notCreator = await graph.query(PUBLISH, { input: input() }, await as(viewers[0]!));
    expect(notCreator.body.errors?.[0]?.extensions?.code).toBe('NOT_A_CREATOR');
    const anonymous = await graph.query(PUBLISH, { input: input() });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await count()).toBe(start);
  });

  it('edits the caption, hashtags and tags, its creator only, and the next read shows each change', async () => {
    await graph.query(VIDEO, { id: videoId });
    await graph.gateway.entityCache?.settled();

    const forbidden = await graph.query(UPDATE, { id: videoId, input: { caption: 'Not yours' } }, await as(otherCreator));
    expect(forbidden.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_VIDEO_CREATOR' });
    const edited = await graph.query(UPDATE, { id: videoId, input: { caption: 'The travel kettle, a week later', hashtags: ['travel', 'review'] } }, await as(creator));
    expect(edited.body.data.updateVideo).toEqual({ id: videoId, caption: 'The travel kettle, a week later', hashtags: ['travel', 'review'] });
    expect((await graph.query(VIDEO, { id: videoId })).body.data.video).toMatchObject({ caption: 'The travel kettle, a week later', hashtags: ['travel', 'review'] });

    const retagged = await graph.query(SET_PRODUCTS, { id: videoId, ids: [onSale[2], onSale[1], onSale[3]] }, await as(creator));
    expect(retagged.body.data.setVideoProducts.taggedProducts).toEqual([{ id: onSale[2] }, { id: onSale[1] }, { id: onSale[3] }]);
    expect((await graph.query(VIDEO, { id: videoId })).body.data.video.taggedProducts).toEqual([{ id: onSale[2] }, { id: onSale[1] }, { id: onSale[3] }]);

    const unknown = await graph.query(SET_PRODUCTS, { id: videoId, ids: [onSale[2], 'prd_does_not_exist'] }, await as(creator));
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', unknownProductIds: ['prd_does_not_exist'] });
    const notYours = await graph.query(SET_PRODUCTS, { id: videoId, ids: [] }, await as(otherCreator));
    expect(notYours.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const removed = await graph.query(SET_PRODUCTS, { id: videoId, ids: [onSale[1]] }, await as(creator));
    expect(removed.body.data.setVideoProducts.taggedProducts).toEqual([{ id: onSale[1] }]);
    expect((await graph.query(VIDEO, { id: videoId })).body.data.video.taggedProducts).toEqual([{ id: onSale[1] }]);
  });

  it('counts racing likes and unlikes exactly: the kept count equals the recount from history', async () => {
    await graph.query(VIDEO, { id: videoId });
    await graph.gateway.entityCache?.settled();
    const racers = viewers.slice(0, 30);
    // Every racer likes twice at once; the even ones then unlike, racing the others' likes.
    await Promise.all(
      racers.map(async (userId, i) => {
        const headers = await as(userId);
        const likes = await Promise.all([graph.query(LIKE, { id: videoId }, headers), graph.query(LIKE, { id: videoId }, headers)]);
        for (const like of likes) expect(like.body.errors).toBeUndefined();
        if (i % 2 === 0) {
          const unlike = await graph.query(UNLIKE, { id: videoId }, headers);
          expect(unlike.body.data.unlikeVideo.viewerHasLiked).toBe(false);
        }
      }),
    );
    const likers = racers.filter((_, i) => i % 2 === 1);
    expect((await graph.query(VIDEO, { id: videoId })).body.data.video.likeCount).toBe(likers.length);
    expect(await graph.stores.content.keptCountDifferences()).toEqual([]);

    const mine = 'query ($id: ID!) { video(id: $id) { likeCount viewerHasLiked } }';
    expect((await graph.query(mine, { id: videoId }, await as(likers[0]!))).body.data.video).toEqual({ likeCount: likers.length, viewerHasLiked: true });
    // One viewer's answer never reaches another through the gateway's cache.
    expect((await graph.query(mine, { id: videoId }, await as(racers[0]!))).body.data.video).toEqual({ likeCount: likers.length, viewerHasLiked: false });
    const anonymous = (await graph.query(mine, { id: videoId })).body;
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.video).toEqual({ likeCount: likers.length, viewerHasLiked: false });
    const again = await graph.query(LIKE, { id: videoId }, await as(likers[0]!));
    expect(again.body.data.likeVideo).toEqual({ id: videoId, likeCount: likers.length, viewerHasLiked: true });
    expect((await graph.query(LIKE, { id: 'vid_does_not_exist' }, await as(likers[0]!))).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await graph.query(LIKE, { id: videoId })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('deletes the video (its creator only) with its likes and tags; the profile and the feed drop it at once', async () => {
    const before = (await graph.query(CREATOR, { id: creator })).body.data.creator;
    await graph.gateway.entityCache?.settled();
    const forbidden = await graph.query(DELETE, { id: videoId }, await as(otherCreator));
    expect(forbidden.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_VIDEO_CREATOR' });
    const deleted = await graph.query(DELETE, { id: videoId }, await as(creator));
    expect(deleted.body.data.deleteVideo).toEqual({ deletedVideoId: videoId });

    const gone = await graph.query(VIDEO, { id: videoId });
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const after = (await graph.query(CREATOR, { id: creator })).body.data.creator;
    expect(after.videoCount).toBe(before.videoCount - 1);
    expect(after.videos.edges[0].node.id).not.toBe(videoId);
    expect((await graph.query(FEED)).body.data.feed.edges[0].node.id).not.toBe(videoId);
    expect(await graph.stores.content.keptCountDifferences()).toEqual([]);
    expect((await graph.query(DELETE, { id: videoId }, await as(creator))).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  // Last: it stops commerce.
  it('refuses to tag while commerce is down or hangs, with SERVICE_UNAVAILABLE naming it within the peer deadline, and publishes nothing', async () => {
    const count = async () => (await graph.stores.content.videoCounts([creator]))[0]!.count;
    const start = await count();
    const { port } = graph.subgraphs.commerce;
    await graph.subgraphs.commerce.stop();
    const down = await graph.query(PUBLISH, { input: input({ productIds: [onSale[0]] }) }, await as(creator));
    expect(down.body.data.publishVideo).toBeNull();
    expect(down.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'commerce' });

    // Commerce's address answers nothing at all: content gives up at the peers client's deadline.
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(port, '127.0.0.1', resolve));
    try {
      const began = Date.now();
      const hung = await graph.query(PUBLISH, { input: input({ productIds: [onSale[0]] }) }, await as(creator));
      const took = Date.now() - began;
      expect(hung.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'commerce' });
      expect(took).toBeGreaterThanOrEqual(DEFAULT_PEER_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(DEFAULT_PEER_TIMEOUT_MS + 2_000);
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
    expect(await count()).toBe(start);
  });
});
