/**
 * The rules of brands and their products, in one place.
 *
 * - Brands list by name; products on sale list newest first, optionally of one brand (an unknown
 *   brand is NOT_FOUND, not an empty list).
 * - A partner key acts for one brand (partners.ts): it edits only that brand's products
 *   (`catalog:write`), and reads them all, archived ones included, and finds one by the external
 *   id a feed gave it (`catalog:read` or `catalog:write`).
 * - A product's fields have one set of bounds, for a partner's edit and for a merch feed's items
 *   alike: title 1 to 200 characters (trimmed), description at most 5,000, price 0 to
 *   10,000,000 minor units, inventory 0 to 1,000,000.
 */
import { requirePartnerOf } from '@app/kit/access';
import { badInput, notFound } from '@app/kit/errors';
import { loadOrNotFound } from '@app/kit/loaders';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { ProductChanges } from './db/contract.ts';
import type { BrandRow, ProductRow } from './mappers.ts';
import { CREATED_PAGING } from './pages.ts';
import { tellStockChanged } from './webhookEvents.ts';

/** Brands list by `[name, id]`, either way. */
export const BRAND_PAGING: ListPaging<BrandRow> = { arity: 2, keyOf: (row) => [row.name, row.id] };

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5_000;
export const PRICE_MAX = 10_000_000;
export const INVENTORY_MAX = 1_000_000;

export function loadBrand(context: Context, id: string): Promise<BrandRow> {
  return loadOrNotFound(context.loaders.brandById, 'Brand', id);
}

export function loadProduct(context: Context, id: string): Promise<ProductRow> {
  return loadOrNotFound(context.loaders.productById, 'Product', id);
}

/** A brand's own products, newest first, archived ones too unless `status` keeps one status: its own keys only. */
export async function brandCatalog(context: Context, brandId: string, args: PageArgs & { status?: ProductRow['status'] | null }) {
  requirePartnerOf(context.viewer, brandId);
  return connectionOf(args, CREATED_PAGING as ListPaging<ProductRow>, async (page) => primed(context, await context.store.brandCatalogPage(brandId, page, args.status ?? null)));
}

/** The brand's product a feed imported under `externalId`, or null: its own keys only. */
export async function productByExternalId(context: Context, brandId: string, externalId: string): Promise<ProductRow | null> {
  requirePartnerOf(context.viewer, brandId);
  return (await context.store.productByExternalId(brandId, externalId)) ?? null;
}

export async function brandsPage(context: Context, args: PageArgs) {
  return connectionOf(args, BRAND_PAGING, async (page) => {
    const rows = await context.store.brandsPage(page);
    for (const row of rows) context.loaders.brandById.prime(row.id, row);
    return rows;
  });
}

export async function productsOnSale(context: Context, args: PageArgs & { brandId?: string | null }) {
  return connectionOf(args, CREATED_PAGING as ListPaging<ProductRow>, async (page) => {
    if (args.brandId != null) await loadBrand(context, args.brandId);
    return primed(context, await context.store.activeProductsPage(page, args.brandId ?? undefined));
  });
}

function primed(context: Context, rows: ProductRow[]): ProductRow[] {
  for (const row of rows) context.loaders.productById.prime(row.id, row);
  return rows;
}

/*
 * Each bound refuses with BAD_USER_INPUT naming its `field`; a feed reports the same refusal as
 * its item's error.
 */

function wholeNumberIn(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be a whole number from ${min} to ${max}.`, { field });
  return value;
}

export function productTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length < 1 || trimmed.length > TITLE_MAX) throw badInput(`title must be 1 to ${TITLE_MAX} characters.`, { field: 'title' });
  return trimmed;
}

export function productDescription(description: string): string {
  if (description.length > DESCRIPTION_MAX) throw badInput(`description must be at most ${DESCRIPTION_MAX} characters.`, { field: 'description' });
  return description;
}

export const productPrice = (amount: number) => wholeNumberIn(amount, 0, PRICE_MAX, 'priceAmount');

export const productInventory = (units: number) => wholeNumberIn(units, 0, INVENTORY_MAX, 'inventory');

export interface ProductEdit {
  id: string;
  title?: string | null;
  description?: string | null;
  priceAmount?: number | null;
  inventory?: number | null;
  status?: 'ACTIVE' | 'ARCHIVED' | null;
}

/** Validates a partner's product edit before anything is written; bad input changes nothing. */
function productChanges(input: ProductEdit): ProductChanges {
  const changes: ProductChanges = {};
  if (input.title != null) changes.title = productTitle(input.title);
  if (input.description != null) changes.description = productDescription(input.description);
  if (input.priceAmount != null) changes.priceAmount = productPrice(input.priceAmount);
  if (input.inventory != null) changes.inventory = productInventory(input.inventory);
  if (input.status != null) changes.status = input.status;
  if (Object.keys(changes).length === 0) throw badInput('Give at least one field to change.');
  return changes;
}

/**
 * A partner edits one of its own brand's products. Ownership is checked on the row the update
 * changes, in the same transaction.
 */
export async function updateProduct(context: Context, input: ProductEdit): Promise<ProductRow> {
  const changes = productChanges(input);
  return context.store.transaction(async (tx) => {
    const [product] = await tx.productsByIds([input.id]);
    if (!product) throw notFound('Product', input.id);
    requirePartnerOf(context.viewer, product.brandId);
    const updated = await tx.updateProduct(input.id, changes);
    if (!updated) throw notFound('Product', input.id);
    await tellStockChanged(tx, updated, product.inventory, updated.inventory, context.clock.now());
    context.changed('Product', input.id);
    // On sale or not: the brand's list, and the lists of products on sale, changed.
    if (changes.status !== undefined) {
      context.changed('Brand', product.brandId);
      context.changed('Product');
    }
    return updated;
  });
}
