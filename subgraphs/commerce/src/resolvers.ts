import type DataLoader from 'dataloader';
import { requirePartnerOf } from '@app/kit/access';
import { badInput, forbidden, notFound } from '@app/kit/errors';
import { money, moneyResolvers } from '@app/kit/money';
import { readPage, toConnection, type Page } from '@app/kit/pagination';
import { DateTime } from '@app/kit/scalars';
import type { Context } from './context.ts';
import { activeProductsPage, brandsPage, updateOwnedProduct, type Owned, type Placed, type ProductChanges } from './db/queries.ts';
import type { BrandRow, CatalogRow, ProductRow } from './db/schema.ts';
import type { PageKey } from './loaders.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

async function loadBrand(context: Context, id: string): Promise<BrandRow> {
  const brand = await context.loaders.brandById.load(id);
  if (!brand) throw notFound('Brand', id);
  return brand;
}

/** Newest-first lists (a brand's products and catalogs) page by `[createdAt, id]`. */
async function newestFirst<T extends { id: string; createdAt: Date }>(loader: DataLoader<PageKey, Owned<T>[], string>, ownerId: string, page: Page) {
  const rows = await loader.load({ ownerId, page });
  const connection = toConnection(rows, page, (row) => [row.node.createdAt.getTime(), row.node.id]);
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })) };
}

/** Hand-ordered lists (a catalog, a showcase, a creator's catalogs) page by `[position, id]`. */
async function inPositionOrder<T extends { id: string }>(loader: DataLoader<PageKey, Placed<T>[], string>, ownerId: string, page: Page) {
  const rows = await loader.load({ ownerId, page });
  const connection = toConnection(rows, page, (row) => [row.position, row.node.id]);
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })) };
}

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 5_000;
const PRICE_MAX = 10_000_000;
const INVENTORY_MAX = 1_000_000;

function intInRange(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be a whole number from ${min} to ${max}.`, { field });
  return value;
}

/** Validates a partner's product edit before anything is written; bad input changes nothing. */
function productChanges(input: { title?: string | null; description?: string | null; priceAmount?: number | null; inventory?: number | null; status?: 'ACTIVE' | 'ARCHIVED' | null }): ProductChanges {
  const changes: ProductChanges = {};
  if (input.title != null) {
    const title = input.title.trim();
    if (title.length < 1 || title.length > TITLE_MAX) throw badInput(`title must be 1 to ${TITLE_MAX} characters.`, { field: 'title' });
    changes.title = title;
  }
  if (input.description != null) {
    if (input.description.length > DESCRIPTION_MAX) throw badInput(`description must be at most ${DESCRIPTION_MAX} characters.`, { field: 'description' });
    changes.description = input.description;
  }
  if (input.priceAmount != null) changes.priceAmount = intInRange(input.priceAmount, 0, PRICE_MAX, 'priceAmount');
  if (input.inventory != null) changes.inventory = intInRange(input.inventory, 0, INVENTORY_MAX, 'inventory');
  if (input.status != null) changes.status = input.status;
  if (Object.keys(changes).length === 0) throw badInput('Give at least one field to change.');
  return changes;
}

export const resolvers: Resolvers = {
  DateTime,
  Money: moneyResolvers.Money,
  Query: {
    myBrand: (_parent, _args, context) => {
      const partnerId = context.viewer.partnerId;
      if (!partnerId) throw forbidden('myBrand is for partner API keys.', { reason: 'PARTNER_REQUIRED' });
      return loadBrand(context, partnerId);
    },
    product: async (_parent, { id }, context) => {
      const product = await context.loaders.productById.load(id);
      if (!product) throw notFound('Product', id);
      return product;
    },
    brand: (_parent, { id }, context) => loadBrand(context, id),
    catalog: async (_parent, { id }, context) => {
      const catalog = await context.loaders.catalogById.load(id);
      if (!catalog) throw notFound('Catalog', id);
      return catalog;
    },
    brands: (_parent, args, context) => {
      const page = readPage(args, 2);
      const rows = brandsPage(context.db, page);
      for (const row of rows) context.loaders.brandById.prime(row.id, row);
      return toConnection(rows, page, (row) => [row.name, row.id]);
    },
    products: async (_parent, { brandId, ...args }, context) => {
      const page = readPage(args, 2);
      // An unknown brand is a mistake worth saying, not an empty list.
      if (brandId != null) await loadBrand(context, brandId);
      const rows = activeProductsPage(context.db, page, brandId ?? undefined);
      for (const row of rows) context.loaders.productById.prime(row.id, row);
      return toConnection(rows, page, (row) => [row.createdAt.getTime(), row.id]);
    },
  },
  Mutation: {
    updateProduct: (_parent, { input }, context) => {
      const changes = productChanges(input);
      const product = updateOwnedProduct(context.db, input.id, changes, (row) => requirePartnerOf(context.viewer, row.brandId));
      if (!product) throw notFound('Product', input.id);
      context.loaders.productById.clear(product.id).prime(product.id, product);
      return product;
    },
  },
  Brand: {
    __resolveReference: (reference, context) => context.loaders.brandById.load(reference.id),
    products: (brand, args, context) => newestFirst<ProductRow>(context.loaders.brandProducts, brand.id, readPage(args, 2)),
    catalogs: (brand, args, context) => newestFirst<CatalogRow>(context.loaders.brandCatalogs, brand.id, readPage(args, 2)),
  },
  Product: {
    __resolveReference: (reference, context) => context.loaders.productById.load(reference.id),
    price: (product) => money(product.priceAmount, product.currency),
    inStock: (product) => product.inventory > 0,
    brand: (product, _args, context) => loadBrand(context, product.brandId),
    commissionRate: (product) => product.commissionBps / 10_000,
  },
  Catalog: {
    __resolveReference: (reference, context) => context.loaders.catalogById.load(reference.id),
    brand: (catalog, _args, context) => loadBrand(context, catalog.brandId),
    products: (catalog, args, context) => inPositionOrder<ProductRow>(context.loaders.catalogProducts, catalog.id, readPage(args, 2)),
  },
  // Creators, videos and streams are owned elsewhere: their owner decides whether an id
  // exists, and an id with no rows here simply has empty lists.
  Creator: {
    __resolveReference: (reference) => ({ id: reference.id }),
    catalogs: (creator, args, context) => inPositionOrder<CatalogRow>(context.loaders.creatorCatalogs, creator.id, readPage(args, 2)),
    showcase: (creator, args, context) => inPositionOrder<ProductRow>(context.loaders.showcase, creator.id, readPage(args, 2)),
  },
  Video: {
    __resolveReference: (reference) => ({ id: reference.id }),
    products: (video, _args, context) => context.loaders.videoProducts.load(video.id),
  },
  LiveStream: {
    __resolveReference: (reference) => ({ id: reference.id }),
    pinnedProducts: (stream, _args, context) => context.loaders.pinnedProducts.load(stream.id),
  },
};
