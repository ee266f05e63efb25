import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  Brand: '../db/schema.ts#BrandRow',
  Product: '../db/schema.ts#ProductRow',
  Catalog: '../db/schema.ts#CatalogRow',
  AffiliateLink: '../db/schema.ts#AffiliateLinkView',
  AffiliateClick: '../db/schema.ts#AffiliateClickRow',
  CommissionDeal: '../db/schema.ts#CommissionDealRow',
  Order: '../db/schema.ts#OrderRow',
  OrderLine: '../db/schema.ts#OrderLineView',
  OrderReturn: '../db/schema.ts#OrderReturnRow',
  OrderReturnLine: '../db/schema.ts#OrderReturnLineView',
  CommissionLine: '../db/settlement.ts#CommissionLineView',
  CommissionStatement: '../settlement.ts#Statement',
  CommissionPayout: '../db/schema.ts#CommissionPayoutRow',
  ViewerKey: '../partners.ts#ViewerKeyView',
  DeleteCatalogPayload: '../curation.ts#DeletedCatalog',
  BrandSales: '../analytics.ts#SalesReport',
  SalesFigures: '../db/analytics.ts#SalesFigures as SalesFiguresRow',
  SalesByProduct: '../db/analytics.ts#SalesRow',
  SalesByCreator: '../db/analytics.ts#SalesRow',
  SalesByLiveStream: '../db/analytics.ts#SalesRow',
  CheckoutPayload: '../db/schema.ts#CheckoutResult',
  LiveShoppingEvent: '../db/schema.ts#LiveShoppingEventView',
  Money: '@app/kit/money#Money as MoneyValue',
  Node: '../node.ts#NodeValue',
  // Entities other subgraphs own: commerce resolves them from their id alone (and, for a
  // creator's earnings, the gift earnings the gateway brings from gifts).
  Creator: '../db/schema.ts#CreatorRef',
  User: '../db/schema.ts#EntityRef',
  Video: '../db/schema.ts#EntityRef',
  LiveStream: '../db/schema.ts#EntityRef',
});
