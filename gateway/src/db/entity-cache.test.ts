import pg from 'pg';
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
  const name = `gateway_${++databases}`;
  const admin = new pg.Client({ connectionString: cluster.urlFor('postgres') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const first = await openPgGatewayStore(cluster.urlFor(name));
  const second = await openPgGatewayStore(cluster.urlFor(name));
  opened.push(first, second);
  return [first.entityCache, second.entityCache] as const;
}

describe('the entity cache on Postgres', () => {
  sharedEntityCacheContract(replicas);
});
