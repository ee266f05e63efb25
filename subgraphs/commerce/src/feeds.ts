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
 * - Items are checked against the same bounds as a partner's product edit (products.ts).
 * - 5,000 items import in well under a second: one read of the brand's imported products, then
 *   statements prepared once and run per slice of new or changed products.
 */
import { GraphQLError } from 'graphql';
import { requirePartnerOf } from '@app/kit/access';
import { badInput, notFound } from '@app/kit/errors';
import { newId } from '@app/kit/ids';
import { rateToBps } from './commission.ts';
import type { Context } from './context.ts';
import type { ImportedProduct, NewFeedProduct } from './db/contract.ts';
import { productDescription, productInventory, productPrice, productTitle } from './products.ts';
import { tellStockChanged } from './webhookEvents.ts';

export const MAX_FEED_ITEMS = 10_000;
const EXTERNAL_ID_MAX = 200;
const IMAGE_URL_MAX = 2_000;
/** What a new imported product pays creators when its feed does not say. */
export const DEFAULT_FEED_COMMISSION_BPS = 1_000;
/** The one currency sold for now. */
const CURRENCY = 'USD';

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

/** Runs one of a product field's own checks (products.ts, commission.ts), its refusal becoming the item's error. */
function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof GraphQLError && typeof error.extensions.field === 'string') throw new ItemError(error.extensions.field, error.message);
    throw error;
  }
}

function validItem(item: FeedItem, index: number): ValidItem {
  const externalId = item.externalId.trim();
  if (externalId.length < 1 || externalId.length > EXTERNAL_ID_MAX) throw new ItemError('externalId', `externalId must be 1 to ${EXTERNAL_ID_MAX} characters.`);
  const title = checked(() => productTitle(item.title));
  const description = item.description == null ? undefined : checked(() => productDescription(item.description as string));
  const currency = (item.currencyCode ?? CURRENCY).trim().toUpperCase();
  if (currency !== CURRENCY) throw new ItemError('currencyCode', `Only ${CURRENCY} is sold for now, got ${JSON.stringify(item.currencyCode)}.`);
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
  const commissionBps = item.commissionRate == null ? undefined : checked(() => rateToBps(item.commissionRate as number, 'commissionRate'));
  return {
    index,
    externalId,
    title,
    description,
    priceAmount: checked(() => productPrice(item.priceAmount)),
    inventory: checked(() => productInventory(item.inventory)),
    status: item.status,
    imageUrl,
    commissionBps,
  };
}

/** The columns an item would change on an existing product; empty when it is identical. */
function changesTo(existing: ImportedProduct, item: ValidItem): Partial<ImportedProduct> {
  const changes: Partial<ImportedProduct> = {};
  if (existing.title !== item.title) changes.title = item.title;
  if (item.description !== undefined && existing.description !== item.description) changes.description = item.description;
  if (existing.priceAmount !== item.priceAmount) changes.priceAmount = item.priceAmount;
  if (existing.currency !== CURRENCY) changes.currency = CURRENCY;
  if (existing.inventory !== item.inventory) changes.inventory = item.inventory;
  if (existing.status !== item.status) changes.status = item.status;
  if (item.imageUrl !== undefined && existing.imageUrl !== item.imageUrl) changes.imageUrl = item.imageUrl;
  if (item.commissionBps !== undefined && existing.commissionBps !== item.commissionBps) changes.commissionBps = item.commissionBps;
  return changes;
}

/** A product an item brings in for the first time. */
function newProduct(brandId: string, item: ValidItem, now: Date): NewFeedProduct {
  const id = newId('prd');
  return {
    id,
    brandId,
    externalId: item.externalId,
    title: item.title,
    description: item.description ?? '',
    priceAmount: item.priceAmount,
    currency: CURRENCY,
    inventory: item.inventory,
    status: item.status,
    commissionBps: item.commissionBps ?? DEFAULT_FEED_COMMISSION_BPS,
    imageUrl: item.imageUrl ?? `https://cdn.example.com/p/${id}.jpg`,
    createdAt: now,
  };
}

/** Imports a feed into the calling partner's own brand. */
export async function importProductFeed(context: Context, brandId: string, feed: Feed): Promise<FeedResult> {
  const now = context.clock.now();
  requirePartnerOf(context.viewer, brandId);
  if (feed.items.length > MAX_FEED_ITEMS) throw badInput(`A feed has at most ${MAX_FEED_ITEMS} items; split it into PARTIAL imports.`, { field: 'items', max: MAX_FEED_ITEMS });

  const errors: FeedItemError[] = [];
  const valid: ValidItem[] = [];
  const firstIndex = new Map<string, number>();
  // Every item named in the feed, valid or not: FULL mode archives only what the feed left out.
  const named = new Set<string>();
  feed.items.forEach((item, index) => {
    named.add(item.externalId.trim());
    try {
      const checkedItem = validItem(item, index);
      const earlier = firstIndex.get(checkedItem.externalId);
      if (earlier !== undefined) throw new ItemError('externalId', `externalId repeats the item at index ${earlier}.`);
      firstIndex.set(checkedItem.externalId, index);
      valid.push(checkedItem);
    } catch (error) {
      if (!(error instanceof ItemError)) throw error;
      errors.push({ index, externalId: item.externalId, field: error.field, reason: error.message });
    }
  });

  return context.store.transaction(async (tx) => {
    const [brand] = await tx.brandsByIds([brandId]);
    if (!brand) throw notFound('Brand', brandId);
    const existing = new Map((await tx.importedProducts(brandId)).map((row) => [row.externalId as string, row]));
    const inserts: NewFeedProduct[] = [];
    const updates: ImportedProduct[] = [];
    let unchanged = 0;
    for (const item of valid) {
      const current = existing.get(item.externalId);
      if (!current) {
        inserts.push(newProduct(brandId, item, now));
        continue;
      }
      const changes = changesTo(current, item);
      if (Object.keys(changes).length === 0) unchanged++;
      else updates.push({ ...current, ...changes });
    }
    await tx.updateImportedProducts(updates);
    await tx.insertProducts(inserts);
    for (const row of updates) await tellStockChanged(tx, { ...row, brandId }, (existing.get(row.externalId as string) as ImportedProduct).inventory, row.inventory, now);
    context.changed('Product', updates.map((row) => row.id));
    let archived = 0;
    if (feed.mode === 'FULL') {
      const missing = [...existing.values()].filter((row) => row.status === 'ACTIVE' && !named.has(row.externalId as string)).map((row) => row.id);
      archived = await tx.archiveProducts(missing);
      context.changed('Product', missing);
    }
    // Products joined or left the brand's list and the lists of products on sale.
    context.changed('Brand', brandId);
    context.changed('Product');
    return { created: inserts.length, updated: updates.length, unchanged, archived, failed: errors.length, errors };
  });
}
