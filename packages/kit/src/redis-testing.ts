import { afterAll, beforeAll } from 'vitest';
import { openRedis, type Redis } from './redis.ts';
import { startThrowawayRedis, type ThrowawayRedis } from './redis-server.ts';

/**
 * A throwaway Redis for one test file (started before its tests, stopped after them, with every
 * connection `connect()` opened): its `url`, and connections to it as replicas would hold them.
 */
export function useThrowawayRedis() {
  let server: ThrowawayRedis | undefined;
  const clients: Redis[] = [];
  beforeAll(async () => {
    server = await startThrowawayRedis();
  }, 30_000);
  afterAll(() => {
    for (const client of clients) client.disconnect();
    server?.stop();
  });
  const started = () => {
    if (!server) throw new Error('The throwaway Redis is not started yet: use it inside a test or hook.');
    return server;
  };
  return {
    server: started,
    async connect(): Promise<Redis> {
      const client = await openRedis(started().url);
      clients.push(client);
      return client;
    },
  };
}
