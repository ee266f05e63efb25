/**
 * A real server stopped under an open pool and started again: what node-postgres throws then is
 * what `isUnreachable` must recognise, the probe must say so within its timeout, and the same
 * pool must serve again afterwards without a restart.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnreachable, PgConnection } from './pg.ts';
import { startThrowawayCluster, type ThrowawayCluster } from './pg-cluster.ts';

let cluster: ThrowawayCluster;
beforeAll(async () => {
  cluster = await startThrowawayCluster({ maxConnections: 20 });
}, 60_000);
afterAll(() => cluster?.stop());

const failure = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
};

describe('a Postgres outage', () => {
  it('is told from a failing statement, answers the probe with false in time, and the same pool serves again once the server is back', async () => {
    const connection = new PgConnection({ url: cluster.urlFor('postgres'), connectTimeoutMs: 1_000 });
    // A client held across the outage: its session is ended by the shutdown.
    const held = await connection.pool.connect();
    held.on('error', () => undefined);
    try {
      expect(await connection.ping()).toBe(true);
      expect((await connection.pool.query('select 1 as one')).rows[0]).toEqual({ one: 1 });
      cluster.halt();

      const onHeld = await failure(() => held.query('select 1'));
      expect(isUnreachable(onHeld)).toBe(true);
      expect(isUnreachable(await failure(() => connection.pool.query('select 1')))).toBe(true);
      const refused = await failure(() => new pg.Client({ connectionString: cluster.urlFor('postgres') }).connect());
      expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
      expect(isUnreachable(refused)).toBe(true);
      // Through Drizzle's wrapping, as a store's statement throws it.
      const throughDrizzle = await failure(() => connection.db.execute('select 1'));
      expect(isUnreachable(throughDrizzle)).toBe(true);
      const started = performance.now();
      expect(await connection.ping(500)).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_500);

      cluster.resume();
      expect(await connection.ping()).toBe(true);
      expect((await connection.pool.query('select 2 as two')).rows[0]).toEqual({ two: 2 });
    } finally {
      held.release(true);
      await connection.close();
    }
  }, 60_000);

  it('is not what a statement that fails on a working server is', async () => {
    const client = new pg.Client({ connectionString: cluster.urlFor('postgres') });
    await client.connect();
    try {
      expect(isUnreachable(await failure(() => client.query('select * from no_such_table')))).toBe(false);
      expect(isUnreachable(await failure(() => client.query('select 1/0')))).toBe(false);
    } finally {
      await client.end();
    }
    expect(isUnreachable(new Error('Internal server error'))).toBe(false);
    expect(isUnreachable(undefined)).toBe(false);
    // Server codes of a shutdown, wrapped as GraphQL wraps a resolver's error.
    expect(isUnreachable({ originalError: { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) } })).toBe(true);
    expect(isUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });
});
