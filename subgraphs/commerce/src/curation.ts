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
 * something absent change nothing. The showcase's creator and the catalog's brand move a product
 * to a position (0 is first, past the end is last; PRODUCT_NOT_LISTED when it is not in the list).
 * - A catalog's brand renames it (or changes its description) and deletes it: its product list
 *   goes with it, and it leaves every creator profile that carried it.
 * - A creator chooses the brand catalogs on their profile, in order, at most 20 (any brand's: a
 *   catalog is public), replacing the list; an unknown catalog is NOT_FOUND and nothing changes.
 */
import type { GraphQLError } from 'graphql';
import { requireOwner, requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, notFound, refuse } from '@app/kit/errors';
import { newId } from '@app/kit/ids';
import { loadOrNotFound } from '@app/kit/loaders';
import type { Context } from './context.ts';
import type { CatalogChanges, ProductListName } from './db/contract.ts';
import type { CommerceTx } from './db/store.ts';
import type { CatalogRow } from './mappers.ts';
import { fetchLiveStream, signedInCreatorId, type LiveStreamFacts } from './facts.ts';
import { announcePinned, announceUnpinned } from './liveShopping.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import { tellProductPinned } from './webhookEvents.ts';

export const MAX_PINNED = 20;
export const MAX_SHOWCASE = 100;
export const MAX_CATALOG_PRODUCTS = 500;
export const MAX_PRODUCTS_PER_CALL = 100;
export const MAX_PROFILE_CATALOGS = 20;
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
    const now = context.clock.now();
    // Announced in the pin's own transaction (to the stream's viewers, and to the product's brand), and only when it added the product.
    const added = await addToList(tx, pins, liveStreamId, [productId], now);
    for (const product of added.length ? await tx.productsByIds(added) : []) {
      await announcePinned(tx, liveStreamId, product.id, now);
      await tellProductPinned(tx, liveStreamId, product, now);
    }
  });
  context.changed('LiveStream', liveStreamId);
  return { id: liveStreamId };
}

export async function unpinProduct(context: Context, liveStreamId: string, productId: string): Promise<{ id: string }> {
  await ownStream(context, liveStreamId);
  await context.store.transaction(async (tx) => {
    const now = context.clock.now();
    for (const removed of await tx.removeFromList('pins', liveStreamId, [productId])) await announceUnpinned(tx, liveStreamId, removed, now);
  });
  context.changed('LiveStream', liveStreamId);
  return { id: liveStreamId };
}

export async function addToShowcase(context: Context, productId: string): Promise<{ id: string }> {
  const creatorId = await signedInCreatorId(context);
  await context.store.transaction((tx) => addToList(tx, showcase, creatorId, [productId], context.clock.now()));
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

/**
 * Moves one product of an owner's list to `position`, renumbering the list 0, 1, 2 … in its
 * shown order (position, then product id); only rows whose position changes are written.
 */
async function moveInList(tx: CommerceTx, list: ProductListName, ownerId: string, productId: string, position: number): Promise<void> {
  const current = [...(await tx.listedProducts(list, ownerId))].sort((a, b) => a.position - b.position || (a.productId < b.productId ? -1 : 1));
  const from = current.findIndex((item) => item.productId === productId);
  if (from < 0) throw refuse(Refusal.PRODUCT_NOT_LISTED, `Product ${JSON.stringify(productId)} is not in this ${list === 'catalog' ? 'catalog' : 'showcase'}.`, { productId });
  const order = current.map((item) => item.productId);
  order.splice(from, 1);
  order.splice(Math.min(position, order.length), 0, productId);
  const was = new Map(current.map((item) => [item.productId, item.position]));
  await tx.setListPositions(
    list,
    ownerId,
    order.map((id, index) => ({ productId: id, position: index })).filter((item) => was.get(item.productId) !== item.position),
  );
}

function targetPosition(position: number): number {
  if (!Number.isInteger(position) || position < 0) throw badInput('position must be 0 or more (0 is first).', { field: 'position' });
  return position;
}

/** Moves a product of the signed-in creator's showcase to `position`. */
export async function moveShowcaseProduct(context: Context, productId: string, position: number): Promise<{ id: string }> {
  const to = targetPosition(position);
  const creatorId = signedInUserId(context.viewer);
  await context.store.transaction((tx) => moveInList(tx, 'showcase', creatorId, productId, to));
  context.changed('Creator', creatorId);
  return { id: creatorId };
}

/** Chooses the brand catalogs on the signed-in creator's profile, in this order (replacing the list). */
export async function setProfileCatalogs(context: Context, catalogIds: readonly string[]): Promise<{ id: string }> {
  const ids = [...new Set(catalogIds)];
  if (ids.length > MAX_PROFILE_CATALOGS) throw refuse(Refusal.PROFILE_CATALOGS_LIMIT, `A profile shows at most ${MAX_PROFILE_CATALOGS} catalogs.`, { max: MAX_PROFILE_CATALOGS });
  const creatorId = await signedInCreatorId(context);
  await context.store.transaction(async (tx) => {
    const found = new Set((await tx.catalogsByIds(ids)).map((row) => row.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw notFound('Catalog', missing);
    await tx.replaceCreatorCatalogs(creatorId, ids);
  });
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

function catalogName(given: string): string {
  const name = given.trim();
  if (name.length < 1 || name.length > NAME_MAX) throw badInput(`name must be 1 to ${NAME_MAX} characters.`, { field: 'name' });
  return name;
}

function catalogDescription(description: string): string {
  if (description.length > CATALOG_DESCRIPTION_MAX) throw badInput(`description must be at most ${CATALOG_DESCRIPTION_MAX} characters.`, { field: 'description' });
  return description;
}

export async function createCatalog(context: Context, input: CatalogInput): Promise<CatalogRow> {
  const now = context.clock.now();
  requirePartnerOf(context.viewer, input.brandId);
  const name = catalogName(input.name);
  const description = catalogDescription(input.description ?? '');
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
  return changeCatalog(context, catalogId, (tx, catalog) => addToList(tx, catalogOf(catalog.brandId), catalog.id, ids, context.clock.now()));
}

export function moveCatalogProduct(context: Context, catalogId: string, productId: string, position: number): Promise<CatalogRow> {
  const to = targetPosition(position);
  return changeCatalog(context, catalogId, (tx, catalog) => moveInList(tx, 'catalog', catalog.id, productId, to));
}

export interface CatalogEdit {
  catalogId: string;
  name?: string | null;
  description?: string | null;
}

/** Renames a catalog of the viewer's brand, or changes its description; fields left out stay. */
export async function updateCatalog(context: Context, input: CatalogEdit): Promise<CatalogRow> {
  const changes: CatalogChanges = {};
  if (input.name !== undefined && input.name !== null) changes.name = catalogName(input.name);
  if (input.description !== undefined && input.description !== null) changes.description = catalogDescription(input.description);
  let updated: CatalogRow | undefined;
  await changeCatalog(context, input.catalogId, async (tx, catalog) => {
    updated = Object.keys(changes).length ? await tx.updateCatalog(catalog.id, changes) : catalog;
  });
  return updated as CatalogRow;
}

export interface DeletedCatalog {
  deletedCatalogId: string;
  brandId: string;
}

/** Deletes a catalog of the viewer's brand; answers its id and brand. */
export async function deleteCatalog(context: Context, catalogId: string): Promise<DeletedCatalog> {
  const { brandId, creatorIds } = await context.store.transaction(async (tx) => {
    const [catalog] = await tx.catalogsByIds([catalogId]);
    if (!catalog) throw notFound('Catalog', catalogId);
    requirePartnerOf(context.viewer, catalog.brandId);
    return { brandId: catalog.brandId, creatorIds: await tx.deleteCatalog(catalog.id) };
  });
  // Gone from the brand's list and from the profiles that carried it.
  context.changed('Catalog', catalogId);
  context.changed('Brand', brandId);
  if (creatorIds.length) context.changed('Creator', creatorIds);
  return { deletedCatalogId: catalogId, brandId };
}

export function removeCatalogProducts(context: Context, catalogId: string, productIds: readonly string[]): Promise<CatalogRow> {
  const ids = productIdList(productIds);
  return changeCatalog(context, catalogId, (tx, catalog) => tx.removeFromList('catalog', catalog.id, ids));
}
