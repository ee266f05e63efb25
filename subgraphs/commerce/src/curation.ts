/**
 * The rules of showing products, in one place.
 *
 * - Live shopping: only a stream's own creator pins (content says whose stream it is), at most 20
 *   products, active ones, never on an ENDED stream. Unpinning is always allowed to that creator.
 * - Showcase: a creator curates up to 100 active products of any brands, in the order added.
 * - Catalogs: a brand's partner key (`catalog:write`) curates its own brand's catalogs, of its
 *   own active products, at most 500 a catalog and 100 a call.
 * Adding something already there and removing something absent change nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { requirePartnerOf } from '@app/kit/access';
import { badInput, forbidden, notFound, refuse } from '@app/kit/errors';
import type { Viewer } from '@app/kit/viewer';
import { newId } from './commission.ts';
import type { Context } from './context.ts';
import type { CommerceDb } from './db/queries.ts';
import { brands, catalogProducts, catalogs, liveStreamPins, products, showcaseItems, type CatalogRow } from './db/schema.ts';

export const MAX_PINNED = 20;
export const MAX_SHOWCASE = 100;
export const MAX_CATALOG_PRODUCTS = 500;
export const MAX_PRODUCTS_PER_CALL = 100;
const NAME_MAX = 100;
const CATALOG_DESCRIPTION_MAX = 1_000;

type Tx = Parameters<Parameters<CommerceDb['transaction']>[0]>[0];

/** A product that may be put on show: it exists and is on sale. */
function activeProduct(tx: Tx, productId: string) {
  const product = tx.select({ id: products.id, brandId: products.brandId, status: products.status }).from(products).where(eq(products.id, productId)).get();
  if (!product) throw notFound('Product', productId);
  if (product.status !== 'ACTIVE') throw refuse('PRODUCT_NOT_AVAILABLE', 'Only products on sale can be shown.', { productId });
  return product;
}

const nextPosition = (max: number | null) => (max ?? -1) + 1;

/**
 * Checks with content that the viewer is the stream's creator.
 * @returns the stream's status.
 */
export async function requireStreamCreator(context: Context, liveStreamId: string): Promise<string> {
  const [stream] = await context.peers.entities<{ id: string; status: string; creator: { id: string } }>(
    'content',
    'LiveStream',
    [liveStreamId],
    'id status creator { id }',
    context.viewer,
  );
  if (!stream) throw notFound('LiveStream', liveStreamId);
  if (stream.creator.id !== context.viewer.userId) throw forbidden("Only the stream's own creator can change its overlay.", { reason: 'NOT_STREAM_CREATOR' });
  return stream.status;
}

export function pinProduct(db: CommerceDb, liveStreamId: string, productId: string, now = new Date()): void {
  db.transaction(
    (tx) => {
      activeProduct(tx, productId);
      const pins = tx
        .select({ productId: liveStreamPins.productId, position: liveStreamPins.position })
        .from(liveStreamPins)
        .where(eq(liveStreamPins.liveStreamId, liveStreamId))
        .all();
      if (pins.some((pin) => pin.productId === productId)) return;
      if (pins.length >= MAX_PINNED) throw refuse('PIN_LIMIT_REACHED', `A stream shows at most ${MAX_PINNED} pinned products; unpin one first.`, { max: MAX_PINNED });
      const position = nextPosition(pins.length ? Math.max(...pins.map((pin) => pin.position)) : null);
      tx.insert(liveStreamPins).values({ liveStreamId, productId, position, pinnedAt: now }).run();
    },
    { behavior: 'immediate' },
  );
}

export function unpinProduct(db: CommerceDb, liveStreamId: string, productId: string): void {
  db.delete(liveStreamPins)
    .where(and(eq(liveStreamPins.liveStreamId, liveStreamId), eq(liveStreamPins.productId, productId)))
    .run();
}

export function addToShowcase(db: CommerceDb, creatorId: string, productId: string, now = new Date()): void {
  db.transaction(
    (tx) => {
      activeProduct(tx, productId);
      const items = tx.select({ productId: showcaseItems.productId, position: showcaseItems.position }).from(showcaseItems).where(eq(showcaseItems.creatorId, creatorId)).all();
      if (items.some((item) => item.productId === productId)) return;
      if (items.length >= MAX_SHOWCASE) throw refuse('SHOWCASE_FULL', `A showcase holds at most ${MAX_SHOWCASE} products; remove one first.`, { max: MAX_SHOWCASE });
      const position = nextPosition(items.length ? Math.max(...items.map((item) => item.position)) : null);
      tx.insert(showcaseItems).values({ creatorId, productId, position, addedAt: now }).run();
    },
    { behavior: 'immediate' },
  );
}

export function removeFromShowcase(db: CommerceDb, creatorId: string, productId: string): void {
  db.delete(showcaseItems)
    .where(and(eq(showcaseItems.creatorId, creatorId), eq(showcaseItems.productId, productId)))
    .run();
}

function productIdList(productIds: readonly string[]): string[] {
  const unique = [...new Set(productIds)];
  if (unique.length > MAX_PRODUCTS_PER_CALL) throw badInput(`At most ${MAX_PRODUCTS_PER_CALL} products per call.`, { field: 'productIds' });
  return unique;
}

/** Appends the brand's own active products to a catalog, skipping those already in it. */
function appendToCatalog(tx: Tx, catalog: CatalogRow, productIds: readonly string[]): void {
  if (productIds.length === 0) return;
  const found = new Map(
    tx
      .select({ id: products.id, brandId: products.brandId, status: products.status })
      .from(products)
      .where(inArray(products.id, [...productIds]))
      .all()
      .map((row) => [row.id, row]),
  );
  for (const productId of productIds) {
    const product = found.get(productId);
    if (!product) throw notFound('Product', productId);
    if (product.brandId !== catalog.brandId) throw refuse('PRODUCT_OF_ANOTHER_BRAND', "A catalog holds only its brand's own products.", { productId });
    if (product.status !== 'ACTIVE') throw refuse('PRODUCT_NOT_AVAILABLE', 'Only products on sale can be added.', { productId });
  }
  const current = tx.select({ productId: catalogProducts.productId, position: catalogProducts.position }).from(catalogProducts).where(eq(catalogProducts.catalogId, catalog.id)).all();
  const present = new Set(current.map((row) => row.productId));
  const added = productIds.filter((id) => !present.has(id));
  if (current.length + added.length > MAX_CATALOG_PRODUCTS) throw refuse('CATALOG_FULL', `A catalog holds at most ${MAX_CATALOG_PRODUCTS} products.`, { max: MAX_CATALOG_PRODUCTS });
  const start = nextPosition(current.length ? Math.max(...current.map((row) => row.position)) : null);
  if (added.length) tx.insert(catalogProducts).values(added.map((productId, i) => ({ catalogId: catalog.id, productId, position: start + i }))).run();
}

export interface CatalogInput {
  brandId: string;
  name: string;
  description?: string | null;
  productIds?: readonly string[] | null;
}

export function createCatalog(db: CommerceDb, viewer: Viewer, input: CatalogInput, now = new Date()): CatalogRow {
  requirePartnerOf(viewer, input.brandId);
  const name = input.name.trim();
  if (name.length < 1 || name.length > NAME_MAX) throw badInput(`name must be 1 to ${NAME_MAX} characters.`, { field: 'name' });
  const description = input.description ?? '';
  if (description.length > CATALOG_DESCRIPTION_MAX) throw badInput(`description must be at most ${CATALOG_DESCRIPTION_MAX} characters.`, { field: 'description' });
  const productIds = productIdList(input.productIds ?? []);
  return db.transaction(
    (tx) => {
      if (!tx.select({ id: brands.id }).from(brands).where(eq(brands.id, input.brandId)).get()) throw notFound('Brand', input.brandId);
      const catalog = tx.insert(catalogs).values({ id: newId('cat'), brandId: input.brandId, name, description, createdAt: now }).returning().get();
      appendToCatalog(tx, catalog, productIds);
      return catalog;
    },
    { behavior: 'immediate' },
  );
}

/** Runs `change` on one of the viewer's brand's catalogs, in one write transaction. */
function changeCatalog(db: CommerceDb, viewer: Viewer, catalogId: string, change: (tx: Tx, catalog: CatalogRow) => void): CatalogRow {
  return db.transaction(
    (tx) => {
      const catalog = tx.select().from(catalogs).where(eq(catalogs.id, catalogId)).get();
      if (!catalog) throw notFound('Catalog', catalogId);
      requirePartnerOf(viewer, catalog.brandId);
      change(tx, catalog);
      return catalog;
    },
    { behavior: 'immediate' },
  );
}

export function addCatalogProducts(db: CommerceDb, viewer: Viewer, catalogId: string, productIds: readonly string[]): CatalogRow {
  const ids = productIdList(productIds);
  return changeCatalog(db, viewer, catalogId, (tx, catalog) => appendToCatalog(tx, catalog, ids));
}

export function removeCatalogProducts(db: CommerceDb, viewer: Viewer, catalogId: string, productIds: readonly string[]): CatalogRow {
  const ids = productIdList(productIds);
  return changeCatalog(db, viewer, catalogId, (tx, catalog) => {
    if (ids.length) tx.delete(catalogProducts).where(and(eq(catalogProducts.catalogId, catalog.id), inArray(catalogProducts.productId, ids))).run();
  });
}
