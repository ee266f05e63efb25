/**
 * SIGTERM during load: the stack stops taking requests, finishes those in flight, closes its
 * stores, and every write it acknowledged is in the store afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { userIds } from '@app/fixtures/world';
import { startStack } from './stack.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'graph-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('SIGTERM during load', () => {
  it('loses no acknowledged write and exits cleanly', async () => {
    const stack = await startStack({ dataDir, env: { RATE_LIMIT_TIERS: JSON.stringify({ user: { max: 1_000_000, restoreRate: 1_000_000 } }) } });
    const followers = userIds.slice(20, 36);
    const followees = userIds.slice(36, 60);
    // Only pairs not already in the seed, so an acknowledged pair found afterwards was written by this run.
    const followsIn = async () => new Set((await stack.rows('users').all<{ follower_id: string; followee_id: string }>('select follower_id, followee_id from follows')).map((row) => `${row.follower_id} ${row.followee_id}`));
    const seeded = await followsIn();
    const pairs = followers.flatMap((follower) => followees.filter((followee) => !seeded.has(`${follower} ${followee}`)).map((followee) => [follower, followee] as const));

    const tokens = new Map(await Promise.all(followers.map(async (id) => [id, await stack.tokenFor(id)] as const)));
    const acknowledged: (readonly [string, string])[] = [];
    let next = 0;
    let stopped = false;
    const worker = async () => {
      while (!stopped && next < pairs.length) {
        const pair = pairs[next++]!;
        try {
          const response = await fetch(stack.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(pair[0])}` },
            body: JSON.stringify({ query: 'mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }', variables: { id: pair[1] } }),
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await response.json()) as any;
          if (response.ok && !body.errors && body.data?.follow?.viewerFollows === true) acknowledged.push(pair);
        } catch {
          // Refused or cut off by the shutdown: not acknowledged, so nothing is promised.
        }
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    const exitCode = await stack.terminate();
    stopped = true;
    await load;

    expect(exitCode).toBe(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    const stored = await followsIn();
    const missing = acknowledged.filter(([follower, followee]) => !stored.has(`${follower} ${followee}`));
    expect(missing).toEqual([]);
  }, 90_000);
});
