/**
 * The gateway's own tables, described once for both engines (`@app/kit/db/tables`): partner API
 * keys. What only replicas share on Postgres is in `replica-tables.ts`.
 */
import { defineTables } from '@app/kit/db/tables';

export const gatewayTables = defineTables((c) => ({
  /** Partner API keys. Only a hash of each secret is kept; the secret is shown once, at creation. */
  apiKeys: c.table(
    'api_keys',
    {
      id: c.text('id').primaryKey(),
      /** The brand (commerce `Brand.id`) the key acts for. */
      partnerId: c.text('partner_id').notNull(),
      name: c.text('name').notNull(),
      /** JSON array of scope strings. */
      scopes: c.json('scopes').$type<string[]>().notNull(),
      /** SHA-256 of the secret: secrets are 256 random bits, so a slow hash would add nothing. */
      secretHash: c.text('secret_hash').notNull(),
      /** The rate-limit tier (see the gateway's cost config): standard, plus or enterprise. */
      tier: c.text('tier').notNull().default('standard'),
      createdAt: c.time('created_at').notNull(),
      expiresAt: c.time('expires_at'),
      revokedAt: c.time('revoked_at'),
    },
    (table) => [c.index('api_keys_partner').on(table.partnerId)],
  ),
}));

export type GatewayTables = typeof gatewayTables.sqlite;

// The SQLite tables by name, for drizzle-kit.
export const { apiKeys } = gatewayTables.sqlite;

export type ApiKeyRow = typeof apiKeys.$inferSelect;
