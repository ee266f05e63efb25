/**
 * What commerce's writes tell a brand's webhook endpoints, in one place: which write sends which
 * topic, and the payload each carries (docs/webhooks.md shows them).
 *
 * - Every event is enqueued in the transaction of the write that causes it
 *   (`enqueueWebhookEvent`), so a webhook is sent if and only if its write committed: a refused or
 *   rolled-back write leaves no delivery.
 * - The owner is the brand whose order, product or pinned product it is; only that brand's
 *   endpoints that hear the topic get a delivery.
 * - A payload is `{ id, type, occurredAt, data }`: `id` is the event's (also `webhook-id`, the same
 *   on every attempt and on a replay), `type` the topic as `order.paid`, `occurredAt` the write's
 *   time, `data` the ids and the few fields a brand acts on. Money is integer minor units of the
 *   order's `currency`. Fields are only ever added to a payload, never renamed or removed.
 * - Checkout both creates and pays an order (payment is taken at checkout), so it sends
 *   ORDER_CREATED then ORDER_PAID, in that order.
 * - Stock topics are crossings (LOW_STOCK_UNITS): a write that takes a product from above the
 *   threshold to within it sends PRODUCT_STOCK_LOW, one that takes the last unit
 *   PRODUCT_OUT_OF_STOCK (a single write that does both sends only the latter).
 */
import { newId } from '@app/kit/ids';
import type { CommerceTx } from './db/store.ts';
import type { OrderRow } from './mappers.ts';
import { LOW_STOCK_UNITS, webhookEventType, type WebhookTopic } from './vocabulary.ts';

/** An order line as payloads show it. */
export interface OrderLinePayload {
  position: number;
  productId: string;
  title: string;
  quantity: number;
  unitPriceAmount: number;
  totalAmount: number;
}

/** The order in every ORDER_* payload. */
export interface OrderPayload {
  id: string;
  status: OrderRow['status'];
  currency: string;
  totalAmount: number;
  createdAt: string;
  lines: OrderLinePayload[];
}

type OrderLike = Pick<OrderRow, 'id' | 'brandId' | 'status' | 'currency' | 'totalAmount' | 'createdAt'>;

/** Appends one event for the brand's endpoints that hear `topic`, in the caller's transaction. */
async function enqueue(tx: CommerceTx, brandId: string, topic: WebhookTopic, data: Record<string, unknown>, now: Date): Promise<void> {
  const eventId = newId('evt');
  const body = JSON.stringify({ id: eventId, type: webhookEventType(topic), occurredAt: now.toISOString(), data });
  await tx.enqueueWebhookEvent({ ownerId: brandId, topic, eventId, body }, now, () => newId('whd'));
}

function orderPayload(order: OrderLike, lines: readonly OrderLinePayload[]): OrderPayload {
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    totalAmount: order.totalAmount,
    createdAt: order.createdAt.toISOString(),
    lines: lines.map(({ position, productId, title, quantity, unitPriceAmount, totalAmount }) => ({ position, productId, title, quantity, unitPriceAmount, totalAmount })),
  };
}

/** Checkout: the order was created and paid in one step. */
export async function tellOrderPlaced(tx: CommerceTx, order: OrderLike, lines: readonly OrderLinePayload[], now: Date): Promise<void> {
  const data = { order: orderPayload(order, lines) };
  await enqueue(tx, order.brandId, 'ORDER_CREATED', data, now);
  await enqueue(tx, order.brandId, 'ORDER_PAID', data, now);
}

export type OrderChange =
  | { topic: 'ORDER_CANCELLED'; cancelledBy: 'BUYER' | 'BRAND' }
  | { topic: 'ORDER_FULFILLED'; carrier: string; trackingNumber: string; returnsUntil: Date }
  | { topic: 'ORDER_RETURNED'; returnId: string; refundAmount: number; restocked: boolean; returnedLines: readonly { position: number; productId: string; quantity: number }[] };

/** A placed order changed: cancelled, shipped, or a return of it approved (refunded). */
export async function tellOrderChanged(tx: CommerceTx, order: OrderLike, lines: readonly OrderLinePayload[], change: OrderChange, now: Date): Promise<void> {
  const base = { order: orderPayload(order, lines) };
  switch (change.topic) {
    case 'ORDER_CANCELLED':
      return enqueue(tx, order.brandId, change.topic, { ...base, cancelledBy: change.cancelledBy }, now);
    case 'ORDER_FULFILLED':
      return enqueue(tx, order.brandId, change.topic, { ...base, shipment: { carrier: change.carrier, trackingNumber: change.trackingNumber }, returnsUntil: change.returnsUntil.toISOString() }, now);
    case 'ORDER_RETURNED':
      return enqueue(
        tx,
        order.brandId,
        change.topic,
        { ...base, return: { id: change.returnId, refundAmount: change.refundAmount, restocked: change.restocked, lines: change.returnedLines.map(({ position, productId, quantity }) => ({ position, productId, quantity })) } },
        now,
      );
  }
}

/** The topic a change of a product's stock from `before` to `after` units sends, if any. */
export function stockCrossing(before: number, after: number): 'PRODUCT_STOCK_LOW' | 'PRODUCT_OUT_OF_STOCK' | null {
  if (after >= before) return null;
  if (after === 0) return 'PRODUCT_OUT_OF_STOCK';
  if (before > LOW_STOCK_UNITS && after <= LOW_STOCK_UNITS) return 'PRODUCT_STOCK_LOW';
  return null;
}

/** A write moved a product's stock: tells its brand when it crossed into low or out. */
export async function tellStockChanged(tx: CommerceTx, product: { id: string; brandId: string; title: string }, before: number, after: number, now: Date): Promise<void> {
  const topic = stockCrossing(before, after);
  if (!topic) return;
  await enqueue(tx, product.brandId, topic, { product: { id: product.id, title: product.title, inventory: after }, lowStockUnits: LOW_STOCK_UNITS }, now);
}

/** A creator pinned the brand's product on a stream (LIVE now or about to be). */
export async function tellProductPinned(tx: CommerceTx, liveStreamId: string, product: { id: string; brandId: string; title: string }, now: Date): Promise<void> {
  await enqueue(tx, product.brandId, 'LIVE_PRODUCT_PINNED', { liveStreamId, product: { id: product.id, title: product.title } }, now);
}

/** The brand's product's flash deal on a stream sold every unit it reserved (in the selling checkout's transaction). */
export async function tellDealSoldOut(
  tx: CommerceTx,
  deal: { id: string; liveStreamId: string; quantity: number; dealPriceAmount: number; currency: string },
  product: { id: string; brandId: string; title: string },
  now: Date,
): Promise<void> {
  await enqueue(
    tx,
    product.brandId,
    'LIVE_DEAL_SOLD_OUT',
    { liveStreamId: deal.liveStreamId, deal: { id: deal.id, quantity: deal.quantity, dealPriceAmount: deal.dealPriceAmount, currency: deal.currency }, product: { id: product.id, title: product.title } },
    now,
  );
}

/** A campaign as campaign payloads show it. */
interface CampaignPayload {
  id: string;
  name: string;
}

/** A creator applied to the brand's campaign (the brand approves or rejects them). */
export async function tellCampaignApplied(tx: CommerceTx, campaign: CampaignPayload & { brandId: string }, creatorId: string, message: string | null, now: Date): Promise<void> {
  await enqueue(tx, campaign.brandId, 'CAMPAIGN_APPLIED', { campaign: { id: campaign.id, name: campaign.name }, creatorId, message }, now);
}

/** A creator joined the brand's campaign: they accepted its invitation, or the brand approved their application. */
export async function tellCampaignAccepted(
  tx: CommerceTx,
  campaign: CampaignPayload & { brandId: string; acceptedCount: number; capacity: number },
  creatorId: string,
  via: 'INVITATION' | 'APPLICATION',
  now: Date,
): Promise<void> {
  await enqueue(tx, campaign.brandId, 'CAMPAIGN_ACCEPTED', { campaign: { id: campaign.id, name: campaign.name, acceptedCount: campaign.acceptedCount, capacity: campaign.capacity }, creatorId, via }, now);
}

/** A creator's content fulfilled a sample of the brand's campaign (a video tagging the product, or a LIVE that pinned it); the fee, if any, became payable. */
export async function tellCampaignContentDelivered(
  tx: CommerceTx,
  campaign: CampaignPayload & { brandId: string },
  sample: { id: string; creatorId: string; productId: string; contentKind: string | null; contentId: string | null },
  feeAmount: number,
  currency: string,
  now: Date,
): Promise<void> {
  await enqueue(
    tx,
    campaign.brandId,
    'CAMPAIGN_CONTENT_DELIVERED',
    {
      campaign: { id: campaign.id, name: campaign.name },
      creatorId: sample.creatorId,
      sample: { id: sample.id, productId: sample.productId },
      content: { kind: sample.contentKind, id: sample.contentId },
      feePayable: feeAmount > 0 ? { amount: feeAmount, currency } : null,
    },
    now,
  );
}
