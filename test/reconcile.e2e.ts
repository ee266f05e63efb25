/**
 * The kept counts hold through a crash (issue 21, "A reconcile check proves the kept counts"):
 * a storm of follows and unfollows (users' follower and following counts) and LIVE gifts (a
 * stream's totals, its leaderboard, the creator's gifters and balance) through the gateway, with
 * users and gifts killed with SIGKILL in the middle of it and started again on the same stores;
 * afterwards `npm run reconcile`, run as an operator would beside the services, recounts every
 * kept count from history and finds no difference. On SQLite and, under test:postgres, on
 * Postgres. Five real processes (`processes.ts`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, userIds } from '@app/fixtures/world';
import { asUser, idempotencyKey, startOwnStream } from './live-api.ts';
import { eventually } from './eventually.ts';
import { startProcesses, type RunningProcesses } from './processes.ts';

const root = path.resolve(import.meta.dirname, '..');
const rose = seedId('lgf', 0);
const SEND_GIFT = 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }';
const FOLLOW = 'mutation ($id: ID!) { follow(userId: $id) { viewerFollows } }';
const UNFOLLOW = 'mutation ($id: ID!) { unfollow(userId: $id) { viewerFollows } }';

let processes: RunningProcesses;
beforeAll(async () => {
  processes = await startProcesses({ subgraphs: ['users', 'content', 'gifts'] });
}, 120_000);
afterAll(() => processes?.stop(), 60_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `npm run reconcile` against the services' stores, as a separate process. */
function reconcile(): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reconcile.ts'], { cwd: root, env: processes.env, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const codes = new Map<string, number>();
/** Repeats `write` until stopped, ignoring refusals and failures: what committed is what the recount checks. */
function storm(write: (round: number) => Promise<{ body: { errors?: { extensions?: { code?: string } }[] } }>) {
  let going = true;
  let rounds = 0;
  const running = (async () => {
    while (going) {
      const code = await write(rounds++).then((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK', () => 'NO_ANSWER');
      codes.set(code, (codes.get(code) ?? 0) + 1);
      await pause(40);
    }
  })();
  return { rounds: () => rounds, stop: () => ((going = false), running) };
}

describe('kept counts through a kill -9 mid-storm', () => {
  it('agree with a recount from history afterwards: npm run reconcile finds no difference', async () => {
    expect(reconcile()).toMatchObject({ status: 0 });

    const stream = await startOwnStream(processes, creatorIds[9] as string, 'Reconcile storm');
    const senders = userIds.slice(40, 46);
    for (const sender of senders) {
      const bought = await processes.query('mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_3500", idempotencyKey: $key }) { wallet { coins } } }', { key: idempotencyKey('coins') }, await asUser(processes, sender));
      expect(bought.body.errors).toBeUndefined();
    }
    const gifting = await Promise.all(
      senders.map(async (sender) => {
        const headers = await asUser(processes, sender);
        return storm(() => processes.query(SEND_GIFT, { input: { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: idempotencyKey('reconcile') } }, headers));
      }),
    );
    // Fans following and unfollowing two creators and each other, so both sides of a follow move.
    const fans = userIds.slice(46, 54);
    const following = await Promise.all(
      fans.map(async (fan, i) => {
        const headers = await asUser(processes, fan);
        const targets = [creatorIds[9] as string, creatorIds[10] as string, fans[(i + 1) % fans.length] as string];
        return storm((round) => processes.query(round % 2 === 0 ? FOLLOW : UNFOLLOW, { id: targets[Math.floor(round / 2) % targets.length] }, headers));
      }),
    );

    // Killed while writes are committing, and the storm goes on once they are back.
    const committed = () => codes.get('OK') ?? 0;
    await eventually(() => committed() >= 20, 'writes committing before the crash', 30_000);
    await Promise.all([processes.kill('gifts', 'SIGKILL'), processes.kill('users', 'SIGKILL')]);
    const beforeRestart = committed();
    await pause(300);
    await Promise.all([processes.start('gifts'), processes.start('users')]);
    await eventually(() => committed() >= beforeRestart + 20, 'writes committing after the restart', 30_000);
    await Promise.all([...gifting, ...following].map((one) => one.stop()));

    // The storm did write: gifts committed on the stream both before and after the crash.
    const rows = processes.rows('gifts');
    try {
      expect(await rows.scalar('select count(*) from live_gift_sends where live_stream_id = ?', stream)).toBeGreaterThan(0);
    } finally {
      await rows.close();
    }
    expect(following.reduce((sum, one) => sum + one.rounds(), 0)).toBeGreaterThan(0);

    const after = reconcile();
    expect(after.output).toMatch(/users: every kept count agrees/);
    expect(after.output).toMatch(/gifts: every kept count agrees/);
    expect(after, after.output).toMatchObject({ status: 0 });
  }, 180_000);
});
