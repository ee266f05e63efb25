/**
 * The statements of partner webhooks (`webhook-tables.ts`), written once for both engines. A
 * write that has something to tell partners calls `enqueueWebhookEvent` inside its own
 * transaction (the transactional outbox: a delivery exists if and only if the write committed);
 * the worker (`../webhooks/dispatcher.ts`) drains the queues through `webhookQueueOf`.
 */
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Page } from '../pagination.ts';
import type { Transactional } from '../store.ts';
import type { AttemptRecord, DeliveryQueue, DueDelivery } from '../webhooks/dispatcher.ts';
import type { AfterFailure } from '../webhooks/schedule.ts';
import type { Engine } from './engine.ts';
import { keysetPage, type Owned } from './shapes.ts';
import type { WebhookTables } from './webhook-tables.ts';

export type WebhookEndpointRow = WebhookTables['webhookEndpoints']['$inferSelect'];
export type WebhookDeliveryRow = WebhookTables['webhookDeliveries']['$inferSelect'];

export interface NewWebhookEndpoint {
  id: string;
  ownerId: string;
  url: string;
  description: string;
  secret: string;
  topics: readonly string[];
  createdAt: Date;
}

export interface WebhookEvent {
  ownerId: string;
  topic: string;
  eventId: string;
  body: string;
}

/**
 * The LIVE bus topic a commit that queued a due delivery announces (`Engine.announce`: this
 * process's bus on SQLite, `pg_notify` to every replica on Postgres), so a worker listening on it
 * sends at once instead of at its next poll.
 */
export const WEBHOOK_QUEUE_TOPIC = 'webhooks:queued';

export function webhookStatements(engine: Engine<WebhookTables>) {
  const {
    db,
    tables: { webhookEndpoints: endpoints, webhookSubscriptions: subscriptions, webhookDeliveries: deliveries },
  } = engine;
  const endpointById = async (id: string): Promise<WebhookEndpointRow | undefined> => (await db.select().from(endpoints).where(eq(endpoints.id, id)))[0];

  /** Puts one event at the tail of one endpoint's queue; due at once when it is the head. */
  const append = async (endpoint: Pick<WebhookEndpointRow, 'id' | 'lastSeq' | 'enabled' | 'headDueAt'>, event: Omit<WebhookEvent, 'ownerId'>, at: Date, id: string): Promise<WebhookDeliveryRow> => {
    const seq = endpoint.lastSeq + 1;
    const becomesDue = endpoint.enabled && endpoint.headDueAt === null;
    await db
      .update(endpoints)
      .set({ lastSeq: seq, ...(becomesDue ? { headDueAt: at } : {}) })
      .where(eq(endpoints.id, endpoint.id));
    const row: WebhookDeliveryRow = { id, endpointId: endpoint.id, seq, eventId: event.eventId, topic: event.topic, body: event.body, status: 'PENDING', attempts: 0, nextAttemptAt: at, lastAttemptAt: null, lastStatusCode: null, lastError: null, deliveredAt: null, createdAt: at };
    await db.insert(deliveries).values(row);
    return row;
  };

  const setTopics = async (endpointId: string, ownerId: string, topics: readonly string[]): Promise<void> => {
    await db.delete(subscriptions).where(eq(subscriptions.endpointId, endpointId));
    const unique = [...new Set(topics)];
    if (unique.length) await db.insert(subscriptions).values(unique.map((topic) => ({ ownerId, topic, endpointId })));
  };

  return {
    createWebhookEndpoint: async (endpoint: NewWebhookEndpoint): Promise<void> => {
      const { topics, ...row } = endpoint;
      await db.insert(endpoints).values({ ...row, enabled: true });
      await setTopics(endpoint.id, endpoint.ownerId, topics);
    },
    webhookEndpoint: endpointById,
    /** The topics each of many endpoints hears, in topic order, one statement (`ownerId` is the endpoint's id). */
    webhookTopicLists: async (endpointIds: readonly string[]): Promise<Owned<string>[]> =>
      endpointIds.length === 0
        ? []
        : (
            await db
              .select({ endpointId: subscriptions.endpointId, topic: subscriptions.topic })
              .from(subscriptions)
              .where(inArray(subscriptions.endpointId, [...endpointIds]))
              .orderBy(asc(subscriptions.endpointId), asc(subscriptions.topic))
          ).map((row) => ({ ownerId: row.endpointId, node: row.topic })),
    /** An owner's endpoints, oldest first (an owner has a handful: the domain caps them). */
    webhookEndpointsOf: async (ownerId: string): Promise<WebhookEndpointRow[]> =>
      db.select().from(endpoints).where(eq(endpoints.ownerId, ownerId)).orderBy(asc(endpoints.createdAt), asc(endpoints.id)),
    setWebhookEndpointTopics: setTopics,
    updateWebhookEndpoint: async (id: string, patch: Partial<Pick<WebhookEndpointRow, 'url' | 'description' | 'secret' | 'previousSecret' | 'previousSecretUntil'>>): Promise<void> => {
      await db.update(endpoints).set(patch).where(eq(endpoints.id, id));
    },
    /** Stops deliveries (kept, in order) until it is enabled again. */
    disableWebhookEndpoint: async (id: string, reason: string, at: Date): Promise<void> => {
      await db.update(endpoints).set({ enabled: false, disabledReason: reason, disabledAt: at, headDueAt: null, leasedUntil: null }).where(eq(endpoints.id, id));
    },
    /** Enabled again: what waits in its queue is tried at once, its head first. */
    enableWebhookEndpoint: async (id: string, at: Date): Promise<void> => {
      const endpoint = await endpointById(id);
      if (!endpoint || endpoint.enabled) return;
      const waiting = endpoint.lastSeq > endpoint.deliveredThrough;
      await db.update(endpoints).set({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null, headDueAt: waiting ? at : null }).where(eq(endpoints.id, id));
      if (!waiting) return;
      await db.update(deliveries).set({ nextAttemptAt: at }).where(and(eq(deliveries.endpointId, id), eq(deliveries.seq, endpoint.deliveredThrough + 1)));
      await engine.announce(WEBHOOK_QUEUE_TOPIC);
    },
    deleteWebhookEndpoint: async (id: string): Promise<void> => {
      await db.delete(subscriptions).where(eq(subscriptions.endpointId, id));
      await db.delete(deliveries).where(eq(deliveries.endpointId, id));
      await db.delete(endpoints).where(eq(endpoints.id, id));
    },

    /**
     * Call inside the write's transaction: one delivery per endpoint of the owner that hears the
     * topic (disabled ones too: they keep it for when they are enabled). `newId` names each.
     */
    enqueueWebhookEvent: async (event: WebhookEvent, at: Date, newId: () => string): Promise<number> => {
      const hearing = await db
        .select({ id: endpoints.id, lastSeq: endpoints.lastSeq, enabled: endpoints.enabled, headDueAt: endpoints.headDueAt })
        .from(subscriptions)
        .innerJoin(endpoints, eq(endpoints.id, subscriptions.endpointId))
        .where(and(eq(subscriptions.ownerId, event.ownerId), eq(subscriptions.topic, event.topic)));
      for (const endpoint of hearing) await append(endpoint, event, at, newId());
      if (hearing.some((endpoint) => endpoint.enabled)) await engine.announce(WEBHOOK_QUEUE_TOPIC);
      return hearing.length;
    },

    /** Sends a delivery's event again, with its id, at the tail of its endpoint's queue. */
    replayWebhookDelivery: async (deliveryId: string, at: Date, newId: () => string): Promise<WebhookDeliveryRow | undefined> => {
      const delivery = (await db.select().from(deliveries).where(eq(deliveries.id, deliveryId)))[0];
      if (!delivery) return undefined;
      const endpoint = await endpointById(delivery.endpointId);
      if (!endpoint) return undefined;
      const replayed = await append(endpoint, { topic: delivery.topic, eventId: delivery.eventId, body: delivery.body }, at, newId());
      if (endpoint.enabled) await engine.announce(WEBHOOK_QUEUE_TOPIC);
      return replayed;
    },

    webhookDelivery: async (id: string): Promise<WebhookDeliveryRow | undefined> => (await db.select().from(deliveries).where(eq(deliveries.id, id)))[0],
    /**
     * One page of an endpoint's deliveries, newest first by `seq` (the cursor), with one extra row
     * to tell whether more follow; a `last`/`before` page walks the same index back.
     */
    webhookDeliveriesPage: async (endpointId: string, page: Page): Promise<WebhookDeliveryRow[]> => {
      const { where, orderBy } = keysetPage(engine, [deliveries.seq], 'desc', page);
      return db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.endpointId, endpointId), where))
        .orderBy(...orderBy)
        .limit(page.first + 1);
    },

    /** Endpoints after `afterId` in id order, with how far each is delivered: what pruning walks, a page at a time. */
    webhookEndpointsDeliveredAfter: async (afterId: string, limit: number): Promise<Pick<WebhookEndpointRow, 'id' | 'deliveredThrough'>[]> =>
      db.select({ id: endpoints.id, deliveredThrough: endpoints.deliveredThrough }).from(endpoints).where(gt(endpoints.id, afterId)).orderBy(asc(endpoints.id)).limit(limit),

    /**
     * Deletes up to `limit` of an endpoint's oldest deliveries, those delivered before `before`.
     * Everything up to `deliveredThrough` is delivered, in `seq` order; the walk reads the queue's
     * first `limit` rows and deletes the run of them delivered before `before`, so it stops at the
     * first younger one: it costs the batch, never the endpoint's history. Answers how many went.
     */
    pruneWebhookDeliveries: async (endpoint: Pick<WebhookEndpointRow, 'id' | 'deliveredThrough'>, before: Date, limit: number): Promise<number> => {
      const oldest = await db
        .select({ seq: deliveries.seq, deliveredAt: deliveries.deliveredAt })
        .from(deliveries)
        .where(and(eq(deliveries.endpointId, endpoint.id), lte(deliveries.seq, endpoint.deliveredThrough)))
        .orderBy(asc(deliveries.seq))
        .limit(limit);
      const run = oldest.findIndex((row) => row.deliveredAt === null || row.deliveredAt >= before);
      const prunable = run === -1 ? oldest : oldest.slice(0, run);
      if (prunable.length === 0) return 0;
      await db.delete(deliveries).where(and(eq(deliveries.endpointId, endpoint.id), lte(deliveries.seq, prunable.at(-1)!.seq)));
      return prunable.length;
    },

    /** See `DeliveryQueue.claimDue`; run in a transaction (`webhookQueueOf` does). */
    claimDueWebhookDeliveries: async (now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]> => {
      // Each due endpoint with its head in one read: the head is the row after `delivered_through`.
      const due = await db
        .select({ endpoint: endpoints, head: deliveries })
        .from(endpoints)
        .innerJoin(deliveries, and(eq(deliveries.endpointId, endpoints.id), eq(deliveries.seq, sql`${endpoints.deliveredThrough} + 1`)))
        .where(and(lte(endpoints.headDueAt, now), or(isNull(endpoints.leasedUntil), lte(endpoints.leasedUntil, now))))
        .orderBy(asc(endpoints.headDueAt))
        .limit(limit);
      if (due.length === 0) return [];
      await db
        .update(endpoints)
        .set({ leasedUntil: leaseUntil })
        .where(inArray(endpoints.id, due.map(({ endpoint }) => endpoint.id)));
      return due.map(({ endpoint, head }) => {
        const previous = endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now ? [endpoint.previousSecret] : [];
        return { id: head.id, endpointId: endpoint.id, url: endpoint.url, secrets: [endpoint.secret, ...previous], eventId: head.eventId, body: head.body, attempts: head.attempts, failingSince: endpoint.failingSince };
      });
    },

    markWebhookDelivered: async (deliveryId: string, attempt: AttemptRecord): Promise<void> => {
      const delivery = (await db.select().from(deliveries).where(eq(deliveries.id, deliveryId)))[0];
      if (!delivery || delivery.status === 'DELIVERED') return;
      await db
        .update(deliveries)
        .set({ status: 'DELIVERED', attempts: sql`${deliveries.attempts} + 1`, lastAttemptAt: attempt.at, lastStatusCode: attempt.status, lastError: null, deliveredAt: attempt.at })
        .where(eq(deliveries.id, deliveryId));
      const endpoint = await endpointById(delivery.endpointId);
      if (!endpoint) return;
      const next = (await db.select({ nextAttemptAt: deliveries.nextAttemptAt }).from(deliveries).where(and(eq(deliveries.endpointId, endpoint.id), eq(deliveries.seq, delivery.seq + 1))))[0];
      await db
        .update(endpoints)
        .set({ deliveredThrough: delivery.seq, failingSince: null, leasedUntil: null, headDueAt: endpoint.enabled ? (next?.nextAttemptAt ?? null) : null })
        .where(eq(endpoints.id, endpoint.id));
    },

    markWebhookFailed: async (deliveryId: string, attempt: AttemptRecord, next: AfterFailure): Promise<void> => {
      const delivery = (await db.select().from(deliveries).where(eq(deliveries.id, deliveryId)))[0];
      if (!delivery || delivery.status === 'DELIVERED') return;
      await db
        .update(deliveries)
        .set({ attempts: sql`${deliveries.attempts} + 1`, lastAttemptAt: attempt.at, lastStatusCode: attempt.status, lastError: attempt.error, ...(next.kind === 'retry' ? { nextAttemptAt: next.at } : {}) })
        .where(eq(deliveries.id, deliveryId));
      const endpoint = await endpointById(delivery.endpointId);
      if (!endpoint) return;
      const failingSince = endpoint.failingSince ?? attempt.at;
      if (next.kind === 'disable') {
        const reason = attempt.error ?? (attempt.status === null ? 'no answer' : `answered ${attempt.status}`);
        await db.update(endpoints).set({ failingSince, leasedUntil: null, enabled: false, disabledReason: `Every attempt failed for the whole retry window; the last: ${reason}`, disabledAt: attempt.at, headDueAt: null }).where(eq(endpoints.id, endpoint.id));
        return;
      }
      await db
        .update(endpoints)
        .set({ failingSince, leasedUntil: null, headDueAt: endpoint.enabled ? next.at : null })
        .where(eq(endpoints.id, endpoint.id));
    },
  };
}

export type WebhookStatements = ReturnType<typeof webhookStatements>;

const ENDPOINTS_PER_PRUNE_PAGE = 100;

/** The worker's view of a store with the webhook statements: each step its own transaction. */
export function webhookQueueOf(
  store: Transactional<Pick<WebhookStatements, 'claimDueWebhookDeliveries' | 'markWebhookDelivered' | 'markWebhookFailed' | 'webhookEndpointsDeliveredAfter' | 'pruneWebhookDeliveries'>>,
): DeliveryQueue {
  return {
    async pruneDelivered(before, limit) {
      // Endpoint by endpoint, each its own short transaction; `limit` bounds each endpoint's batch.
      let pruned = 0;
      let afterId = '';
      for (;;) {
        const page = await store.transaction((tx) => tx.webhookEndpointsDeliveredAfter(afterId, ENDPOINTS_PER_PRUNE_PAGE));
        for (const endpoint of page) pruned += await store.transaction((tx) => tx.pruneWebhookDeliveries(endpoint, before, limit));
        if (page.length < ENDPOINTS_PER_PRUNE_PAGE) return pruned;
        afterId = page.at(-1)!.id;
      }
    },
    claimDue: (now, leaseUntil, limit) => store.transaction((tx) => tx.claimDueWebhookDeliveries(now, leaseUntil, limit)),
    markDelivered: (id, attempt) => store.transaction((tx) => tx.markWebhookDelivered(id, attempt)),
    markFailed: (id, attempt, next) => store.transaction((tx) => tx.markWebhookFailed(id, attempt, next)),
  };
}
