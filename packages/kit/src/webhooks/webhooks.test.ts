import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { createLogger } from '../log.ts';
import { checkDestinationUrl, guardedLookup, isPublicAddress } from './destination.ts';
import { createDispatcher, type AttemptRecord, type DeliveryQueue, type DueDelivery } from './dispatcher.ts';
import { afterFailure, DEFAULT_RETRY_SCHEDULE, retryDelay, retryScheduleFrom, type AfterFailure, type RetrySchedule } from './schedule.ts';
import { createSender } from './send.ts';
import { newEndpointSecret, signDelivery, verifyDelivery } from './signing.ts';

const dev = { requireHttps: false, allowPrivateAddresses: true };
const production = { requireHttps: true, allowPrivateAddresses: false };

describe('signing (Standard Webhooks)', () => {
  const secret = newEndpointSecret();
  const at = new Date();
  const body = JSON.stringify({ type: 'order.paid', data: { orderId: 'ord_1' } });

  it('signs id, timestamp and raw body so the reference library verifies it', () => {
    const headers = signDelivery([secret], 'evt_1', at, body);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(verifyDelivery(secret, body, { ...headers })).toBe(true);
  });

  it('fails for another body, another secret, or an old timestamp', () => {
    const headers = signDelivery([secret], 'evt_1', at, body);
    expect(verifyDelivery(secret, `${body} `, { ...headers })).toBe(false);
    expect(verifyDelivery(newEndpointSecret(), body, { ...headers })).toBe(false);
    const old = signDelivery([secret], 'evt_1', new Date(Date.now() - 10 * 60_000), body);
    expect(verifyDelivery(secret, body, { ...old })).toBe(false);
  });

  it('signs with both secrets while one is rotated, so either verifies', () => {
    const [previous, next] = [newEndpointSecret(), newEndpointSecret()];
    const headers = signDelivery([next, previous], 'evt_2', at, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyDelivery(previous, body, { ...headers })).toBe(true);
    expect(verifyDelivery(next, body, { ...headers })).toBe(true);
  });

  it('makes secrets that differ and carry the whsec_ prefix', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    expect(newEndpointSecret()).not.toBe(secret);
  });
});

describe('destinations', () => {
  it('takes http in development and only https in production', () => {
    expect(checkDestinationUrl('http://example.com/hooks', dev)).toBeInstanceOf(URL);
    expect(checkDestinationUrl('http://example.com/hooks', production)).toMatchObject({ reason: 'HTTPS_REQUIRED' });
    expect(checkDestinationUrl('https://example.com/hooks', production)).toBeInstanceOf(URL);
  });

  it('refuses loopback, private, link-local and mapped addresses unless development allows them', () => {
    for (const url of ['https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://192.168.0.9/x', 'https://169.254.169.254/latest', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://[fd00::1]/x', 'https://0.0.0.0/x', 'https://localhost/x', 'https://api.localhost/x']) {
      expect(checkDestinationUrl(url, production), url).toMatchObject({ reason: 'PRIVATE_ADDRESS' });
      expect(checkDestinationUrl(url, dev), url).toBeInstanceOf(URL);
    }
    expect(isPublicAddress('93.184.216.34')).toBe(true);
    expect(isPublicAddress('2606:2800:220:1:248:1893:25c8:1946')).toBe(true);
  });

  it('refuses what is not an http(s) URL, or carries credentials', () => {
    for (const url of ['not a url', 'ftp://example.com/x', 'https://user:pw@example.com/x', `https://example.com/${'a'.repeat(2100)}`]) {
      expect(checkDestinationUrl(url, dev), url).toMatchObject({ reason: 'INVALID_URL' });
    }
  });

  it('refuses a name that resolves inward at connection time', async () => {
    const resolvesInward = ((_host: string, _options: object, callback: (error: null, addresses: { address: string; family: number }[]) => void) => callback(null, [{ address: '10.0.0.5', family: 4 }])) as never;
    const lookup = guardedLookup(production, resolvesInward);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup('hooks.example.com', {}, (err) => resolve(err)));
    expect(error?.code).toBe('EPRIVATEADDRESS');
    const allowed = await new Promise<string | unknown>((resolve) => guardedLookup(dev, resolvesInward)('hooks.example.com', {}, (_err, address) => resolve(address)));
    expect(allowed).toBe('10.0.0.5');
  });
});

describe('retry schedule', () => {
  it('tries at least 8 times over at least 4 hours before a day of failures disables the endpoint', () => {
    const start = new Date(Date.UTC(2027, 0, 1));
    let now = start;
    let attempts = 1;
    let next: AfterFailure = afterFailure(DEFAULT_RETRY_SCHEDULE, attempts, start, now);
    let lastAttemptAt = now;
    while (next.kind === 'retry') {
      now = next.at;
      lastAttemptAt = now;
      attempts += 1;
      next = afterFailure(DEFAULT_RETRY_SCHEDULE, attempts, start, now);
    }
    expect(attempts).toBeGreaterThanOrEqual(8);
    expect(lastAttemptAt.getTime() - start.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
    const eighth = DEFAULT_RETRY_SCHEDULE.delaysMs.slice(0, 7).reduce((sum, delay) => sum + delay, 0);
    expect(eighth).toBeGreaterThanOrEqual(4 * 3_600_000);
  });

  it('repeats its last delay and reads its settings from the environment', () => {
    expect(retryDelay(DEFAULT_RETRY_SCHEDULE, 99)).toBe(8 * 3_600_000);
    expect(retryScheduleFrom({ WEBHOOK_RETRY_DELAYS_MS: '100, 200', WEBHOOK_DISABLE_AFTER_MS: '1000', WEBHOOK_ATTEMPT_TIMEOUT_MS: '300' })).toEqual({ delaysMs: [100, 200], disableAfterMs: 1000, attemptTimeoutMs: 300 });
    expect(() => retryScheduleFrom({ WEBHOOK_RETRY_DELAYS_MS: '100,soon' })).toThrow(/WEBHOOK_RETRY_DELAYS_MS must be positive whole milliseconds/);
  });
});

/** A receiver on loopback whose behaviour each test sets per path: answer, fail, hang. */
interface Received {
  path: string;
  id: string;
  body: string;
  verified: boolean;
}
let receiver: http.Server;
let base = '';
const received: Received[] = [];
const behaviour = new Map<string, 'ok' | 'fail' | 'hang' | 'redirect'>();
const secret = newEndpointSecret();
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      received.push({ path, id: String(req.headers['webhook-id']), body, verified: verifyDelivery(secret, body, req.headers) });
      const mode = behaviour.get(path) ?? 'ok';
      if (mode === 'hang') return void hanging.push(res);
      if (mode === 'redirect') return void res.writeHead(302, { location: '/elsewhere' }).end();
      res.writeHead(mode === 'ok' ? 204 : 503).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  behaviour.clear();
});

describe('one attempt', () => {
  // Generous for answers (a loaded machine), short where the endpoint hangs on purpose.
  const sender = createSender({ policy: dev, timeoutMs: 5_000 });
  const impatient = createSender({ policy: dev, timeoutMs: 300 });
  afterAll(() => Promise.all([sender.close(), impatient.close()]));
  const attempt = (path: string, via = sender) => via.send({ url: `${base}${path}`, secrets: [secret], eventId: `evt${path.replace(/\//g, '_')}`, body: '{"n":1}', at: new Date() });

  it('is delivered on 2xx, signed so the receiver verifies it', async () => {
    expect(await attempt('/ok')).toMatchObject({ ok: true, status: 204 });
    expect(received).toEqual([{ path: '/ok', id: 'evt_ok', body: '{"n":1}', verified: true }]);
  });

  it('fails with the status on anything else, and does not follow a redirect', async () => {
    behaviour.set('/down', 'fail').set('/moved', 'redirect');
    expect(await attempt('/down')).toMatchObject({ ok: false, status: 503 });
    expect(await attempt('/moved')).toMatchObject({ ok: false, status: 302 });
    expect(received.map((entry) => entry.path)).toEqual(['/down', '/moved']);
  });

  it('gives up on an endpoint that hangs at the deadline', async () => {
    behaviour.set('/hang', 'hang');
    const started = performance.now();
    const outcome = await attempt('/hang', impatient);
    expect(outcome).toMatchObject({ ok: false, status: null, error: 'no answer within 300 ms' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never reaches a loopback receiver when the policy refuses private addresses', async () => {
    const strict = createSender({ policy: { requireHttps: false, allowPrivateAddresses: false }, timeoutMs: 300 });
    expect(await strict.send({ url: `${base}/ok`, secrets: [secret], eventId: 'evt_x', body: '{}', at: new Date() })).toMatchObject({ ok: false, status: null });
    await strict.close();
    expect(received).toEqual([]);
  });
});

/**
 * The queue contract the dispatcher relies on, kept in memory for the worker's own tests (the
 * service's store implements it in SQL): each endpoint's oldest undelivered delivery, when due
 * and not leased.
 */
function memoryQueue() {
  interface Endpoint { id: string; url: string; enabled: boolean; failingSince: Date | null; disabledReason: string | null }
  interface Row { id: string; endpointId: string; eventId: string; body: string; delivered: boolean; attempts: number; dueAt: number; leasedUntil: number; log: AttemptRecord[] }
  const endpoints = new Map<string, Endpoint>();
  const rows: Row[] = [];
  const queue: DeliveryQueue = {
    async claimDue(now, leaseUntil, limit) {
      const claimed: DueDelivery[] = [];
      for (const endpoint of endpoints.values()) {
        if (claimed.length >= limit || !endpoint.enabled) continue;
        const head = rows.find((row) => row.endpointId === endpoint.id && !row.delivered);
        if (!head || head.dueAt > now.getTime() || head.leasedUntil > now.getTime()) continue;
        head.leasedUntil = leaseUntil.getTime();
        claimed.push({ id: head.id, endpointId: endpoint.id, url: endpoint.url, secrets: [secret], eventId: head.eventId, body: head.body, attempts: head.attempts, failingSince: endpoint.failingSince });
      }
      return claimed;
    },
    async markDelivered(id, attempt) {
      const row = rows.find((entry) => entry.id === id)!;
      Object.assign(row, { delivered: true, attempts: row.attempts + 1, leasedUntil: 0 });
      row.log.push(attempt);
      endpoints.get(row.endpointId)!.failingSince = null;
    },
    async pruneDelivered(before, limit) {
      let pruned = 0;
      for (const endpoint of endpoints.values()) {
        let batch = 0;
        for (let i = rows.findIndex((row) => row.endpointId === endpoint.id); i !== -1 && batch < limit; i = rows.findIndex((row) => row.endpointId === endpoint.id)) {
          const row = rows[i]!;
          if (!row.delivered || row.log.at(-1)!.at >= before) break;
          rows.splice(i, 1);
          batch++;
        }
        pruned += batch;
      }
      return pruned;
    },
    async markFailed(id, attempt, next) {
      const row = rows.find((entry) => entry.id === id)!;
      const endpoint = endpoints.get(row.endpointId)!;
      Object.assign(row, { attempts: row.attempts + 1, leasedUntil: 0 });
      row.log.push(attempt);
      endpoint.failingSince ??= attempt.at;
      if (next.kind === 'retry') row.dueAt = next.at.getTime();
      else Object.assign(endpoint, { enabled: false, disabledReason: attempt.error });
    },
  };
  return {
    queue,
    endpoints,
    rows,
    endpoint: (id: string, url: string) => endpoints.set(id, { id, url, enabled: true, failingSince: null, disabledReason: null }),
    enqueue: (endpointId: string, eventId: string) => rows.push({ id: `dlv_${rows.length + 1}`, endpointId, eventId, body: JSON.stringify({ id: eventId }), delivered: false, attempts: 0, dueAt: 0, leasedUntil: 0, log: [] }),
  };
}

describe('the dispatcher', () => {
  const schedule: RetrySchedule = { delaysMs: [1_000, 5_000], disableAfterMs: 60_000, attemptTimeoutMs: 300 };
  const logger = createLogger('webhooks-test', { level: 'silent' });

  it('delivers each endpoint in order, holding later events behind a failing one, with the same id on every retry', async () => {
    const clock = manualClock(new Date());
    const world = memoryQueue();
    world.endpoint('A', `${base}/a`);
    world.endpoint('B', `${base}/b`);
    for (const id of ['a1', 'a2', 'a3']) world.enqueue('A', id);
    world.enqueue('B', 'b1');
    behaviour.set('/a', 'fail');
    const dispatcher = createDispatcher({ queue: world.queue, sender: createSender({ policy: dev, timeoutMs: 5_000 }), schedule, clock, logger });

    expect(await dispatcher.runOnce()).toBe(2); // a1 fails, b1 goes out
    expect(await dispatcher.runOnce()).toBe(0); // a1 waits its delay; a2 waits behind it
    clock.advance(999);
    expect(await dispatcher.runOnce()).toBe(0);
    clock.advance(1);
    expect(await dispatcher.runOnce()).toBe(1); // a1's second attempt fails again
    behaviour.set('/a', 'ok');
    clock.advance(5_000);
    while ((await dispatcher.runOnce()) > 0);
    await dispatcher.stop();

    expect(received.map((entry) => `${entry.path}:${entry.id}`)).toEqual(['/a:a1', '/b:b1', '/a:a1', '/a:a1', '/a:a2', '/a:a3']);
    expect(received.every((entry) => entry.verified)).toBe(true);
    expect(world.rows.map((row) => [row.eventId, row.delivered, row.attempts])).toEqual([['a1', true, 3], ['a2', true, 1], ['a3', true, 1], ['b1', true, 1]]);
    expect(world.rows[0]!.log.map((attempt) => attempt.status)).toEqual([503, 503, 204]);
    expect(world.endpoints.get('A')!.failingSince).toBeNull();
  });

  it('disables an endpoint that fails every attempt for the window, and says why', async () => {
    const clock = manualClock(new Date());
    const world = memoryQueue();
    world.endpoint('H', `${base}/hang`);
    world.enqueue('H', 'h1');
    world.enqueue('H', 'h2');
    behaviour.set('/hang', 'hang');
    const dispatcher = createDispatcher({ queue: world.queue, sender: createSender({ policy: dev, timeoutMs: 300 }), schedule, clock, logger });
    let rounds = 0;
    while (world.endpoints.get('H')!.enabled && rounds < 50) {
      await dispatcher.runOnce();
      clock.advance(5_000);
      rounds += 1;
    }
    await dispatcher.stop();
    const endpoint = world.endpoints.get('H')!;
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'no answer within 300 ms' });
    // 1 s, then 5 s apart, until a minute of failures: 13 attempts at h1, none at h2.
    expect(world.rows[0]!.attempts).toBe(13);
    expect(received.every((entry) => entry.id === 'h1')).toBe(true);
  });

  it('sends again, with the same event id, what a worker killed mid-attempt had leased, once the lease runs out', async () => {
    const clock = manualClock(new Date());
    const world = memoryQueue();
    world.endpoint('A', `${base}/a`);
    world.enqueue('A', 'a1');
    // A worker that claimed a1 and died before recording anything.
    const now = clock.now();
    expect(await world.queue.claimDue(now, new Date(now.getTime() + 2 * schedule.attemptTimeoutMs + 5_000), 10)).toHaveLength(1);
    const dispatcher = createDispatcher({ queue: world.queue, sender: createSender({ policy: dev, timeoutMs: 5_000 }), schedule, clock, logger });
    expect(await dispatcher.runOnce()).toBe(0);
    clock.advance(2 * schedule.attemptTimeoutMs + 5_000);
    expect(await dispatcher.runOnce()).toBe(1);
    await dispatcher.stop();
    expect(received.map((entry) => entry.id)).toEqual(['a1']);
    expect(world.rows[0]).toMatchObject({ delivered: true, attempts: 1 });
  });

  it('runs on its own once started, woken by a commit, and stops cleanly', async () => {
    const world = memoryQueue();
    world.endpoint('A', `${base}/a`);
    const dispatcher = createDispatcher({ queue: world.queue, sender: createSender({ policy: dev, timeoutMs: 5_000 }), schedule, clock: { now: () => new Date() }, logger, pollMs: 60_000 });
    dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    world.enqueue('A', 'a1');
    dispatcher.wake();
    const deadline = Date.now() + 5_000;
    while (!world.rows[0]!.delivered && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.stop();
    expect(received.map((entry) => entry.id)).toEqual(['a1']);
    // Stopped again (a service stopped twice): nothing more to close, no error.
    await expect(dispatcher.stop()).resolves.toBeUndefined();
  });
});
