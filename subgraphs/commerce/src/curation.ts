/**
 * The rules of showing products, in one place.
 *
 * - Live shopping: only a stream's own creator pins (content says whose stream it is), at most 20
 *   products, never on an ENDED stream. Unpinning is always allowed to that creator. A pin that
 *   adds a product and an unpin that removes one are announced to the stream's viewers
 *   (liveShopping.ts); one that changes nothing is not.
 * - Showcase: a creator (users says who is one) curates up to 100 products of any brands.
 * - Catalogs: a brand's partner key (`catalog:write`) curates its own brand's catalogs, of its
 *   own products, at most 500 a catalog and 100 a call.
 * All three are hand-ordered lists of products on sale, in the order added: a product joins one
 * the same way whichever it is (`addToList`). Adding something already there and removing
 * something absent change nothing.
 */
import type { GraphQLError } from 'graphql';
import { requireOwner, requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { newId } from '@app/kit/ids';
import { loadOrNotFound } from '@app/kit/loaders';
import type { Context } from './context.ts';
import type { CatalogRow } from './db/schema.ts';
import type { CommerceTx } from './db/store.ts';
import type { ProductListName } from './db/writes.ts';
import { fetchLiveStream, signedInCreatorId, type LiveStreamFacts } from './facts.ts';
import { announcePinned, announceUnpinned } from './liveShopping.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';

export const MAX_PINNED = 20;
export const MAX_SHOWCASE = 100;
export const MAX_CATALOG_PRODUCTS = 500;
export const MAX_PRODUCTS_PER_CALL = 100;
const NAME_MAX = 100;
const CATALOG_DESCRIPTION_MAX = 1_000;

/** A hand-ordered list of products and what bounds it. */
interface ProductList {
  name: ProductListName;
  max: number;
  /** The refusal when adding would take the list past `max`. */
  full: () => GraphQLError;
  /** Why an archived product is refused. */
  offSale: string;
  /** Only this brand's products may join (a catalog's). */
  brandId?: string;
}

const pins: ProductList = {
  name: 'pins',
  max: MAX_PINNED,
  full: () => refuse(Refusal.PIN_LIMIT_REACHED, `A stream shows at most ${MAX_PINNED} pinned products; unpin one first.`, { max: MAX_PINNED }),
  offSale: 'Only products on sale can be shown.',
};

const showcase: ProductList = {
  name: 'showcase',
  max: MAX_SHOWCASE,
  full: () => refuse(Refusal.SHOWCASE_FULL, `A showcase holds at most ${MAX_SHOWCASE} products; remove one first.`, { max: MAX_SHOWCASE }),
  offSale: 'Only products on sale can be shown.',
};

const catalogOf = (brandId: string): ProductList => ({
  name: 'catalog',
  max: MAX_CATALOG_PRODUCTS,
  full: () => refuse(Refusal.CATALOG_FULL, `A catalog holds at most ${MAX_CATALOG_PRODUCTS} products.`, { max: MAX_CATALOG_PRODUCTS }),
  offSale: 'Only products on sale can be added.',
  brandId,
});

/**
 * Appends products to one owner's list, after those it holds, skipping any already there. Every
 * product must exist, be on sale (and be the list's brand's); the list must have room for the
 * new ones. Either all join or none. Answers the products that joined.
 */
async function addToList(tx: CommerceTx, list: ProductList, ownerId: string, productIds: readonly string[], now: Date): Promise<string[]> {
  if (productIds.length === 0) return [];
  const found = new Map((await tx.productsByIds(productIds)).map((row) => [row.id, row]));
  for (const productId of productIds) {
    const product = found.get(productId);
    if (!product) throw notFound('Product', productId);
    if (list.brandId !== undefined && product.brandId !== list.brandId) throw refuse(Refusal.PRODUCT_OF_ANOTHER_BRAND, "A catalog holds only its brand's own products.", { productId });
    if (product.status !== 'ACTIVE') throw refuse(Refusal.PRODUCT_NOT_AVAILABLE, list.offSale, { productId });
  }
  const current = await tx.listedProducts(list.name, ownerId);
  const present = new Set(current.map((item) => item.productId));
  const added = productIds.filter((id) => !present.has(id));
  if (current.length + added.length > list.max) throw list.full();
  const start = current.length ? Math.max(...current.map((item) => item.position)) + 1 : 0;
  await tx.appendToList(
    list.name,
    ownerId,
    added.map((productId, i) => ({ productId, position: start + i })),
    now,
  );
  return added;
}

/** The stream, when the viewer is its creator. */
async function ownStream(context: Context, liveStreamId: string): Promise<LiveStreamFacts> {
  const stream = await fetchLiveStream(context, liveStreamId);
  requireOwner(context.viewer, stream.creator.id, "Only the stream's own creator can change its overlay.", ForbiddenReason.NOT_STREAM_CREATOR);
  return stream;
}

export async function pinProduct(context: Context, liveStreamId: string, productId: string): Promise<{ id: string }> {
  const stream = await ownStream(context, liveStreamId);
  if (stream.status === 'ENDED') throw refuse(Refusal.STREAM_ENDED, 'Products cannot be pinned on a stream that has ended.', { liveStreamId });
  await context.store.transaction(async (tx) => {
    const now = new Date();
    // Announced in the pin's own transaction, and only when it added the product.
    for (const added of await addToList(tx, pins, liveStreamId, [productId], now)) await announcePinned(tx, liveStreamId, added, now);
  });
  context.changed('LiveStream', liveStreamId);
  return { id: liveStreamId };
}

export async function unpinProduct(context: Context, liveStreamId: string, productId: string): Promise<{ id: string }> {
  await ownStream(context, liveStreamId);
  await context.store.transaction(async (tx) => {
    const now = new Date();
    for (const removed of await tx.removeFromList('pins', liveStreamId, [productId])) await announceUnpinned(tx, liveStreamId, removed, now);
  });
  context.changed('LiveStream', liveStreamId);
  return { id: liveStreamId };
}

export async function addToShowcase(context: Context, productId: string): Promise<{ id: string }> {
  const creatorId = await signedInCreatorId(context);
  await context.store.transaction((tx) => addToList(tx, showcase, creatorId, [productId], new Date()));
  context.changed('Creator', creatorId);
  return { id: creatorId };
}

/** No need to ask users: someone who is not a creator has no showcase to change. */
export async function removeFromShowcase(context: Context, productId: string): Promise<{ id: string }> {
  const creatorId = signedInUserId(context.viewer);
  await context.store.transaction((tx) => tx.removeFromList('showcase', creatorId, [productId]));
  context.changed('Creator', creatorId);
  return { id: creatorId };
}

export function loadCatalog(context: Context, id: string): Promise<CatalogRow> {
  return loadOrNotFound(context.loaders.catalogById, 'Catalog', id);
}

function productIdList(productIds: readonly string[]): string[] {
  const unique = [...new Set(productIds)];
  if (unique.length > MAX_PRODUCTS_PER_CALL) throw badInput(`At most ${MAX_PRODUCTS_PER_CALL} products per call.`, { field: 'productIds' });
  return unique;
}

export interface CatalogInput {
  brandId: string;
  name: string;
  description?: string | null;
  productIds?: readonly string[] | null;
}

export async function createCatalog(context: Context, input: CatalogInput, now = new Date()): Promise<CatalogRow> {
  requirePartnerOf(context.viewer, input.brandId);
  const name = input.name.trim();
  if (name.length < 1 || name.length > NAME_MAX) throw badInput(`name must be 1 to ${NAME_MAX} characters.`, { field: 'name' });
  const description = input.description ?? '';
  if (description.length > CATALOG_DESCRIPTION_MAX) throw badInput(`description must be at most ${CATALOG_DESCRIPTION_MAX} characters.`, { field: 'description' });
  const productIds = productIdList(input.productIds ?? []);
  return context.store.transaction(async (tx) => {
    const [brand] = await tx.brandsByIds([input.brandId]);
    if (!brand) throw notFound('Brand', input.brandId);
    const catalog = await tx.insertCatalog({ id: newId('cat'), brandId: input.brandId, name, description, createdAt: now });
    await addToList(tx, catalogOf(catalog.brandId), catalog.id, productIds, now);
    context.changed('Brand', input.brandId);
    return catalog;
  });
}

/** Runs `change` on one of the viewer's brand's catalogs, in one write transaction. */
function changeCatalog(context: Context, catalogId: string, change: (tx: CommerceTx, catalog: CatalogRow) => Promise<unknown>): Promise<CatalogRow> {
  return context.store.transaction(async (tx) => {
    const [catalog] = await tx.catalogsByIds([catalogId]);
    if (!catalog) throw notFound('Catalog', catalogId);
    requirePartnerOf(context.viewer, catalog.brandId);
    await change(tx, catalog);
    context.changed('Catalog', catalogId);
    return catalog;
  });
}

export function addCatalogProducts(context: Context, catalogId: string, productIds: readonly string[]): Promise<CatalogRow> {
  const ids = productIdList(productIds);
  return changeCatalog(context, catalogId, (tx, catalog) => addToList(tx, catalogOf(catalog.brandId), catalog.id, ids, new Date()));
}

export function removeCatalogProducts(context: Context, catalogId: string, productIds: readonly string[]): Promise<CatalogRow> {
  const ids = productIdList(productIds);
  return changeCatalog(context, catalogId, (tx, catalog) => tx.removeFromList('catalog', catalog.id, ids));
}
