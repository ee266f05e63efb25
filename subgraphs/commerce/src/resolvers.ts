import { notFound } from '@app/kit/errors';
import { money, moneyResolvers } from '@app/kit/money';
import { DateTime } from '@app/kit/scalars';
import { brandCommissionDeals, createAffiliateLink, creatorAffiliateLinks, linkReference, loadAffiliateLink, recordAffiliateClick, setCreatorCommission } from './affiliates.ts';
import {
  answerApplication,
  answerInvitation,
  applyToCampaign,
  brandCampaigns,
  campaignById,
  campaignMembers,
  closeCampaign,
  createCampaign,
  inviteCreators,
  myCampaigns,
  openCampaigns,
  viewerMembership,
  visibleCampaign,
} from './campaigns.ts';
import { campaignSamples, creatorFulfilment, decideSample, fulfilSample, markSampleDelivered, mySamples, requestSample, sampleCampaign, sampleStatus, shipSample, visibleSample } from './samples.ts';
import { checkout, creatorVideoSales } from './checkout.ts';
import { endFlashDeal, startFlashDeal, streamFlashDeals } from './flashDeals.ts';
import { bpsToRate, creatorEarnings } from './commission.ts';
import {
  addCatalogProducts,
  addToShowcase,
  createCatalog,
  deleteCatalog,
  loadCatalog,
  moveCatalogProduct,
  moveShowcaseProduct,
  pinProduct,
  removeCatalogProducts,
  removeFromShowcase,
  setProfileCatalogs,
  unpinProduct,
  updateCatalog,
} from './curation.ts';
import type { CatalogRow, ProductRow } from './mappers.ts';
import type { LiveEvent } from '@app/kit/live';
import { importProductFeed } from './feeds.ts';
import { liveShoppingEvents, liveStreamSales, shoppingEvent } from './liveShopping.ts';
import { node, typesAsked } from './node.ts';
import { brandOrders, buyerOrders, cancelBrandOrder, cancelOrder, fulfillOrder, orderReference, requireOrderParty, visibleOrder } from './orders.ts';
import { creatorPayouts, payoutReference, requestCommissionPayout } from './payouts.ts';
import { decideReturn, requestReturn, returnReference } from './returns.ts';
import { commissionStatement, lockedUntil, stateOf, statementLines, statementTotals } from './settlement.ts';
import { inPositionOrder, newestFirst } from './pages.ts';
import { searchBrands, searchProducts } from './search.ts';
import { brandCatalog, brandsPage, loadBrand, loadProduct, productByExternalId, productsOnSale, updateProduct } from './products.ts';
import { myBrand, viewerKey } from './partners.ts';
import { brandSales, salesBy } from './analytics.ts';
import type { Resolvers } from './__generated__/resolvers-types.ts';
import {
  brandWebhookEndpoint,
  brandWebhookEndpoints,
  deleteWebhookEndpoint,
  endpointDeliveries,
  endpointTopics,
  previousSecretExpiresAt,
  registerWebhookEndpoint,
  replayWebhookDelivery,
  rotateWebhookEndpointSecret,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
} from './webhooks.ts';
import type { WebhookTopic } from './vocabulary.ts';

export const resolvers: Resolvers = {
  DateTime,
  Money: moneyResolvers.Money,
  Query: {
    node: (_parent, { id }, context, info) => node(context, id, typesAsked(info)),
    order: (_parent, { id }, context) => visibleOrder(context, id),
    myBrand: (_parent, _args, context) => myBrand(context),
    viewerKey: (_parent, _args, context) => viewerKey(context),
    product: (_parent, { id }, context) => loadProduct(context, id),
    brand: (_parent, { id }, context) => loadBrand(context, id),
    catalog: (_parent, { id }, context) => loadCatalog(context, id),
    brands: (_parent, args, context) => brandsPage(context, args),
    products: (_parent, args, context) => productsOnSale(context, args),
    searchProducts: (_parent, args, context) => searchProducts(context, args),
    searchBrands: (_parent, args, context) => searchBrands(context, args),
    campaign: (_parent, { id }, context) => campaignById(context, id),
    openCampaigns: (_parent, args, context) => openCampaigns(context, args),
    myCampaigns: (_parent, { status, ...args }, context) => myCampaigns(context, status, args),
    mySamples: (_parent, args, context) => mySamples(context, args),
    campaignSample: async (_parent, { id }, context) => (await visibleSample(context, id)) ?? Promise.reject(notFound('CampaignSample', id)),
  },
  Mutation: {
    updateProduct: (_parent, { input }, context) => updateProduct(context, input),
    importProductFeed: (_parent, { brandId, feed }, context) => importProductFeed(context, brandId, feed),
    createCatalog: (_parent, { input }, context) => createCatalog(context, input),
    addCatalogProducts: (_parent, { catalogId, productIds }, context) => addCatalogProducts(context, catalogId, productIds),
    moveCatalogProduct: (_parent, { catalogId, productId, position }, context) => moveCatalogProduct(context, catalogId, productId, position),
    updateCatalog: (_parent, { input }, context) => updateCatalog(context, input),
    deleteCatalog: (_parent, { catalogId }, context) => deleteCatalog(context, catalogId),
    removeCatalogProducts: (_parent, { catalogId, productIds }, context) => removeCatalogProducts(context, catalogId, productIds),
    setCreatorCommission: (_parent, { input }, context) => setCreatorCommission(context, input),
    createAffiliateLink: (_parent, { productId }, context) => createAffiliateLink(context, productId),
    recordAffiliateClick: (_parent, { code }, context) => recordAffiliateClick(context, code),
    checkout: (_parent, { input }, context) => checkout(context, input),
    cancelOrder: (_parent, { input }, context) => cancelOrder(context, input),
    cancelBrandOrder: (_parent, { input }, context) => cancelBrandOrder(context, input),
    fulfillOrder: (_parent, { input }, context) => fulfillOrder(context, input),
    requestReturn: (_parent, { input }, context) => requestReturn(context, input),
    approveReturn: (_parent, { input }, context) => decideReturn(context, 'APPROVED', input),
    declineReturn: (_parent, { input }, context) => decideReturn(context, 'DECLINED', input),
    pinProduct: (_parent, { liveStreamId, productId }, context) => pinProduct(context, liveStreamId, productId),
    unpinProduct: (_parent, { liveStreamId, productId }, context) => unpinProduct(context, liveStreamId, productId),
    startFlashDeal: (_parent, { input }, context) => startFlashDeal(context, input),
    // The same rules; the directive says who may call which (a creator's token, a brand's key).
    startBrandFlashDeal: (_parent, { input }, context) => startFlashDeal(context, input),
    endFlashDeal: (_parent, { dealId }, context) => endFlashDeal(context, dealId),
    endBrandFlashDeal: (_parent, { dealId }, context) => endFlashDeal(context, dealId),
    requestCommissionPayout: (_parent, { input }, context) => requestCommissionPayout(context, input),
    createCampaign: (_parent, { input }, context) => createCampaign(context, input),
    closeCampaign: (_parent, { campaignId }, context) => closeCampaign(context, campaignId),
    inviteCreators: (_parent, { campaignId, creatorIds }, context) => inviteCreators(context, campaignId, creatorIds),
    approveCampaignApplicant: (_parent, { campaignId, creatorId }, context) => answerApplication(context, campaignId, creatorId, 'approve'),
    rejectCampaignApplicant: (_parent, { campaignId, creatorId }, context) => answerApplication(context, campaignId, creatorId, 'reject'),
    applyToCampaign: (_parent, { campaignId, message }, context) => applyToCampaign(context, campaignId, message),
    acceptCampaignInvitation: (_parent, { campaignId }, context) => answerInvitation(context, campaignId, 'accept'),
    declineCampaignInvitation: (_parent, { campaignId }, context) => answerInvitation(context, campaignId, 'decline'),
    requestCampaignSample: (_parent, { campaignId, productId }, context) => requestSample(context, campaignId, productId),
    approveCampaignSample: (_parent, { sampleId }, context) => decideSample(context, sampleId, 'APPROVED'),
    declineCampaignSample: (_parent, { sampleId }, context) => decideSample(context, sampleId, 'DECLINED'),
    shipCampaignSample: (_parent, { input }, context) => shipSample(context, input),
    markCampaignSampleDelivered: (_parent, { sampleId }, context) => markSampleDelivered(context, sampleId, 'BRAND'),
    confirmCampaignSampleDelivered: (_parent, { sampleId }, context) => markSampleDelivered(context, sampleId, 'CREATOR'),
    fulfilCampaignSample: (_parent, { input }, context) => fulfilSample(context, input),
    addToShowcase: (_parent, { productId }, context) => addToShowcase(context, productId),
    removeFromShowcase: (_parent, { productId }, context) => removeFromShowcase(context, productId),
    moveShowcaseProduct: (_parent, { productId, position }, context) => moveShowcaseProduct(context, productId, position),
    setProfileCatalogs: (_parent, { catalogIds }, context) => setProfileCatalogs(context, catalogIds),
    registerWebhookEndpoint: (_parent, { input }, context) => registerWebhookEndpoint(context, input),
    rotateWebhookEndpointSecret: (_parent, { endpointId }, context) => rotateWebhookEndpointSecret(context, endpointId),
    updateWebhookEndpoint: (_parent, { input }, context) => updateWebhookEndpoint(context, input),
    disableWebhookEndpoint: (_parent, { endpointId }, context) => setWebhookEndpointEnabled(context, endpointId, false),
    enableWebhookEndpoint: (_parent, { endpointId }, context) => setWebhookEndpointEnabled(context, endpointId, true),
    deleteWebhookEndpoint: (_parent, { endpointId }, context) => deleteWebhookEndpoint(context, endpointId),
    replayWebhookDelivery: (_parent, { deliveryId }, context) => replayWebhookDelivery(context, deliveryId),
  },
  Subscription: {
    liveShoppingEvents: {
      subscribe: (_parent, { liveStreamId, after }, context) => liveShoppingEvents(context, liveStreamId, after),
      resolve: (event: LiveEvent) => shoppingEvent(event),
    },
  },
  Node: {
    __resolveType: (object) => object.__typename,
    __resolveReference: (reference, context) => node(context, reference.id),
  },
  LiveShoppingEvent: {
    product: (event, _args, context) => loadProduct(context, event.productId),
    deal: (event, _args, context) => (event.dealId ? context.loaders.flashDealById.load(event.dealId) : null),
  },
  FlashDeal: {
    __resolveReference: (reference, context) => context.loaders.flashDealById.load(reference.id),
    product: (deal, _args, context) => loadProduct(context, deal.productId),
    dealPrice: (deal) => money(deal.dealPriceAmount, deal.currency),
    unitsSold: (deal) => deal.quantity - deal.unitsLeft - deal.unitsReturned,
  },
  Campaign: {
    brand: (campaign, _args, context) => loadBrand(context, campaign.brandId),
    products: (campaign, _args, context) => context.loaders.campaignProducts.load(campaign.id),
    commissionRate: (campaign) => bpsToRate(campaign.commissionBps),
    fixedFee: (campaign) => money(campaign.feeAmount, campaign.currency),
    minFulfilmentRate: (campaign) => (campaign.minFulfilmentBps === null ? null : bpsToRate(campaign.minFulfilmentBps)),
    viewerMembership: (campaign, _args, context) => viewerMembership(context, campaign),
    members: (campaign, { status, ...args }, context) => campaignMembers(context, campaign, status, args),
    samples: (campaign, args, context) => campaignSamples(context, campaign, args),
  },
  CampaignSample: {
    campaign: (sample, _args, context) => sampleCampaign(context, sample),
    creator: (sample) => ({ id: sample.creatorId }),
    product: (sample, _args, context) => loadProduct(context, sample.productId),
    status: (sample, _args, context) => sampleStatus(sample, context.clock.now()),
    shipment: (sample) => (sample.carrier && sample.trackingNumber && sample.shippedAt ? { carrier: sample.carrier, trackingNumber: sample.trackingNumber, shippedAt: sample.shippedAt } : null),
    video: (sample) => (sample.contentKind === 'VIDEO' && sample.contentId ? { id: sample.contentId } : null),
    liveStream: (sample) => (sample.contentKind === 'LIVE' && sample.contentId ? { id: sample.contentId } : null),
  },
  CampaignMembership: {
    campaign: (member, _args, context) => campaignById(context, member.campaignId),
    creator: (member) => ({ id: member.creatorId }),
  },
  Brand: {
    __resolveReference: (reference, context) => context.loaders.brandById.load(reference.id),
    products: (brand, args, context) => newestFirst<ProductRow>(context.loaders.brandProducts, brand.id, args),
    catalogs: (brand, args, context) => newestFirst<CatalogRow>(context.loaders.brandCatalogs, brand.id, args),
    orders: (brand, args, context) => brandOrders(context, brand.id, args),
    allProducts: (brand, args, context) => brandCatalog(context, brand.id, args),
    productByExternalId: (brand, { externalId }, context) => productByExternalId(context, brand.id, externalId),
    commissionDeals: (brand, args, context) => brandCommissionDeals(context, brand.id, args),
    sales: (brand, { from, to }, context) => brandSales(context, brand.id, from, to),
    webhookEndpoints: (brand, _args, context) => brandWebhookEndpoints(context, brand.id),
    campaigns: (brand, args, context) => brandCampaigns(context, brand.id, args),
    webhookEndpoint: (brand, { id }, context) => brandWebhookEndpoint(context, brand.id, id),
  },
  WebhookEndpoint: {
    topics: (endpoint, _args, context) => endpointTopics(context, endpoint),
    previousSecretExpiresAt: (endpoint, _args, context) => previousSecretExpiresAt(context, endpoint),
    deliveries: (endpoint, args, context) => endpointDeliveries(context, endpoint, args),
  },
  WebhookDelivery: {
    topic: (delivery) => delivery.topic as WebhookTopic,
    lastResponseCode: (delivery) => delivery.lastStatusCode,
    nextAttemptAt: (delivery) => (delivery.status === 'DELIVERED' ? null : delivery.nextAttemptAt),
    payload: (delivery) => delivery.body,
  },
  DeleteCatalogPayload: {
    brand: (payload, _args, context) => loadBrand(context, payload.brandId),
  },
  ViewerKey: {
    brand: (key, _args, context) => loadBrand(context, key.brandId),
  },
  BrandSales: {
    totals: (report, _args, context) => context.store.brandSalesTotals(report),
    byProduct: (report, { first }, context) => salesBy(context, report, 'product', first),
    byCreator: (report, { first }, context) => salesBy(context, report, 'creator', first),
    byLiveStream: (report, { first }, context) => salesBy(context, report, 'liveStream', first),
  },
  SalesByProduct: {
    product: (row, _args, context) => loadProduct(context, row.key),
    sales: (row) => row,
  },
  SalesByCreator: {
    creator: (row) => ({ id: row.key }),
    sales: (row) => row,
  },
  SalesByLiveStream: {
    liveStream: (row) => ({ id: row.key }),
    sales: (row) => row,
  },
  SalesFigures: {
    revenue: (figures) => money(figures.revenueAmount),
    refunds: (figures) => money(figures.refundAmount),
    commission: (figures) => money(figures.commissionAmount),
  },
  Product: {
    __resolveReference: (reference, context) => context.loaders.productById.load(reference.id),
    price: (product) => money(product.priceAmount, product.currency),
    inStock: (product) => product.inventory > 0,
    brand: (product, _args, context) => loadBrand(context, product.brandId),
    commissionRate: (product) => bpsToRate(product.commissionBps),
  },
  Catalog: {
    __resolveReference: (reference, context) => context.loaders.catalogById.load(reference.id),
    brand: (catalog, _args, context) => loadBrand(context, catalog.brandId),
    products: (catalog, args, context) => inPositionOrder<ProductRow>(context.loaders.catalogProducts, catalog.id, args),
  },
  // Creators, videos and streams are owned elsewhere: their owner decides whether an id
  // exists, and an id with no rows here simply has empty lists.
  Creator: {
    // The gateway sends `giftEarnings` along when `earnings` is asked for (@requires).
    __resolveReference: (reference) => ({ id: reference.id, giftEarnings: 'giftEarnings' in reference ? reference.giftEarnings : undefined }),
    catalogs: (creator, args, context) => inPositionOrder<CatalogRow>(context.loaders.creatorCatalogs, creator.id, args),
    showcase: (creator, args, context) => inPositionOrder<ProductRow>(context.loaders.showcase, creator.id, args),
    affiliateLinks: (creator, args, context) => creatorAffiliateLinks(context, creator.id, args),
    commissionStatement: (creator, args, context) => commissionStatement(context, creator.id, args),
    commissionPayouts: (creator, args, context) => creatorPayouts(context, creator.id, args),
    videoSales: (creator, args, context) => creatorVideoSales(context, creator.id, args),
    sampleFulfilment: (creator, _args, context) => creatorFulfilment(context, creator.id),
    earnings: (creator, _args, context) => creatorEarnings(context, creator),
  },
  User: {
    __resolveReference: (reference) => ({ id: reference.id }),
    orders: (user, args, context) => buyerOrders(context, user.id, args),
  },
  AffiliateLink: {
    __resolveReference: (reference, context) => linkReference(context, reference.id),
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
  // The buyer's and the brand's parts of an order are refused to the attributed creator (orders.ts).
  Order: {
    __resolveReference: (reference, context) => orderReference(context, reference.id),
    buyer: (order, _args, context) => (requireOrderParty(context, order), { id: order.buyerId }),
    brand: (order, _args, context) => loadBrand(context, order.brandId),
    lines: (order, _args, context) => (requireOrderParty(context, order), context.loaders.orderLines.load(order.id)),
    total: (order, _args, context) => (requireOrderParty(context, order), money(order.totalAmount, order.currency)),
    refunded: async (order, _args, context) => {
      requireOrderParty(context, order);
      const lines = await context.loaders.orderLines.load(order.id);
      return money(lines.reduce((sum, line) => sum + line.refundedQuantity * line.unitPriceAmount, 0), order.currency);
    },
    commission: (order) => money(order.commissionAmount, order.currency),
    commissionReversed: async (order, _args, context) => money((await context.loaders.orderLines.load(order.id)).reduce((sum, line) => sum + line.commissionReversed, 0), order.currency),
    shipment: (order, _args, context) => {
      requireOrderParty(context, order);
      return order.carrier && order.trackingNumber && order.fulfilledAt ? { carrier: order.carrier, trackingNumber: order.trackingNumber, shippedAt: order.fulfilledAt } : null;
    },
    returns: (order, _args, context) => (requireOrderParty(context, order), context.loaders.orderReturns.load(order.id)),
    commissionLines: (order, _args, context) => context.loaders.orderCommissionLines.load(order.id),
    attributedCreator: (order) => (order.creatorId ? { id: order.creatorId } : null),
    affiliateCode: async (order, _args, context) => (order.affiliateLinkId ? (await loadAffiliateLink(context, order.affiliateLinkId)).code : null),
    liveStream: (order) => (order.liveStreamId ? { id: order.liveStreamId } : null),
    video: (order) => (order.videoId ? { id: order.videoId } : null),
  },
  OrderLine: {
    product: (line, _args, context) => loadProduct(context, line.productId),
    unitPrice: (line) => money(line.unitPriceAmount, line.currency),
    total: (line) => money(line.totalAmount, line.currency),
    refunded: (line) => money(line.refundedQuantity * line.unitPriceAmount, line.currency),
    commissionRate: (line) => bpsToRate(line.commissionBps),
    commission: (line) => money(line.commissionAmount, line.currency),
    commissionReversed: (line) => money(line.commissionReversed, line.currency),
    campaign: (line, _args, context) => (line.campaignId ? visibleCampaign(context, line.campaignId) : null),
  },
  CommissionStatement: {
    lines: (statement, args, context) => statementLines(context, statement, args),
    totals: (statement, _args, context) => statementTotals(context, statement),
  },
  CommissionLine: {
    order: (line, _args, context) => visibleOrder(context, line.orderId),
    product: (line, _args, context) => loadProduct(context, line.productId),
    units: (line) => line.quantity,
    refundedUnits: (line) => line.refundedQuantity,
    rate: (line) => bpsToRate(line.commissionBps),
    amount: (line) => money(line.commissionAmount - line.commissionReversed, line.currency),
    reversed: (line) => money(line.commissionReversed, line.currency),
    state: (line) => stateOf(line.bucket),
    lockedUntil: (line) => lockedUntil(line),
    campaign: (line, _args, context) => (line.campaignId ? visibleCampaign(context, line.campaignId) : null),
  },
  CommissionPayout: {
    __resolveReference: (reference, context) => payoutReference(context, reference.id),
    amount: (payout) => money(payout.amount, payout.currency),
  },
  OrderReturn: {
    __resolveReference: (reference, context) => returnReference(context, reference.id),
    order: (found, _args, context) => visibleOrder(context, found.orderId),
    lines: (found, _args, context) => context.loaders.returnLines.load(found.id),
    refund: async (found, _args, context) => money(found.refundAmount, (await visibleOrder(context, found.orderId)).currency),
  },
  OrderReturnLine: {
    product: (line, _args, context) => loadProduct(context, line.productId),
    refund: (line) => money(line.quantity * line.unitPriceAmount, line.currency),
  },
  VideoSales: {
    video: (row) => ({ id: row.videoId }),
    revenue: (row) => money(row.revenueAmount),
    commission: (row) => money(row.commissionAmount),
  },
  Video: {
    __resolveReference: (reference) => ({ id: reference.id }),
    products: (video, _args, context) => context.loaders.videoProducts.load(video.id),
  },
  LiveStream: {
    __resolveReference: (reference) => ({ id: reference.id }),
    pinnedProducts: (stream, _args, context) => context.loaders.pinnedProducts.load(stream.id),
    sales: (stream, _args, context) => liveStreamSales(context, stream.id),
    flashDeals: (stream, _args, context) => streamFlashDeals(context, stream.id),
  },
};
