/**
 * Boots the whole graph for end-to-end tests: the four subgraphs, each on its own in-memory
 * store and an ephemeral loopback port, and the gateway in front of them, all over real HTTP.
 */
import { createLogger } from '@app/kit/log';
import { listen } from '@app/kit/http';
import type { RunningSubgraph } from '@app/kit/subgraph';
import { createGateway } from '@app/gateway/src/gateway.ts';
import { serve as serveUsers } from '@app/subgraph-users/src/server.ts';
import { openUsersStore } from '@app/subgraph-users/src/store.ts';
import { serve as serveContent } from '@app/subgraph-content/src/server.ts';
import { openContentStore } from '@app/subgraph-content/src/store.ts';
import { serve as serveGifts } from '@app/subgraph-gifts/src/server.ts';
import { openGiftsStore } from '@app/subgraph-gifts/src/store.ts';
import { serve as serveCommerce } from '@app/subgraph-commerce/src/server.ts';
import { openCommerceStore } from '@app/subgraph-commerce/src/store.ts';

const host = '127.0.0.1';

export interface RunningGraph {
  url: string;
  subgraphUrls: Record<'users' | 'content' | 'gifts' | 'commerce', string>;
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: { data?: T; errors?: any[] } }>;
  stop(): Promise<void>;
}

export async function startGraph(): Promise<RunningGraph> {
  const logger = createLogger('e2e');
  const options = { port: 0, host, logger };
  const stores = {
    users: openUsersStore(':memory:'),
    content: openContentStore(':memory:'),
    gifts: openGiftsStore(':memory:'),
    commerce: openCommerceStore(':memory:'),
  };
  const subgraphs: Record<keyof typeof stores, RunningSubgraph> = {
    users: await serveUsers(stores.users.db, options),
    content: await serveContent(stores.content.db, options),
    gifts: await serveGifts(stores.gifts.db, options),
    commerce: await serveCommerce(stores.commerce.db, options),
  };
  const subgraphUrls = {
    users: `${subgraphs.users.url}graphql`,
    content: `${subgraphs.content.url}graphql`,
    gifts: `${subgraphs.gifts.url}graphql`,
    commerce: `${subgraphs.commerce.url}graphql`,
  };
  const gateway = createGateway({ logger, subgraphUrls, production: false });
  await gateway.start();
  const http = await listen(gateway.handler, 0, host);

  return {
    url: http.url,
    subgraphUrls,
    async query(query, variables = {}, headers = {}) {
      const response = await fetch(`${http.url}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
    },
    async stop() {
      await http.close();
      await gateway.stop();
      for (const subgraph of Object.values(subgraphs)) await subgraph.stop();
      for (const store of Object.values(stores)) store.close();
    },
  };
}
