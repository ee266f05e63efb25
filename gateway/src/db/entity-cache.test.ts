import { afterAll, beforeAll, describe } from 'vitest';
import { startThrowawayCluster, type ThrowawayCluster } from '@app/kit/pg-cluster';
import { sharedEntityCacheContract } from '../entity-cache/shared-store-contract.ts';
import { openPgGatewayStore } from './open.ts';

/** A real server for this file: two "replicas" are two gateway stores on one database. */
let cluster: ThrowawayCluster;
let databases = 0;
const opened: { keys: { close(): Promise<void> | void } }[] = [];

beforeAll(async () => {
  cluster = await startThrowawayCluster({ maxConnections: 100 });
}, 60_000);
afterAll(async () => {
  for (const store of opened) await store.keys.close();
  cluster?.stop();
});

async function replicas() {
  const url = await cluster.createDatabase(`gateway_${++databases}`);
  const first = await openPgGatewayStore(url);
  const second = await openPgGatewayStore(url);
  opened.push(first, second);
  return [first.entityCache, second.entityCache] as const;
}

describe('the entity cache on Postgres', () => {
  sharedEntityCacheContract(replicas);
});
