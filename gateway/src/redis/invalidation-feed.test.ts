import { describe, expect, it, vi } from 'vitest';
import { hasRedisServer } from '@app/kit/redis-server';
import { useThrowawayRedis } from '@app/kit/redis-testing';
import { InvalidationFeed } from './invalidation-feed.ts';

const throwawayRedis = useThrowawayRedis();
let prefixes = 0;

describe.skipIf(!hasRedisServer)("the replicas' invalidation feed", () => {
  it("acknowledges what other replicas made, and not the replica's own invalidations coming back", async () => {
    const prefix = `feed${++prefixes}:`;
    const channels = { feed: `${prefix}feed`, acks: `${prefix}acks` };
    const [publisher, writer, watcher] = await Promise.all([throwawayRedis.connect(), throwawayRedis.connect(), throwawayRedis.connect()]);
    const acks: string[] = [];
    const heard: number[] = [];
    watcher.on('message', (_channel: string, message: string) => acks.push(message));
    await watcher.subscribe(channels.acks);
    const feed = new InvalidationFeed(publisher.duplicate({ autoResubscribe: false }), publisher, channels, 'me');
    feed.start({ invalidated: (seq) => (heard.push(seq), seq), lost: () => undefined, subscribed: () => undefined });
    await vi.waitUntil(() => feed.subscribedSince !== null, { timeout: 3_000 });
    try {
      // Invalidation 1 is this replica's (its script answered before the feed's message came).
      feed.made(1);
      await writer.publish(channels.feed, '1 epoch ["Product:1"]');
      await vi.waitUntil(() => heard.length === 1, { timeout: 3_000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(acks).toEqual([]);
      // Invalidation 2 is another replica's: that writer waits for this word.
      await writer.publish(channels.feed, '2 epoch ["Product:2"]');
      await vi.waitUntil(() => acks.length === 1, { timeout: 3_000 });
      expect(acks).toEqual(['me 2']);
    } finally {
      await feed.close();
      watcher.disconnect();
    }
  });
});
