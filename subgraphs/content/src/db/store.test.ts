/** The content store's contract, on SQLite and on Postgres: every statement answers the same on both. */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { creatorIds, LIVE_NOW_COUNT, SEED_TIME, VIDEO_COUNT } from '@app/fixtures/world';
import { expectPagesBothWays } from '@app/kit/db/paging-testing';
import { CREATOR_STREAMS_PAGING, LIVE_NOW_PAGING } from '../liveStreams.ts';
import { VIDEO_PAGING } from '../videos.ts';
import { seedContentStore } from './seed.ts';
import { openContentPgStore, openContentStore, type ContentStore } from './store.ts';

describeOnEachEngine<ContentStore>(
  'content store',
  { sqlite: openContentStore, postgres: openContentPgStore },
  (store) => {
    it('pages every video newest first by [publishedAt, id] with a time cursor, no repeats or gaps', async () => {
      const seen: string[] = [];
      let after: [number, string] | null = null;
      for (;;) {
        const rows = await store().videosNewestFirst({ first: 70, after });
        const page = rows.slice(0, 70);
        seen.push(...page.map((row) => row.id));
        if (rows.length <= 70) break;
        const last = page[page.length - 1]!;
        after = [last.publishedAt.getTime(), last.id];
      }
      expect(seen).toHaveLength(VIDEO_COUNT);
      expect(new Set(seen).size).toBe(VIDEO_COUNT);
    });

    it("pages many creators' videos and streams in one statement each, the cursor applied to every owner", async () => {
      const owners = creatorIds.slice(0, 3);
      const first = await store().creatorVideoPages(owners, { first: 2, after: null });
      expect(new Set(first.map((row) => row.ownerId))).toEqual(new Set(owners));
      const own = first.filter((row) => row.ownerId === owners[0]);
      expect(own).toHaveLength(3);
      const cursor: [number, string] = [own[1]!.node.publishedAt.getTime(), own[1]!.node.id];
      const next = await store().creatorVideoPages([owners[0]!], { first: 2, after: cursor });
      expect(next[0]!.node.id).toBe(own[2]!.node.id);

      const streams = await store().creatorLiveStreamPages(owners, { first: 50, after: null });
      const one = streams.filter((row) => row.ownerId === owners[0]);
      const time = (row: (typeof one)[number]) => (row.node.startedAt ?? row.node.scheduledFor ?? new Date(0)).getTime();
      for (let i = 1; i < one.length; i++) expect(time(one[i]!)).toBeLessThanOrEqual(time(one[i - 1]!));
      if (one.length > 1) {
        const later = await store().creatorLiveStreamPages([owners[0]!], { first: 50, after: [time(one[0]!), one[0]!.node.id] });
        expect(later.map((row) => row.node.id)).toEqual(one.slice(1).map((row) => row.node.id));
      }
    });

    it('reads videos and streams by id, leaving unknown ids out', async () => {
      const [newest] = await store().videosNewestFirst({ first: 1, after: null });
      const videos = await store().videosByIds([newest!.id, 'vid_unknown']);
      expect(videos).toEqual([newest]);
      const [live] = await store().streamsByViewers('LIVE', { first: 1, after: null });
      expect(await store().liveStreamsByIds([live!.id, 'liv_unknown'])).toEqual([live]);
    });

    it('lists live streams by viewers, and counts videos and likes per key', async () => {
      const live = await store().streamsByViewers('LIVE', { first: 100, after: null });
      expect(live).toHaveLength(LIVE_NOW_COUNT);
      for (let i = 1; i < live.length; i++) expect(live[i]!.viewerCount).toBeLessThanOrEqual(live[i - 1]!.viewerCount);
      const rest = await store().streamsByViewers('LIVE', { first: 100, after: [live[0]!.viewerCount, live[0]!.id] });
      expect(rest.map((row) => row.id)).toEqual(live.slice(1).map((row) => row.id));

      const counts = await store().videoCounts(creatorIds);
      expect(counts.reduce((sum, row) => sum + row.count, 0)).toBe(VIDEO_COUNT);
      expect(typeof counts[0]!.count).toBe('number');
      expect(await store().videoCounts([])).toEqual([]);
    });

    it('moves a stream between statuses only from the ones named, inside a transaction', async () => {
      const at = new Date(SEED_TIME + 86_400_000);
      const stream = await store().transaction((tx) => tx.insertLiveStream({ id: 'liv_contract', creatorId: creatorIds[0]!, title: 'Contract', status: 'SCHEDULED', viewerCount: 0, scheduledFor: at }));
      expect(stream.scheduledFor).toEqual(at);
      expect(await store().changeStreamStatus('liv_contract', ['LIVE'], 'ENDED', {})).toBeUndefined();
      const live = await store().changeStreamStatus('liv_contract', ['SCHEDULED'], 'LIVE', { startedAt: at });
      expect(live).toMatchObject({ status: 'LIVE', startedAt: at });
    });

    it("never lets another request's read or write into an open transaction, however the body awaits", async () => {
      const at = new Date(SEED_TIME + 2 * 86_400_000);
      await store().insertLiveStream({ id: 'liv_isolated', creatorId: creatorIds[1]!, title: 'Isolated', status: 'SCHEDULED', viewerCount: 0, scheduledFor: at });
      let letBodyFinish: () => void = () => undefined;
      const bodyMayFinish = new Promise<void>((resolve) => (letBodyFinish = resolve));
      let bodyWrote: () => void = () => undefined;
      const wrote = new Promise<void>((resolve) => (bodyWrote = resolve));
      // Issued in the same tick as the transaction, before it: its query must not run after BEGIN.
      const readBefore = store().liveStreamsByIds(['liv_isolated']);
      // A statement of several queries (the counter, then the event) begun before it: all of it stays out.
      const writeBefore = store().appendLiveEvent('topic_before', 'NOTE', {}, new Date());
      const rolledBack = store().transaction(async (tx) => {
        await tx.changeStreamStatus('liv_isolated', ['SCHEDULED'], 'LIVE', { startedAt: at });
        bodyWrote();
        await bodyMayFinish;
        throw new Error('roll back');
      });
      await wrote;
      // Issued while the body awaits: neither may join the transaction (and vanish with it) or read its writes.
      const readDuring = store().liveStreamsByIds(['liv_isolated']);
      const writeDuring = store().appendLiveEvent('topic_isolated', 'NOTE', {}, new Date());
      await new Promise((resolve) => setTimeout(resolve, 20));
      letBodyFinish();
      await expect(rolledBack).rejects.toThrow('roll back');
      expect((await readBefore)[0]!.status).toBe('SCHEDULED');
      expect((await readDuring)[0]!.status).toBe('SCHEDULED');
      expect((await writeBefore).seq).toBe(1);
      expect(await store().liveEventsAfter('topic_before', 0, 10)).toHaveLength(1);
      expect((await writeDuring).seq).toBe(1);
      expect(await store().liveEventsAfter('topic_isolated', 0, 10)).toHaveLength(1);
      expect((await store().liveStreamsByIds(['liv_isolated']))[0]!.status).toBe('SCHEDULED');
    });

    it('numbers outbox events per topic, reads after a position, and rolls back with the transaction', async () => {
      const now = new Date();
      const first = await store().transaction((tx) => tx.appendLiveEvent('topic_c', 'LIVE', { a: 1 }, now));
      await expect(
        store().transaction(async (tx) => {
          await tx.appendLiveEvent('topic_c', 'LIVE', { a: 2 }, now);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const second = await store().transaction((tx) => tx.appendLiveEvent('topic_c', 'ENDED', { a: 3 }, now));
      expect([first.seq, second.seq]).toEqual([1, 2]);
      const events = await store().liveEventsAfter('topic_c', 0, 10);
      expect(events.map((event) => [event.seq, event.payload])).toEqual([
        [1, { a: 1 }],
        [2, { a: 3 }],
      ]);
      expect(await store().liveEventTopic('topic_c')).toEqual({ lastSeq: 2, prunedThrough: 0 });
      expect(await store().liveEventTopic('nothing')).toEqual({ lastSeq: 0, prunedThrough: 0 });
    });

    it('accepts a nonce once, and records an idempotency key once', async () => {
      const now = Date.now();
      expect(await store().acceptNonce('nonce-1', now + 60_000, now)).toBe(true);
      expect(await store().acceptNonce('nonce-1', now + 60_000, now)).toBe(false);
      const row = { scope: 'usr_1', key: 'key-00001', operation: 'op', requestHash: 'h', response: { ok: true }, createdAt: new Date(now) };
      expect(await store().recordIdempotency(row)).toBe(true);
      expect(await store().idempotencyRecord('usr_1', 'key-00001')).toEqual(row);
      expect(await store().idempotencyRecord('usr_1', 'other-key')).toBeUndefined();
    });

    it('keeps counts that agree with a recount of the videos and likes behind them', async () => {
      expect(await store().keptCountDifferences()).toEqual([]);
      const likes = await store().likeCounts(['vid_missing']);
      expect(likes).toEqual([]);
    });

    it('seeds an empty store once', async () => {
      expect(await store().isEmpty()).toBe(false);
      await seedContentStore(store());
      expect(await store().videosNewestFirst({ first: 1000, after: null })).toHaveLength(VIDEO_COUNT);
    });

    it("publishes, edits and deletes a video, its creator's kept count moving with it", async () => {
      const creatorId = 'usr_new_creator';
      const at = new Date(SEED_TIME + 3 * 86_400_000);
      const row = { id: 'vid_contract', creatorId, caption: 'First', hashtags: ['one'], durationSeconds: 30, thumbnailUrl: 'https://m.example.com/t.jpg', playbackUrl: 'https://m.example.com/p.m3u8', viewCount: 0, likeCount: 0, publishedAt: at };
      const video = await store().transaction((tx) => tx.insertVideo(row));
      expect(video).toEqual(row);
      expect(await store().videoCounts([creatorId])).toEqual([{ key: creatorId, count: 1 }]);
      await store().transaction((tx) => tx.insertVideo({ ...row, id: 'vid_contract_2', publishedAt: new Date(at.getTime() + 1) }));
      expect(await store().videoCounts([creatorId])).toEqual([{ key: creatorId, count: 2 }]);
      expect((await store().videosNewestFirst({ first: 1, after: null }))[0]!.id).toBe('vid_contract_2');

      expect(await store().editVideo('vid_contract', { caption: 'Second', hashtags: ['two', 'three'] })).toMatchObject({ caption: 'Second', hashtags: ['two', 'three'], durationSeconds: 30 });
      expect(await store().editVideo('vid_contract', {})).toMatchObject({ caption: 'Second' });
      expect(await store().editVideo('vid_missing', { caption: 'x' })).toBeUndefined();

      await store().transaction(async (tx) => {
        await tx.addLike('usr_a', 'vid_contract', at);
        await tx.replaceVideoProducts('vid_contract', ['prd_1'], at);
      });
      const deleted = await store().transaction((tx) => tx.deleteVideo('vid_contract'));
      expect(deleted?.id).toBe('vid_contract');
      expect(await store().transaction((tx) => tx.deleteVideo('vid_contract'))).toBeUndefined();
      expect(await store().videosByIds(['vid_contract'])).toEqual([]);
      expect(await store().videoProductLists(['vid_contract'])).toEqual([]);
      expect(await store().videoCounts([creatorId])).toEqual([{ key: creatorId, count: 1 }]);
      await store().transaction((tx) => tx.deleteVideo('vid_contract_2'));
      expect(await store().videoCounts([creatorId])).toEqual([{ key: creatorId, count: 0 }]);
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it("replaces a video's product tags in order and reads many videos' tags in one statement", async () => {
      const [one, two] = await store().videosNewestFirst({ first: 2, after: null });
      const at = new Date(SEED_TIME);
      await store().transaction(async (tx) => {
        await tx.replaceVideoProducts(one!.id, ['prd_c', 'prd_a', 'prd_b'], at);
        await tx.replaceVideoProducts(two!.id, ['prd_z'], at);
      });
      await store().transaction((tx) => tx.replaceVideoProducts(one!.id, ['prd_b', 'prd_c'], at));
      const lists = await store().videoProductLists([two!.id, one!.id, 'vid_none']);
      const own = (videoId: string) => lists.filter((row) => row.ownerId === videoId).map((row) => [row.node.productId, row.node.position]);
      expect(own(one!.id)).toEqual([
        ['prd_b', 0],
        ['prd_c', 1],
      ]);
      expect(own(two!.id)).toEqual([['prd_z', 0]]);
      expect(lists).toHaveLength(3);
      await store().transaction((tx) => tx.replaceVideoProducts(one!.id, [], at));
      expect(await store().videoProductLists([one!.id])).toEqual([]);
      expect(await store().videoProductLists([])).toEqual([]);
    });

    it('counts a like once and uncounts it once, and says which videos a user likes', async () => {
      const [video] = await store().videosNewestFirst({ first: 1, after: null });
      const id = video!.id;
      const [before] = await store().likeCounts([id]);
      const at = new Date(SEED_TIME);
      expect(await store().transaction((tx) => tx.addLike('usr_contract', id, at))).toBe(true);
      expect(await store().transaction((tx) => tx.addLike('usr_contract', id, at))).toBe(false);
      expect(await store().likeCounts([id])).toEqual([{ key: id, count: before!.count + 1 }]);
      expect(await store().likedVideoIds('usr_contract', [id, 'vid_none'])).toEqual([id]);
      expect(await store().likedVideoIds('usr_contract', [])).toEqual([]);
      expect(await store().transaction((tx) => tx.removeLike('usr_contract', id))).toBe(true);
      expect(await store().transaction((tx) => tx.removeLike('usr_contract', id))).toBe(false);
      expect(await store().likeCounts([id])).toEqual([{ key: id, count: before!.count }]);
      expect(await store().likedVideoIds('usr_contract', [id])).toEqual([]);
    });

    it('keeps like counts equal to the likes behind them when many users like and unlike one video at once', async () => {
      const [video] = await store().videosNewestFirst({ first: 1, after: null });
      const id = video!.id;
      const users = Array.from({ length: 24 }, (_, i) => `usr_race_${i}`);
      const at = new Date(SEED_TIME);
      // Each user likes twice and unlikes once, all interleaved: every third user ends liking it.
      await Promise.all(
        users.flatMap((userId, i) => [
          store().transaction((tx) => tx.addLike(userId, id, at)),
          store().transaction((tx) => tx.addLike(userId, id, at)),
          ...(i % 3 === 0 ? [] : [store().transaction((tx) => tx.removeLike(userId, id))]),
        ]),
      );
      const liking = await store().likedVideoIds(users[0]!, [id]);
      expect(liking).toEqual([id]);
      expect(await store().keptCountDifferences()).toEqual([]);
      await Promise.all(users.map((userId) => store().transaction((tx) => tx.removeLike(userId, id))));
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    // Last: it leaves the store with a like its counts never saw.
    it('finds a kept count that disagrees with the likes behind it', async () => {
      const [video] = await store().videosNewestFirst({ first: 1, after: null });
      const [kept] = await store().likeCounts([video!.id]);
      await store().transaction((tx) =>
        tx.insertSeedRows({ videos: [], liveStreams: [], videoLikes: [{ userId: 'usr_stray', videoId: video!.id, createdAt: new Date(SEED_TIME) }], creatorCounts: [], liveEvents: [], liveEventTopics: [] }),
      );
      expect(await store().keptCountDifferences()).toEqual([{ count: 'Video.likeCount', key: video!.id, kept: kept!.count, recounted: kept!.count + 1 }]);
    });

    it('pages every list both ways: read backward (`last`/`before`) it is the list read forward, no row twice, pageInfo right at both ends', async () => {
      const nodes = <R>(rows: readonly { node: R }[]) => rows.map((row) => row.node);
      // Two more live streams tied on viewers with a seeded one: ties run up the id, against the count.
      const [top] = await store().streamsByViewers('LIVE', { first: 1, after: null });
      for (const id of ['liv_paging_a', 'liv_paging_z']) {
        await store().insertLiveStream({ id, creatorId: creatorIds[2]!, title: 'Tied', status: 'LIVE', viewerCount: top!.viewerCount, startedAt: new Date(SEED_TIME) });
      }
      for (const size of [1, 2, 3]) {
        const live = await expectPagesBothWays(LIVE_NOW_PAGING, (page) => store().streamsByViewers('LIVE', page), size);
        expect(live.map((stream) => stream.id).slice(0, 3)).toEqual([top!.id, 'liv_paging_a', 'liv_paging_z'].sort());
        expect(live.length).toBeGreaterThanOrEqual(LIVE_NOW_COUNT + 2);
        const streams = await expectPagesBothWays(CREATOR_STREAMS_PAGING, async (page) => nodes(await store().creatorLiveStreamPages([creatorIds[2]!], page)), size);
        expect(streams.map((stream) => stream.id)).toEqual(expect.arrayContaining(['liv_paging_a', 'liv_paging_z']));
        const videos = await expectPagesBothWays(VIDEO_PAGING, async (page) => nodes(await store().creatorVideoPages([creatorIds[0]!], page)), size);
        expect(videos.length).toBe((await store().videoCounts([creatorIds[0]!]))[0]!.count);
      }
      expect(await expectPagesBothWays(VIDEO_PAGING, (page) => store().videosNewestFirst(page), 70)).toHaveLength(VIDEO_COUNT);
      expect(await expectPagesBothWays(VIDEO_PAGING, (page) => store().videosNewestFirst(page), VIDEO_COUNT / 3)).toHaveLength(VIDEO_COUNT);
    });
  },
  { seed: seedContentStore, plans: { exceptions: { keptCountDifferences: 'a recount of all history, by nature (npm run reconcile, never a request)' } } },
);
