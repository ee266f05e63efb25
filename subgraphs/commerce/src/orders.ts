/**
 * The rules of an order once placed (placing one is checkout.ts; returns are returns.ts), in one place.
 *
 * - PAID → FULFILLED: the brand's partner key (`orders:write`) ships it, with a carrier and a
 *   tracking number. The return window starts then: the order keeps its end (`returnsUntil`,
 *   the configured ORDER_RETURN_WINDOW_DAYS after fulfilment), so a later change of the setting
 *   never moves a window already running.
 * - PAID → CANCELLED: the buyer, or the brand (`orders:write`) when it cannot ship, cancels; one
 *   transaction puts every line's units back and claws the commission back in full.
 * - FULFILLED and CANCELLED are final: fulfilling or cancelling again is refused with a code that
 *   says which it is. Every one of these takes an idempotency key (the buyer's or the brand's), with
 *   checkout's rules: the same key and input return the order and move nothing.
 * - Who sees an order: its buyer and partner keys of its brand with an orders scope see all of it;
 *   the creator the sale is attributed to sees the commission view (status, dates, brand,
 *   attribution and commission), never the buyer, the other lines, the money or the shipment.
 *   Anyone else is told the order does not exist. A user's list of orders is theirs alone, a
 *   brand's its own keys'.
 */
import { requireOwner, requirePartnerOf, signedInUserId } from '@app/kit/access';
import { badInput, forbidden, notFound, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import type { PageArgs } from '@app/kit/pagination';
import type { Viewer } from '@app/kit/viewer';
import { DAY_MS } from '@app/kit/clock';
import type { Context } from './context.ts';
import type { CommerceTx } from './db/store.ts';
import type { OrderRow } from './mappers.ts';
import { newestFirst } from './pages.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import { tellOrderChanged } from './webhookEvents.ts';

const CARRIER_MAX = 50;
const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$/;

/** How the viewer stands to an order, or null when it is none of theirs. */
export type OrderRole = 'BUYER' | 'BRAND' | 'CREATOR';

export function orderRole(viewer: Viewer, order: OrderRow): OrderRole | null {
  if (viewer.userId !== null && viewer.userId === order.buyerId) return 'BUYER';
  if (viewer.partnerId === order.brandId && viewer.scopes.some((scope) => scope === 'orders:read' || scope === 'orders:write')) return 'BRAND';
  if (viewer.userId !== null && viewer.userId === order.creatorId) return 'CREATOR';
  return null;
}

/** An order the viewer may see. @throws NOT_FOUND for an unknown id and for an order that is none of theirs alike. */
export async function visibleOrder(context: Context, id: string): Promise<OrderRow> {
  const order = await orderReference(context, id);
  if (!order) throw notFound('Order', id);
  return order;
}

/** An order for an entity reference or `node`: null (unknown) to anyone who may not see it. */
export async function orderReference(context: Context, id: string): Promise<OrderRow | null> {
  const order = await context.loaders.orderById.load(id);
  return order && orderRole(context.viewer, order) ? order : null;
}

/**
 * For the parts of an order that are its buyer's and brand's (the buyer, the lines, the money,
 * the shipment, returns). @throws FORBIDDEN (COMMISSION_VIEW_ONLY) to the attributed creator.
 */
export function requireOrderParty(context: Context, order: OrderRow): void {
  const role = orderRole(context.viewer, order);
  if (role === 'BUYER' || role === 'BRAND') return;
  throw forbidden("The attributed creator sees an order's commission, not its buyer, lines, money or shipment.", { reason: ForbiddenReason.COMMISSION_VIEW_ONLY });
}

export function buyerOrders(context: Context, userId: string, args: PageArgs) {
  requireOwner(context.viewer, userId, 'Only the user can see their own orders.', ForbiddenReason.NOT_THE_USER);
  return newestFirst<OrderRow>(context.loaders.buyerOrders, userId, args);
}

export function brandOrders(context: Context, brandId: string, args: PageArgs) {
  requirePartnerOf(context.viewer, brandId);
  return newestFirst<OrderRow>(context.loaders.brandOrders, brandId, args);
}

/** The brand a partner key acts for. @throws FORBIDDEN (PARTNER_REQUIRED) for anyone else. */
export function partnerBrandId(viewer: Viewer): string {
  if (!viewer.partnerId) throw forbidden("This is done with the brand's partner key.", { reason: ForbiddenReason.PARTNER_REQUIRED });
  return viewer.partnerId;
}

/** An order inside a write: it must exist and still be PAID to change. */
async function paidOrder(tx: CommerceTx, orderId: string, allowed: (order: OrderRow) => void): Promise<OrderRow> {
  const [order] = await tx.ordersByIds([orderId]);
  if (!order) throw notFound('Order', orderId);
  allowed(order);
  if (order.status === 'FULFILLED') throw refuse(Refusal.ORDER_ALREADY_FULFILLED, 'This order has been fulfilled already.', { orderId });
  if (order.status === 'CANCELLED') throw refuse(Refusal.ORDER_CANCELLED, 'This order has been cancelled.', { orderId });
  return order;
}

/** Cancels a PAID order: back to stock, commission clawed back in full, in the caller's transaction. */
async function cancelPaid(context: Context, tx: CommerceTx, order: OrderRow, cancelledBy: 'BUYER' | 'BRAND', now: Date): Promise<void> {
  const cancelled = await tx.closePaidOrder(order.id, { status: 'CANCELLED', cancelledAt: now, cancelledBy });
  if (!cancelled) throw new Error(`order ${order.id} changed under a write lock`);
  const lines = await tx.orderLineLists([order.id]);
  await tx.restoreStock(lines.map((line) => line.node));
  await tx.reverseOrderCommission(order.id);
  await tellOrderChanged(tx, cancelled, lines.map((line) => line.node), { topic: 'ORDER_CANCELLED', cancelledBy }, now);
  // Stock, the buyer's orders and the stream's sales.
  context.changed('Product', lines.map((line) => line.node.productId));
  context.changed('Order', order.id);
  context.changed('User', order.buyerId);
  if (order.liveStreamId) context.changed('LiveStream', order.liveStreamId);
}

export interface OrderChangeInput {
  orderId: string;
  idempotencyKey: string;
}

/** The buyer cancels their PAID order. */
export async function cancelOrder(context: Context, input: OrderChangeInput): Promise<OrderRow> {
  const buyerId = signedInUserId(context.viewer);
  const { result } = await idempotent(context.store, { scope: buyerId, key: input.idempotencyKey, operation: 'cancelOrder', input: { orderId: input.orderId } }, async (tx) => {
    const order = await paidOrder(tx, input.orderId, (found) => requireOwner(context.viewer, found.buyerId, 'Only the buyer can cancel an order.', ForbiddenReason.NOT_ORDER_BUYER));
    await cancelPaid(context, tx, order, 'BUYER', context.clock.now());
    return { orderId: order.id };
  });
  return visibleOrder(context, result.orderId);
}

/** The brand cancels a PAID order of its own that it cannot ship. */
export async function cancelBrandOrder(context: Context, input: OrderChangeInput): Promise<OrderRow> {
  const brandId = partnerBrandId(context.viewer);
  const { result } = await idempotent(context.store, { scope: brandId, key: input.idempotencyKey, operation: 'cancelBrandOrder', input: { orderId: input.orderId } }, async (tx) => {
    const order = await paidOrder(tx, input.orderId, (found) => requirePartnerOf(context.viewer, found.brandId));
    await cancelPaid(context, tx, order, 'BRAND', context.clock.now());
    return { orderId: order.id };
  });
  return visibleOrder(context, result.orderId);
}

export interface FulfilmentInput extends OrderChangeInput {
  carrier: string;
  trackingNumber: string;
}

/** The shipment as given, checked before anything is read: bad input changes nothing. */
function shipment(input: FulfilmentInput): { carrier: string; trackingNumber: string } {
  const carrier = input.carrier.trim();
  if (carrier.length < 1 || carrier.length > CARRIER_MAX) throw badInput(`carrier must be 1 to ${CARRIER_MAX} characters.`, { field: 'carrier' });
  const trackingNumber = input.trackingNumber.trim();
  if (!TRACKING_NUMBER.test(trackingNumber)) throw badInput('trackingNumber must be 1 to 64 letters, digits, spaces or dashes.', { field: 'trackingNumber' });
  return { carrier, trackingNumber };
}

/** The brand ships a PAID order of its own; the return window starts now. */
export async function fulfillOrder(context: Context, input: FulfilmentInput): Promise<OrderRow> {
  const brandId = partnerBrandId(context.viewer);
  const shipped = shipment(input);
  const request = { scope: brandId, key: input.idempotencyKey, operation: 'fulfillOrder', input: { orderId: input.orderId, ...shipped } };
  const { result } = await idempotent(context.store, request, async (tx) => {
    const order = await paidOrder(tx, input.orderId, (found) => requirePartnerOf(context.viewer, found.brandId));
    const now = context.clock.now();
    const returnsUntil = new Date(now.getTime() + context.settings.returnWindowDays * DAY_MS);
    const fulfilled = await tx.closePaidOrder(order.id, { status: 'FULFILLED', fulfilledAt: now, ...shipped, returnsUntil });
    if (!fulfilled) throw new Error(`order ${order.id} changed under a write lock`);
    const lines = await tx.orderLineLists([order.id]);
    await tellOrderChanged(tx, fulfilled, lines.map((line) => line.node), { topic: 'ORDER_FULFILLED', ...shipped, returnsUntil }, now);
    context.changed('Order', order.id);
    return { orderId: order.id };
  });
  return visibleOrder(context, result.orderId);
}
