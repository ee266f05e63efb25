/** The gateway's store on Postgres (`GATEWAY_DATABASE_URL`): the partner keys of `../schema.ts`, and the rate-limit buckets replicas share. */
import { boolean, doublePrecision, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    name: text('name').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    secretHash: text('secret_hash').notNull(),
    tier: text('tier').notNull().default('standard'),
    createdAt: timestamp('created_at', { mode: 'date', precision: 3 }).notNull(),
    expiresAt: timestamp('expires_at', { mode: 'date', precision: 3 }),
    revokedAt: timestamp('revoked_at', { mode: 'date', precision: 3 }),
  },
  (table) => [index('api_keys_partner').on(table.partnerId)],
);

/**
 * One leaky bucket per caller (`rate-limit.ts`), shared by every gateway replica. Times are
 * epoch milliseconds as the gateway's clock gives them; `full_at` is when the bucket will have
 * refilled, after which the row carries nothing a fresh bucket would not.
 */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    id: text('id').primaryKey(),
    available: doublePrecision('available').notNull(),
    updatedAt: doublePrecision('updated_at').notNull(),
    fullAt: doublePrecision('full_at').notNull(),
    /** Whether the last take fitted: what the one statement that takes answers. */
    allowed: boolean('allowed').notNull(),
  },
  (table) => [index('rate_limit_buckets_full_at').on(table.fullAt)],
);

export const schema = { apiKeys, rateLimitBuckets };
