import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const PLATFORMS = ['NATIVE', 'SHOPIFY', 'WALMART', 'PRINT_ON_DEMAND'] as const;
export const PRODUCT_STATUSES = ['ACTIVE', 'ARCHIVED'] as const;

export const brands = sqliteTable(
  'brands',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    description: text('description').notNull(),
    platform: text('platform', { enum: PLATFORMS }).notNull(),
    logoUrl: text('logo_url').notNull(),
  },
  (table) => [index('brands_name').on(table.name, table.id)],
);

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Integer minor units of `currency`. */
    priceAmount: integer('price_amount').notNull(),
    currency: text('currency').notNull().default('USD'),
    inventory: integer('inventory').notNull().default(0),
    status: text('status', { enum: PRODUCT_STATUSES }).notNull().default('ACTIVE'),
    /** Basis points (1500 is 15%), so commission arithmetic stays in integers. */
    commissionBps: integer('commission_bps').notNull(),
    imageUrl: text('image_url').notNull(),
    /** The id on the platform a merch feed imported it from; null for native products. */
    externalId: text('external_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    // The store, not the checkout code, is the last guard against overselling.
    check('products_inventory_not_negative', sql`${table.inventory} >= 0`),
    check('products_price_not_negative', sql`${table.priceAmount} >= 0`),
    check('products_commission_bps_range', sql`${table.commissionBps} between 0 and 10000`),
    // A feed import upserts on this; SQLite treats NULLs as distinct, so native products never clash.
    uniqueIndex('products_brand_external').on(table.brandId, table.externalId),
    index('products_status_created').on(table.status, table.createdAt, table.id),
    index('products_brand_status_created').on(table.brandId, table.status, table.createdAt, table.id),
  ],
);

export const catalogs = sqliteTable(
  'catalogs',
  {
    id: text('id').primaryKey(),
    brandId: text('brand_id')
      .notNull()
      .references(() => brands.id),
    name: text('name').notNull(),
    description: text('description').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('catalogs_brand_created').on(table.brandId, table.createdAt)],
);

export const catalogProducts = sqliteTable(
  'catalog_products',
  {
    catalogId: text('catalog_id')
      .notNull()
      .references(() => catalogs.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.catalogId, table.productId] }),
    index('catalog_products_position').on(table.catalogId, table.position),
  ],
);

/** Catalogs a creator carries. `creatorId` belongs to the users subgraph, so it has no foreign key here. */
export const creatorCatalogs = sqliteTable(
  'creator_catalogs',
  {
    creatorId: text('creator_id').notNull(),
    catalogId: text('catalog_id')
      .notNull()
      .references(() => catalogs.id),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.creatorId, table.catalogId] }),
    index('creator_catalogs_position').on(table.creatorId, table.position),
  ],
);

/** A creator's showcase; a product appears at most once in it. */
export const showcaseItems = sqliteTable(
  'showcase_items',
  {
    creatorId: text('creator_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.creatorId, table.productId] }),
    index('showcase_items_position').on(table.creatorId, table.position),
  ],
);

/** Products tagged in a video (owned by content, hence no foreign key on `videoId`). */
export const videoProducts = sqliteTable(
  'video_products',
  {
    videoId: text('video_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.videoId, table.productId] }),
    index('video_products_position').on(table.videoId, table.position),
  ],
);

/** The live-shopping overlay: products pinned on a stream (owned by content). */
export const liveStreamPins = sqliteTable(
  'live_stream_pins',
  {
    liveStreamId: text('live_stream_id').notNull(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    position: integer('position').notNull(),
    pinnedAt: integer('pinned_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.liveStreamId, table.productId] }),
    index('live_stream_pins_position').on(table.liveStreamId, table.position),
  ],
);

export type BrandRow = typeof brands.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
export type CatalogRow = typeof catalogs.$inferSelect;

/** An entity another subgraph owns: commerce knows its id and nothing else. */
export interface EntityRef {
  id: string;
}

export const schema = { brands, products, catalogs, catalogProducts, creatorCatalogs, showcaseItems, videoProducts, liveStreamPins };
