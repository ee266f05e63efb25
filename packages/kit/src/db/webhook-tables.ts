/**
 * The tables of partner webhooks (`../webhooks/`), for the store of the subgraph whose partners
 * subscribe (commerce): endpoints, which topics each hears, and the deliveries its writes commit.
 * Not part of `kitTables`: a subgraph spreads `webhookTables(c)` only when it sends webhooks.
 *
 * An endpoint keeps its own queue position (`lastSeq` given out, `deliveredThrough`), so the
 * head of its queue is one row by key, and `headDueAt` (when that head is due; null when the
 * queue is empty or the endpoint disabled) is what the worker claims by, through one index:
 * nothing a claim reads grows with the deliveries behind it.
 */
import type { Columns } from './tables.ts';

export function webhookTables(c: Columns) {
  const webhookEndpoints = c.table(
    'webhook_endpoints',
    {
      id: c.text('id').primaryKey(),
      /** The partner (a brand) whose events it hears. */
      ownerId: c.text('owner_id').notNull(),
      url: c.text('url').notNull(),
      description: c.text('description').notNull().default(''),
      secret: c.text('secret').notNull(),
      /** The secret before the last rotation, still signing until `previousSecretUntil`. */
      previousSecret: c.text('previous_secret'),
      previousSecretUntil: c.time('previous_secret_until'),
      enabled: c.flag('enabled').notNull(),
      disabledReason: c.text('disabled_reason'),
      disabledAt: c.time('disabled_at'),
      /** When its current run of failed attempts began; null after a success. */
      failingSince: c.time('failing_since'),
      lastSeq: c.int('last_seq').notNull().default(0),
      deliveredThrough: c.int('delivered_through').notNull().default(0),
      headDueAt: c.time('head_due_at'),
      leasedUntil: c.time('leased_until'),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.index('webhook_endpoints_owner').on(table.ownerId, table.createdAt, table.id), c.index('webhook_endpoints_head_due').on(table.headDueAt)],
  );

  /** One row per endpoint and topic it hears, found by the owner and topic an event has. */
  const webhookSubscriptions = c.table(
    'webhook_subscriptions',
    {
      ownerId: c.text('owner_id').notNull(),
      topic: c.text('topic').notNull(),
      endpointId: c.text('endpoint_id').notNull(),
    },
    (table) => [c.primaryKey({ columns: [table.ownerId, table.topic, table.endpointId] }), c.index('webhook_subscriptions_endpoint').on(table.endpointId, table.topic)],
  );

  const webhookDeliveries = c.table(
    'webhook_deliveries',
    {
      id: c.text('id').primaryKey(),
      endpointId: c.text('endpoint_id').notNull(),
      /** Its place in the endpoint's queue, 1, 2, …: delivered in this order. */
      seq: c.int('seq').notNull(),
      /** The event's id: the same on every attempt and on a replay, what receivers dedupe on. */
      eventId: c.text('event_id').notNull(),
      topic: c.text('topic').notNull(),
      /** The exact bytes signed and sent. */
      body: c.text('body').notNull(),
      /** PENDING until answered 2xx, then DELIVERED. */
      status: c.text('status', { enum: ['PENDING', 'DELIVERED'] }).notNull(),
      attempts: c.count('attempts').notNull().default(0),
      nextAttemptAt: c.time('next_attempt_at').notNull(),
      lastAttemptAt: c.time('last_attempt_at'),
      lastStatusCode: c.int('last_status_code'),
      lastError: c.text('last_error'),
      deliveredAt: c.time('delivered_at'),
      createdAt: c.time('created_at').notNull(),
    },
    (table) => [c.uniqueIndex('webhook_deliveries_endpoint_seq').on(table.endpointId, table.seq)],
  );

  return { webhookEndpoints, webhookSubscriptions, webhookDeliveries };
}

export type WebhookTables = ReturnType<typeof webhookTables>;
