/**
 * The commerce subgraph's own refusal codes, in `extensions.code` (raised with the kit's `refuse`).
 * Clients branch on them: they are part of the API, never renamed. Generic cases use the kit's
 * codes: NOT_FOUND, BAD_USER_INPUT, FORBIDDEN, UNAUTHENTICATED, IDEMPOTENCY_KEY_REUSED,
 * SERVICE_UNAVAILABLE. A merch feed's failing items are reported in its result (index, field,
 * reason), not as errors.
 */
export const Refusal = {
  /** A product archived (off sale) is bought, pinned, showcased, added to a catalog or linked. */
  PRODUCT_NOT_AVAILABLE: 'PRODUCT_NOT_AVAILABLE',
  /** A checkout line asks for more units than are left (`line`, `available`). */
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  /** A checkout mixes brands: an order is one brand's products. */
  MULTIPLE_BRANDS: 'MULTIPLE_BRANDS',
  /** A checkout mixes currencies: an order is in one currency. */
  MULTIPLE_CURRENCIES: 'MULTIPLE_CURRENCIES',
  /** No affiliate link has the code given to checkout or to a click. */
  AFFILIATE_CODE_NOT_FOUND: 'AFFILIATE_CODE_NOT_FOUND',
  /** The affiliate code's product is not among the checkout's lines. */
  AFFILIATE_PRODUCT_NOT_IN_ORDER: 'AFFILIATE_PRODUCT_NOT_IN_ORDER',
  /** A checkout attributed to a live stream buys none of the products pinned on it. */
  PRODUCT_NOT_PINNED: 'PRODUCT_NOT_PINNED',
  /** A checkout attributed to a video buys none of the products tagged in it. */
  PRODUCT_NOT_TAGGED: 'PRODUCT_NOT_TAGGED',
  /** A checkout is attributed to a stream that is not LIVE now (content says). */
  STREAM_NOT_LIVE: 'STREAM_NOT_LIVE',
  /** A product is pinned on a stream that has ended. */
  STREAM_ENDED: 'STREAM_ENDED',
  /** A stream already shows the most pinned products it may. */
  PIN_LIMIT_REACHED: 'PIN_LIMIT_REACHED',
  /** A creator's showcase already holds the most products it may. */
  SHOWCASE_FULL: 'SHOWCASE_FULL',
  /** Adding these products would take a catalog past the most it holds. */
  CATALOG_FULL: 'CATALOG_FULL',
  /** A product is moved in a showcase or catalog it is not in. */
  PRODUCT_NOT_LISTED: 'PRODUCT_NOT_LISTED',
  /** A creator's profile is given more catalogs than it shows (`max`). */
  PROFILE_CATALOGS_LIMIT: 'PROFILE_CATALOGS_LIMIT',
  /** A catalog is given another brand's product. */
  PRODUCT_OF_ANOTHER_BRAND: 'PRODUCT_OF_ANOTHER_BRAND',
  /** An order already fulfilled is cancelled or fulfilled again. */
  ORDER_ALREADY_FULFILLED: 'ORDER_ALREADY_FULFILLED',
  /** A cancelled order is fulfilled, cancelled again or returned. */
  ORDER_CANCELLED: 'ORDER_CANCELLED',
  /** A return is asked for on an order not shipped yet: cancel it instead. */
  ORDER_NOT_FULFILLED: 'ORDER_NOT_FULFILLED',
  /** A return is asked for after the order's return window ended (`returnsUntil`). */
  RETURN_WINDOW_CLOSED: 'RETURN_WINDOW_CLOSED',
  /** A return is asked for while another on the same order waits for the brand (`returnId`). */
  RETURN_ALREADY_OPEN: 'RETURN_ALREADY_OPEN',
  /** A return line asks for more units than the line has left to refund (`line`, `returnable`). */
  RETURN_QUANTITY_EXCEEDED: 'RETURN_QUANTITY_EXCEEDED',
  /** A return approved or declined before is decided again (`status`). */
  RETURN_ALREADY_DECIDED: 'RETURN_ALREADY_DECIDED',
  /** A commission payout is asked for with less payable than the minimum (`available`, `minimum`). */
  PAYOUT_BELOW_MINIMUM: 'PAYOUT_BELOW_MINIMUM',
  /** A live stream's sales are in more than one currency, so no one revenue adds them up. */
  SALES_CURRENCY_MISMATCH: 'SALES_CURRENCY_MISMATCH',
  /** Gift earnings come in a currency other than the commissions' (USD), so no total adds up. */
  EARNINGS_CURRENCY_MISMATCH: 'EARNINGS_CURRENCY_MISMATCH',
  /** A brand registers more webhook endpoints than it may (`max`). */
  WEBHOOK_ENDPOINT_LIMIT_REACHED: 'WEBHOOK_ENDPOINT_LIMIT_REACHED',
  /** A flash deal is started on a product that already has one scheduled or running on the stream (`dealId`). */
  DEAL_ALREADY_RUNNING: 'DEAL_ALREADY_RUNNING',
  /** A checkout buys from a flash deal before it starts (`startsAt`). */
  DEAL_NOT_STARTED: 'DEAL_NOT_STARTED',
  /** A checkout buys from a flash deal after it ended, by time or sold out (`endedReason`). */
  DEAL_ENDED: 'DEAL_ENDED',
  /** A checkout asks a flash deal for more units than it has left (`unitsLeft`). */
  DEAL_SOLD_OUT: 'DEAL_SOLD_OUT',
  /** A checkout would take the buyer past the deal's per-buyer limit (`perBuyerLimit`, `remaining`: how many they may still take). */
  DEAL_LIMIT_REACHED: 'DEAL_LIMIT_REACHED',
  /** A campaign's rate is not above the open rate of one of its products (`productId`, `openRate`). */
  CAMPAIGN_RATE_TOO_LOW: 'CAMPAIGN_RATE_TOO_LOW',
  /** A closed campaign is joined, invited to or decided on. */
  CAMPAIGN_CLOSED: 'CAMPAIGN_CLOSED',
  /** A campaign already has as many accepted creators as it takes (`capacity`). */
  CAMPAIGN_FULL: 'CAMPAIGN_FULL',
  /** A creator accepts or declines a campaign that did not invite them (`status`: where they stand, if anywhere). */
  NOT_INVITED: 'NOT_INVITED',
  /** A brand approves or rejects a creator who has not applied (`status`). */
  NOT_APPLIED: 'NOT_APPLIED',
  /** A creator applies to a campaign that invited them: accept the invitation instead. */
  ALREADY_INVITED: 'ALREADY_INVITED',
  /** A creator applies again after the brand rejected them or they declined (`status`). */
  CAMPAIGN_MEMBERSHIP_ENDED: 'CAMPAIGN_MEMBERSHIP_ENDED',
  /** A sample is asked for by a creator not accepted in the campaign (`status`). */
  NOT_A_CAMPAIGN_MEMBER: 'NOT_A_CAMPAIGN_MEMBER',
  /** A sample is asked for of a product that is not the campaign's. */
  PRODUCT_NOT_IN_CAMPAIGN: 'PRODUCT_NOT_IN_CAMPAIGN',
  /** A creator whose sample fulfilment rate is below the campaign's threshold asks for a sample (`rate`, `minimum`). */
  FULFILMENT_RATE_TOO_LOW: 'FULFILMENT_RATE_TOO_LOW',
  /** A creator asks again for a sample of a campaign product they asked for before (`sampleId`, `status`). */
  SAMPLE_ALREADY_REQUESTED: 'SAMPLE_ALREADY_REQUESTED',
  /** A brand answers a sample request after its window ended (`decideBy`). */
  SAMPLE_LAPSED: 'SAMPLE_LAPSED',
  /** A brand answers a sample request it answered before the other way (`status`). */
  SAMPLE_ALREADY_DECIDED: 'SAMPLE_ALREADY_DECIDED',
  /** A sample not approved is shipped (`status`). */
  SAMPLE_NOT_APPROVED: 'SAMPLE_NOT_APPROVED',
  /** A sample not shipped is marked delivered (`status`). */
  SAMPLE_NOT_SHIPPED: 'SAMPLE_NOT_SHIPPED',
  /** Content is given for a sample not delivered (`status`). */
  SAMPLE_NOT_DELIVERED: 'SAMPLE_NOT_DELIVERED',
  /** Content is given for a sample after its content window ended (`contentDueAt`). */
  SAMPLE_CONTENT_OVERDUE: 'SAMPLE_CONTENT_OVERDUE',
  /** The video does not tag the sample's product, or the LIVE stream did not pin it, or the content is not the sample's creator's. */
  CONTENT_DOES_NOT_FEATURE_PRODUCT: 'CONTENT_DOES_NOT_FEATURE_PRODUCT',
} as const;

/** The `reason` of commerce's FORBIDDEN refusals (besides the kit's USER_REQUIRED and NOT_OWNING_PARTNER). */
export const ForbiddenReason = {
  /** Only an order's buyer cancels it or asks for a return. */
  NOT_ORDER_BUYER: 'NOT_ORDER_BUYER',
  /** Only a stream's own creator changes its overlay. */
  NOT_STREAM_CREATOR: 'NOT_STREAM_CREATOR',
  /** Links and showcases are for creators (users says who is one). */
  NOT_A_CREATOR: 'NOT_A_CREATOR',
  /** A brand's own data (myBrand, commission deals) is reached with its partner key. */
  PARTNER_REQUIRED: 'PARTNER_REQUIRED',
  /** A creator's affiliate links and earnings are theirs alone. */
  NOT_THE_CREATOR: 'NOT_THE_CREATOR',
  /** A user's orders are theirs alone. */
  NOT_THE_USER: 'NOT_THE_USER',
  /** The attributed creator sees an order's commission, not its buyer, other lines, money or shipment. */
  COMMISSION_VIEW_ONLY: 'COMMISSION_VIEW_ONLY',
} as const;
