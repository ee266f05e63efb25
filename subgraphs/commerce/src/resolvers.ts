import type DataLoader from 'dataloader';
import { notFound } from '@app/kit/errors';
import { money, moneyResolvers } from '@app/kit/money';
import { readPage, toConnection, type Page } from '@app/kit/pagination';
import { DateTime } from '@app/kit/scalars';
import type { Context } from './context.ts';
import { activeProductsPage, brandsPage, type Owned, type Placed } from './db/queries.ts';
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

export const resolvers: Resolvers = {
  DateTime,
  Money: moneyResolvers.Money,
  Query: {
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
