/**
 * The delivery worker. Deliveries are rows the write that caused them committed (the outbox), so
 * a webhook goes out if and only if its write committed. The worker claims each enabled
 * endpoint's oldest undelivered delivery once it is due (in order per endpoint: a later event
 * waits behind a failing one), leases it so another worker leaves it alone, sends it, and records
 * the outcome. A worker killed mid-attempt leaves a lease that runs out, and the delivery is sent
 * again with the same event id: at least once, deduplicated by the receiver on `webhook-id`.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { poller } from '../poller.ts';
import { afterFailure, type AfterFailure, type RetrySchedule } from './schedule.ts';
import type { Sender } from './send.ts';

export interface DueDelivery {
  id: string;
  endpointId: string;
  url: string;
  /** The endpoint's secret, and the previous one while a rotation's grace period lasts. */
  secrets: readonly string[];
  /** The event's id: the same on every attempt, what receivers dedupe on. */
  eventId: string;
  body: string;
  /** Attempts made before this one. */
  attempts: number;
  /** When the endpoint's current run of failures began; null when its last attempt succeeded. */
  failingSince: Date | null;
}

export interface AttemptRecord {
  at: Date;
  status: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryQueue {
  /**
   * Up to `limit` deliveries whose turn it is at `now` (each the oldest undelivered delivery of an
   * enabled endpoint, due, and not leased past `now`), leased until `leaseUntil`.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]>;
  /** Answered 2xx: delivered, and the endpoint's run of failures is over. */
  markDelivered(id: string, attempt: AttemptRecord): Promise<void>;
  /** Failed: tried again at `next.at`, or the endpoint is disabled (with the attempt's error as the reason). */
  markFailed(id: string, attempt: AttemptRecord, next: AfterFailure): Promise<void>;
  /**
   * Deletes deliveries delivered before `before`, oldest first, at most `limit` per endpoint;
   * answers how many went. Undelivered ones stay, however old.
   */
  pruneDelivered(before: Date, limit: number): Promise<number>;
}

/** How long delivered deliveries are kept, and how often the worker prunes older ones. */
export interface Retention {
  keepMs: number;
  everyMs: number;
}

export interface DispatcherOptions {
  queue: DeliveryQueue;
  sender: Sender;
  schedule: RetrySchedule;
  clock: Clock;
  logger: Logger;
  /** Deliveries attempted at once (each to a different endpoint). */
  batchSize?: number;
  /** How often to look for due deliveries when nothing woke the worker. */
  pollMs?: number;
  /** Delivered deliveries older than this are pruned by the worker; kept for ever when absent. */
  retention?: Retention;
}

export interface Dispatcher {
  /** Claims and attempts one batch; resolves to how many were attempted. */
  runOnce(): Promise<number>;
  /** Runs batches until stopped: at once while there is work, else every `pollMs` or on `wake()`. */
  start(): void;
  /** A write just committed deliveries: look now rather than at the next poll. */
  wake(): void;
  /** Stops looking, waits for the attempts in flight, and closes the sender. */
  stop(): Promise<void>;
}

/** Deliveries deleted per endpoint per turn. */
const PRUNE_BATCH = 500;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { queue, sender, schedule, clock, logger } = options;
  const batchSize = options.batchSize ?? 16;
  const pollMs = options.pollMs ?? 1_000;
  // A lease outlives the longest attempt, so only a dead worker's lease ever runs out.
  const leaseMs = schedule.attemptTimeoutMs * 2 + 5_000;
  const retention = options.retention;
  let pruneAt = 0;

  async function attempt(delivery: DueDelivery): Promise<void> {
    const at = clock.now();
    const outcome = await sender.send({ url: delivery.url, secrets: delivery.secrets, eventId: delivery.eventId, body: delivery.body, at });
    const record: AttemptRecord = { at, status: outcome.status, error: outcome.ok ? null : outcome.error, durationMs: outcome.durationMs };
    if (outcome.ok) {
      await queue.markDelivered(delivery.id, record);
      return;
    }
    const next = afterFailure(schedule, delivery.attempts + 1, delivery.failingSince ?? at, clock.now());
    await queue.markFailed(delivery.id, record, next);
    const fields = { deliveryId: delivery.id, endpointId: delivery.endpointId, eventId: delivery.eventId, attempts: delivery.attempts + 1, status: outcome.status, error: outcome.error };
    if (next.kind === 'disable') logger.warn(fields, 'webhook endpoint disabled: it failed every attempt for the whole window');
    else logger.info({ ...fields, retryAt: next.at.toISOString() }, 'webhook delivery failed; tried again later');
  }

  /**
   * Prunes once `everyMs` has passed since the last prune that finished the backlog; while one
   * endpoint still has a full batch to prune, again at the next turn. Bounded work per turn, so the
   * deliveries beside it never wait behind a year of history.
   */
  async function prune(now: Date): Promise<number> {
    if (!retention || now.getTime() < pruneAt) return 0;
    const pruned = await queue.pruneDelivered(new Date(now.getTime() - retention.keepMs), PRUNE_BATCH);
    if (pruned === 0) pruneAt = now.getTime() + retention.everyMs;
    else logger.info({ pruned, keptDays: retention.keepMs / 86_400_000 }, 'pruned delivered webhook deliveries past their retention');
    return pruned;
  }

  async function runOnce(): Promise<number> {
    const now = clock.now();
    await prune(now).catch((error: unknown) => logger.error({ err: error }, 'delivered webhook deliveries could not be pruned; trying again'));
    const due = await queue.claimDue(now, new Date(now.getTime() + leaseMs), batchSize);
    await Promise.all(
      due.map((delivery) =>
        attempt(delivery).catch((error: unknown) => {
          // The store failed to record it: the lease runs out and the delivery is tried again.
          logger.error({ err: error, deliveryId: delivery.id }, 'webhook delivery outcome not recorded');
        }),
      ),
    );
    return due.length;
  }

  const loop = poller(runOnce, { pollMs, logger, failure: 'webhook deliveries could not be claimed; trying again' });
  // Once: a service stopped twice (a test stopping one, then the whole graph) must not close the sender twice.
  let stopped: Promise<void> | null = null;

  return {
    runOnce,
    start: () => loop.start(),
    wake: () => loop.wake(),
    stop: () =>
      (stopped ??= (async () => {
        await loop.stop();
        await sender.close();
      })()),
  };
}
