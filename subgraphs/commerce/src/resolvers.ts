import type DataLoader from 'dataloader';
import { requirePartnerOf } from '@app/kit/access';
import { badInput, forbidden, notFound, refuse, serviceUnavailable, unauthenticated } from '@app/kit/errors';
import { money, moneyResolvers } from '@app/kit/money';
import { readPage, toConnection, type Page } from '@app/kit/pagination';
import { DateTime } from '@app/kit/scalars';
import { createAffiliateLink, recordAffiliateClick, requireCreator, setCreatorCommission } from './affiliates.ts';
import { canSeeOrder, cancelOrder, checkout, fulfillOrder } from './checkout.ts';
import { bpsToRate } from './commission.ts';
import type { Context } from './context.ts';
import { addCatalogProducts, addToShowcase, createCatalog, pinProduct, removeCatalogProducts, removeFromShowcase, requireStreamCreator, unpinProduct } from './curation.ts';
import { activeProductsPage, brandsPage, updateOwnedProduct, type Owned, type Placed, type ProductChanges } from './db/queries.ts';
import type { AffiliateLinkView, BrandRow, CatalogRow, OrderRow, ProductRow } from './db/schema.ts';
import { importProductFeed } from './feeds.ts';
import type { PageKey } from './loaders.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';

async function loadBrand(context: Context, id: string): Promise<BrandRow> {
  const brand = await context.loaders.brandById.load(id);
  if (!brand) throw notFound('Brand', id);
  return brand;
}

async function loadProduct(context: Context, id: string): Promise<ProductRow> {
  const product = await context.loaders.productById.load(id);
  if (!product) throw notFound('Product', id);
  return product;
}

async function loadOrder(context: Context, id: string): Promise<OrderRow> {
  const order = await context.loaders.orderById.load(id);
  if (!order) throw notFound('Order', id);
  return order;
}

async function loadLink(context: Context, id: string): Promise<AffiliateLinkView> {
  const link = await context.loaders.affiliateLinkById.load(id);
  if (!link) throw notFound('AffiliateLink', id);
  return link;
}

/** The signed-in user's id; `@auth` has already refused anyone else, this only narrows the type. */
function signedInUser(context: Context): string {
  if (!context.viewer.userId) throw unauthenticated();
  return context.viewer.userId;
}

/** A creator's commission figures are theirs alone. */
function requireSelf(context: Context, creatorId: string, what: string): void {
  if (context.viewer.userId !== creatorId) throw forbidden(`Only the creator can see their own ${what}.`, { reason: 'NOT_THE_CREATOR' });
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
    product: (_parent, { id }, context) => loadProduct(context, id),
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
    importProductFeed: (_parent, { brandId, feed }, context) => importProductFeed(context.db, context.viewer, brandId, feed),
    createCatalog: (_parent, { input }, context) => createCatalog(context.db, context.viewer, input),
    addCatalogProducts: (_parent, { catalogId, productIds }, context) => {
      const catalog = addCatalogProducts(context.db, context.viewer, catalogId, productIds);
      context.loaders.catalogProducts.clearAll();
      return catalog;
    },
    removeCatalogProducts: (_parent, { catalogId, productIds }, context) => {
      const catalog = removeCatalogProducts(context.db, context.viewer, catalogId, productIds);
      context.loaders.catalogProducts.clearAll();
      return catalog;
    },
    setCreatorCommission: async (_parent, { input }, context) => {
      // Whether the creator exists is the users subgraph's to say, asked before the write.
      const [creator] = await context.peers.entities('users', 'Creator', [input.creatorId], 'id', context.viewer);
      if (!creator) throw notFound('Creator', input.creatorId);
      return setCreatorCommission(context.db, context.viewer, input);
    },
    createAffiliateLink: async (_parent, { productId }, context) => {
      const creatorId = signedInUser(context);
      await requireCreator(context, creatorId);
      return loadLink(context, createAffiliateLink(context.db, creatorId, productId));
    },
    recordAffiliateClick: (_parent, { code }, context) => recordAffiliateClick(context.db, { ...context.viewer, userId: signedInUser(context) }, code),
    checkout: async (_parent, { input }, context) => {
      const { orderId, replayed } = await checkout(context, signedInUser(context), input);
      // Stock and links changed: nothing read before this write may be served after it.
      context.loaders.productById.clearAll();
      context.loaders.affiliateLinkById.clearAll();
      return { order: await loadOrder(context, orderId), replayed };
    },
    cancelOrder: (_parent, { id }, context) => {
      const order = cancelOrder(context.db, context.viewer, id);
      context.loaders.productById.clearAll();
      context.loaders.orderById.clear(order.id).prime(order.id, order);
      return order;
    },
    fulfillOrder: (_parent, { id }, context) => {
      const order = fulfillOrder(context.db, context.viewer, id);
      context.loaders.orderById.clear(order.id).prime(order.id, order);
      return order;
    },
    pinProduct: async (_parent, { liveStreamId, productId }, context) => {
      const status = await requireStreamCreator(context, liveStreamId);
      if (status === 'ENDED') throw refuse('STREAM_ENDED', 'Products cannot be pinned on a stream that has ended.', { liveStreamId });
      pinProduct(context.db, liveStreamId, productId);
      context.loaders.pinnedProducts.clear(liveStreamId);
      return { id: liveStreamId };
    },
    unpinProduct: async (_parent, { liveStreamId, productId }, context) => {
      await requireStreamCreator(context, liveStreamId);
      unpinProduct(context.db, liveStreamId, productId);
      context.loaders.pinnedProducts.clear(liveStreamId);
      return { id: liveStreamId };
    },
    addToShowcase: async (_parent, { productId }, context) => {
      const creatorId = signedInUser(context);
      await requireCreator(context, creatorId);
      addToShowcase(context.db, creatorId, productId);
      context.loaders.showcase.clearAll();
      return { id: creatorId };
    },
    removeFromShowcase: (_parent, { productId }, context) => {
      // No need to ask users: someone who is not a creator has no showcase to change.
      const creatorId = signedInUser(context);
      removeFromShowcase(context.db, creatorId, productId);
      context.loaders.showcase.clearAll();
      return { id: creatorId };
    },
  },
  Brand: {
    __resolveReference: (reference, context) => context.loaders.brandById.load(reference.id),
    products: (brand, args, context) => newestFirst<ProductRow>(context.loaders.brandProducts, brand.id, readPage(args, 2)),
    catalogs: (brand, args, context) => newestFirst<CatalogRow>(context.loaders.brandCatalogs, brand.id, readPage(args, 2)),
    orders: (brand, args, context) => {
      requirePartnerOf(context.viewer, brand.id);
      return newestFirst<OrderRow>(context.loaders.brandOrders, brand.id, readPage(args, 2));
    },
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
    // The gateway sends `giftEarnings` along when `earnings` is asked for (@requires).
    __resolveReference: (reference) => ({ id: reference.id, giftEarnings: 'giftEarnings' in reference ? reference.giftEarnings : undefined }),
    catalogs: (creator, args, context) => inPositionOrder<CatalogRow>(context.loaders.creatorCatalogs, creator.id, readPage(args, 2)),
    showcase: (creator, args, context) => inPositionOrder<ProductRow>(context.loaders.showcase, creator.id, readPage(args, 2)),
    affiliateLinks: (creator, args, context) => {
      requireSelf(context, creator.id, 'affiliate links');
      return newestFirst<AffiliateLinkView>(context.loaders.creatorAffiliateLinks, creator.id, readPage(args, 2));
    },
    earnings: async (creator, _args, context) => {
      requireSelf(context, creator.id, 'earnings');
      const gifts = creator.giftEarnings?.value;
      // Without the required gift earnings there is no honest total to give.
      if (!gifts) throw serviceUnavailable('gifts');
      if (gifts.currencyCode !== 'USD') throw refuse('EARNINGS_CURRENCY_MISMATCH', `Gift earnings in ${gifts.currencyCode} cannot be added to commissions in USD.`);
      const { earned, pending } = await context.loaders.commissionTotals.load(creator.id);
      return { commissions: money(earned), gifts: money(gifts.amount), total: money(earned + gifts.amount), pending: money(pending) };
    },
  },
  User: {
    __resolveReference: (reference) => ({ id: reference.id }),
    orders: (user, args, context) => {
      if (context.viewer.userId !== user.id) throw forbidden('Only the user can see their own orders.', { reason: 'NOT_THE_USER' });
      return newestFirst<OrderRow>(context.loaders.buyerOrders, user.id, readPage(args, 2));
    },
  },
  AffiliateLink: {
    creator: (link) => ({ id: link.creatorId }),
    product: (link, _args, context) => loadProduct(context, link.productId),
    commissionRate: (link) => bpsToRate(link.commissionBps),
    commissionEarned: (link) => money(link.earnedAmount, link.currency),
    commissionPending: (link) => money(link.pendingAmount, link.currency),
  },
  AffiliateClick: {
    code: (click) => click.link.code,
    product: (click, _args, context) => loadProduct(context, click.link.productId),
    creator: (click) => ({ id: click.link.creatorId }),
  },
  CommissionDeal: {
    creator: (deal) => ({ id: deal.creatorId }),
    brand: (deal, _args, context) => loadBrand(context, deal.brandId),
    product: (deal, _args, context) => (deal.productId ? loadProduct(context, deal.productId) : null),
    commissionRate: (deal) => bpsToRate(deal.commissionBps),
  },
  Order: {
    // Only the buyer and the brand's partner see an order, however it is reached.
    __resolveReference: async (reference, context) => {
      const order = await context.loaders.orderById.load(reference.id);
      return order && canSeeOrder(context.viewer, order) ? order : null;
    },
    buyer: (order) => ({ id: order.buyerId }),
    brand: (order, _args, context) => loadBrand(context, order.brandId),
    lines: (order, _args, context) => context.loaders.orderLines.load(order.id),
    total: (order) => money(order.totalAmount, order.currency),
    commission: (order) => money(order.commissionAmount, order.currency),
    attributedCreator: (order) => (order.creatorId ? { id: order.creatorId } : null),
    affiliateCode: async (order, _args, context) => (order.affiliateLinkId ? (await loadLink(context, order.affiliateLinkId)).code : null),
    liveStream: (order) => (order.liveStreamId ? { id: order.liveStreamId } : null),
  },
  OrderLine: {
    product: (line, _args, context) => loadProduct(context, line.productId),
    unitPrice: (line) => money(line.unitPriceAmount, line.currency),
    total: (line) => money(line.totalAmount, line.currency),
    commissionRate: (line) => bpsToRate(line.commissionBps),
    commission: (line) => money(line.commissionAmount, line.currency),
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
