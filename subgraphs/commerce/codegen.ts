import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  Brand: '../mappers.ts#BrandRow',
  Product: '../mappers.ts#ProductRow',
  Catalog: '../mappers.ts#CatalogRow',
  AffiliateLink: '../mappers.ts#AffiliateLinkView',
  AffiliateClick: '../mappers.ts#AffiliateClickRow',
  CommissionDeal: '../mappers.ts#CommissionDealRow',
  Order: '../mappers.ts#OrderRow',
  OrderLine: '../mappers.ts#OrderLineView',
  OrderReturn: '../mappers.ts#OrderReturnRow',
  OrderReturnLine: '../mappers.ts#OrderReturnLineView',
  CommissionLine: '../mappers.ts#CommissionLineView',
  CommissionStatement: '../settlement.ts#Statement',
  CommissionPayout: '../mappers.ts#CommissionPayoutRow',
  ViewerKey: '../partners.ts#ViewerKeyView',
  DeleteCatalogPayload: '../curation.ts#DeletedCatalog',
  BrandSales: '../analytics.ts#SalesReport',
  SalesFigures: '../mappers.ts#SalesFigures as SalesFiguresRow',
  SalesByProduct: '../mappers.ts#SalesRow',
  SalesByCreator: '../mappers.ts#SalesRow',
  SalesByLiveStream: '../mappers.ts#SalesRow',
  CheckoutPayload: '../mappers.ts#CheckoutResult',
  LiveShoppingEvent: '../mappers.ts#LiveShoppingEventView',
  Money: '@app/kit/money#Money as MoneyValue',
  Node: '../node.ts#NodeValue',
  // Entities other subgraphs own: commerce resolves them from their id alone (and, for a
  // creator's earnings, the gift earnings the gateway brings from gifts).
  Creator: '../mappers.ts#CreatorRef',
  User: '../mappers.ts#EntityRef',
  Video: '../mappers.ts#EntityRef',
  LiveStream: '../mappers.ts#EntityRef',
});
