/**
 * The rules of an order once placed (placing one is checkout.ts), in one place.
 *
 * - PAID → FULFILLED: the brand's partner key (`orders:write`) marks it shipped; its commission
 *   becomes earned.
 * - PAID → CANCELLED: the buyer cancels; one transaction puts every line's units back and the
 *   commission is reversed in full (the order no longer counts in any earnings).
 * - Both are idempotent; FULFILLED and CANCELLED are final.
 * - An order is seen by its buyer and by partner keys of its brand with an orders scope, however
 *   it is reached; a user's list of orders is theirs alone, a brand's its own keys'.
 */
import { requireOwner, requirePartnerOf } from '@app/kit/access';
import { notFound, refuse } from '@app/kit/errors';
import { loadOrNotFound } from '@app/kit/loaders';
import type { PageArgs } from '@app/kit/pagination';
import type { Viewer } from '@app/kit/viewer';
import type { Context } from './context.ts';
import type { OrderRow } from './db/schema.ts';
import { newestFirst } from './pages.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';

export function loadOrder(context: Context, id: string): Promise<OrderRow> {
  return loadOrNotFound(context.loaders.orderById, 'Order', id);
}

/** Whether the viewer may see an order: its buyer, or a partner key of its brand with an orders scope. */
export function canSeeOrder(viewer: Viewer, order: OrderRow): boolean {
  if (viewer.userId !== null && viewer.userId === order.buyerId) return true;
  return viewer.partnerId === order.brandId && viewer.scopes.some((scope) => scope === 'orders:read' || scope === 'orders:write');
}

/** An order for an entity reference: null (unknown) to anyone who may not see it. */
export async function orderReference(context: Context, id: string): Promise<OrderRow | null> {
  const order = await context.loaders.orderById.load(id);
  return order && canSeeOrder(context.viewer, order) ? order : null;
}

export function buyerOrders(context: Context, userId: string, args: PageArgs) {
  requireOwner(context.viewer, userId, 'Only the user can see their own orders.', ForbiddenReason.NOT_THE_USER);
  return newestFirst<OrderRow>(context.loaders.buyerOrders, userId, args);
}

export function brandOrders(context: Context, brandId: string, args: PageArgs) {
  requirePartnerOf(context.viewer, brandId);
  return newestFirst<OrderRow>(context.loaders.brandOrders, brandId, args);
}

/** The buyer cancels a PAID order. A cancelled order stays as it is. */
export function cancelOrder(context: Context, orderId: string, now = new Date()): Promise<OrderRow> {
  return context.store.transaction(async (tx) => {
    const [order] = await tx.ordersByIds([orderId]);
    if (!order) throw notFound('Order', orderId);
    requireOwner(context.viewer, order.buyerId, 'Only the buyer can cancel an order.', ForbiddenReason.NOT_ORDER_BUYER);
    if (order.status === 'CANCELLED') return order;
    if (order.status === 'FULFILLED') throw refuse(Refusal.ORDER_ALREADY_FULFILLED, 'A fulfilled order cannot be cancelled.', { orderId });
    const cancelled = await tx.closePaidOrder(orderId, { status: 'CANCELLED', cancelledAt: now });
    if (!cancelled) throw new Error(`order ${orderId} changed under a write lock`);
    const lines = await tx.orderLineLists([orderId]);
    await tx.restoreStock(lines.map((line) => line.node));
    context.changed('Product', lines.map((line) => line.node.productId));
    context.changed('Order', orderId);
    context.changed('User', order.buyerId);
    if (order.liveStreamId) context.changed('LiveStream', order.liveStreamId);
    return cancelled;
  });
}

/** The brand's partner marks a PAID order shipped; its commission becomes earned. */
export function fulfillOrder(context: Context, orderId: string, now = new Date()): Promise<OrderRow> {
  return context.store.transaction(async (tx) => {
    const [order] = await tx.ordersByIds([orderId]);
    if (!order) throw notFound('Order', orderId);
    requirePartnerOf(context.viewer, order.brandId);
    if (order.status === 'FULFILLED') return order;
    if (order.status === 'CANCELLED') throw refuse(Refusal.ORDER_CANCELLED, 'A cancelled order cannot be fulfilled.', { orderId });
    const fulfilled = await tx.closePaidOrder(orderId, { status: 'FULFILLED', fulfilledAt: now });
    if (!fulfilled) throw new Error(`order ${orderId} changed under a write lock`);
    context.changed('Order', orderId);
    return fulfilled;
  });
}
