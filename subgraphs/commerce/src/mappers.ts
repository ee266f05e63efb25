/** What resolvers receive for each type (codegen's mappers): the store's rows and views, and references. */
import type { AffiliateLinkRow, OrderRow } from './db/tables.ts';
import type { LiveShoppingEventKind, LiveShoppingPayload } from './vocabulary.ts';

export type { BrandRow, CampaignMemberRow, CampaignRow, CampaignSampleRow, CatalogRow, CommissionDealRow, CommissionPayoutRow, FlashDealRow, OrderReturnRow, OrderRow, ProductRow, VideoSalesRow } from './db/tables.ts';
export type { WebhookDeliveryRow, WebhookEndpointRow } from '@app/kit/db/webhook-statements';
export type { AffiliateLinkView, CommissionLineView, OrderLineView, OrderReturnLineView, SalesFigures, SalesRow } from './db/contract.ts';

/** What `recordAffiliateClick` answers: the link it counted (or not). */
export interface AffiliateClickRow {
  link: AffiliateLinkRow;
  counted: boolean;
}

/** What `checkout` answers: the order placed (or placed before, on a replay). */
export interface CheckoutResult {
  order: OrderRow;
  replayed: boolean;
}

/** An entity another subgraph owns: commerce knows its id and nothing else. */
export interface EntityRef {
  id: string;
}

type RequiredMoney = { amount: number; currencyCode: string };

/** A creator as commerce sees it: the id, and the gift earnings `earnings` requires from gifts. */
export interface CreatorRef extends EntityRef {
  giftEarnings?: {
    value?: RequiredMoney | null;
    /** Null when gifts refused or failed to give it. */
    balance?: Record<'available' | 'pending' | 'locked' | 'inPayout' | 'paidOut', RequiredMoney> | null;
  } | null;
}

/** What a subscription to a stream's shopping events hands its resolvers: one outbox event. */
export interface LiveShoppingEventView extends Omit<LiveShoppingPayload, 'dealId'> {
  id: string;
  kind: LiveShoppingEventKind;
  /** The flash deal a DEAL_* event is about; null for the others. */
  dealId: string | null;
}
