import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Partner API keys. Only a hash of each secret is kept; the secret is shown once, at creation. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    /** The brand (commerce `Brand.id`) the key acts for. */
    partnerId: text('partner_id').notNull(),
    name: text('name').notNull(),
    /** JSON array of scope strings. */
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    /** SHA-256 of the secret: secrets are 256 random bits, so a slow hash would add nothing. */
    secretHash: text('secret_hash').notNull(),
    /** The rate-limit tier (see the gateway's cost config): standard, plus or enterprise. */
    tier: text('tier').notNull().default('standard'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('api_keys_partner').on(table.partnerId)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export const schema = { apiKeys };
