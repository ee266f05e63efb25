/**
 * The rules of buying, in one place.
 *
 * - An order is one brand's products bought by one signed-in user, PAID at checkout. A cart across
 *   shops checks out once per shop (MULTIPLE_BRANDS otherwise).
 * - 1 to 50 lines, each product once, 1 to 100 units a line. Prices come from the store, never the
 *   client, and the order keeps them: a later price change leaves it.
 * - Stock is taken in the same transaction as the order is written, each line by a guarded
 *   UPDATE (`inventory >= quantity`); any line short means OUT_OF_STOCK and nothing changes. The
 *   store's CHECK (inventory >= 0) is the last guard.
 * - At most one attribution: an affiliate code (its product must be in the order; its lines earn
 *   commission) or a LIVE stream (lines of products pinned on it earn commission). The stream's
 *   status and creator are facts content owns, asked at the time of the write.
 * - Commission per line = floor(line total × rate bps / 10,000) (see commission.ts); none when
 *   the buyer is the attributed creator.
 * - PAID → FULFILLED (the brand's partner, `orders:write`): the commission becomes earned.
 *   PAID → CANCELLED (the buyer): stock goes back and the commission is reversed in full.
 *   Both transitions are idempotent; FULFILLED and CANCELLED are final.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { requirePartnerOf } from '@app/kit/access';
import { badInput, ErrorCode, forbidden, notFound, refuse } from '@app/kit/errors';
import { idempotencyKeys, idempotent } from '@app/kit/idempotency';
import type { Viewer } from '@app/kit/viewer';
import { effectiveBps, lineCommission, newId } from './commission.ts';
import type { Context } from './context.ts';
import type { CommerceDb } from './db/queries.ts';
import { affiliateLinks, creatorCommissions, liveStreamPins, orderLines, orders, products, type OrderRow, type ProductRow } from './db/schema.ts';

export const MAX_LINES = 50;
export const MAX_QUANTITY = 100;
const CODE_MAX = 32;

export interface CheckoutLine {
  productId: string;
  quantity: number;
}

export interface CheckoutRequest {
  lines: readonly CheckoutLine[];
  affiliateCode?: string | null;
  liveStreamId?: string | null;
  idempotencyKey: string;
}

type Attribution = { kind: 'link'; code: string } | { kind: 'stream'; liveStreamId: string; creatorId: string } | null;

/** A refusal about one line of the checkout: `line` is its index in `input.lines`. */
function lineError(code: string, message: string, line: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, line, ...extensions } });
}

/** The input's shape, checked before anything is read or asked: bad input changes nothing. */
function validate(input: CheckoutRequest): { lines: CheckoutLine[]; affiliateCode: string | null; liveStreamId: string | null } {
  if (input.lines.length < 1 || input.lines.length > MAX_LINES) throw badInput(`An order has 1 to ${MAX_LINES} lines.`, { field: 'lines' });
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw badInput(`quantity must be a whole number from 1 to ${MAX_QUANTITY}, got ${line.quantity}.`, { field: 'quantity', line: i });
    }
    if (seen.has(line.productId)) throw badInput('Each product may appear on one line only; add up the quantities instead.', { field: 'productId', line: i });
    seen.add(line.productId);
  });
  const affiliateCode = input.affiliateCode?.trim().toUpperCase() || null;
  if (input.affiliateCode != null && (!affiliateCode || affiliateCode.length > CODE_MAX)) throw badInput('affiliateCode is not a code a link gave out.', { field: 'affiliateCode' });
  const liveStreamId = input.liveStreamId || null;
  if (affiliateCode && liveStreamId) throw badInput('A sale is attributed to an affiliate link or a live stream, not both.', { field: 'liveStreamId' });
  return { lines: input.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })), affiliateCode, liveStreamId };
}

/** The stream's creator, from content, when it is LIVE now. */
async function liveStreamCreator(context: Context, liveStreamId: string): Promise<string> {
  const [stream] = await context.peers.entities<{ id: string; status: string; creator: { id: string } }>(
    'content',
    'LiveStream',
    [liveStreamId],
    'id status creator { id }',
    context.viewer,
  );
  if (!stream) throw notFound('LiveStream', liveStreamId);
  if (stream.status !== 'LIVE') throw refuse('STREAM_NOT_LIVE', 'A sale can be attributed to a stream only while it is live.', { liveStreamId, status: stream.status });
  return stream.creator.id;
}

/**
 * Places an order as the signed-in user. Facts from content come first (no `await` may run
 * inside the transaction); a retry of a key already used skips them, so a stream that has ended
 * since cannot turn a replay into an error.
 */
export async function checkout(context: Context, buyerId: string, input: CheckoutRequest): Promise<{ orderId: string; replayed: boolean }> {
  const { lines, affiliateCode, liveStreamId } = validate(input);
  const request = { scope: buyerId, key: input.idempotencyKey, operation: 'checkout', input: { lines, affiliateCode, liveStreamId } };
  const used = context.db
    .select({ key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, buyerId), eq(idempotencyKeys.key, input.idempotencyKey)))
    .get();
  let attribution: Attribution = null;
  if (affiliateCode) attribution = { kind: 'link', code: affiliateCode };
  else if (liveStreamId) attribution = { kind: 'stream', liveStreamId, creatorId: used ? '' : await liveStreamCreator(context, liveStreamId) };
  const { result, replayed } = idempotent(context.db, request, (tx) => ({ orderId: placeOrder(tx, buyerId, lines, attribution, new Date()) }));
  return { orderId: result.orderId, replayed };
}

/** What placing an order needs of a transaction: plain reads and writes, no relational queries. */
type Writer = Pick<CommerceDb, 'select' | 'insert' | 'update'>;

function placeOrder(tx: Writer, buyerId: string, lines: readonly CheckoutLine[], attribution: Attribution, now: Date): string {
  const found = new Map(
    tx
      .select()
      .from(products)
      .where(
        inArray(
          products.id,
          lines.map((line) => line.productId),
        ),
      )
      .all()
      .map((row) => [row.id, row]),
  );
  const bought: ProductRow[] = lines.map((line, i) => {
    const product = found.get(line.productId);
    if (!product) throw lineError(ErrorCode.NOT_FOUND, `Product ${JSON.stringify(line.productId)} was not found.`, i, { type: 'Product', id: line.productId });
    if (product.status !== 'ACTIVE') throw lineError('PRODUCT_NOT_AVAILABLE', `${product.title} is no longer sold.`, i, { productId: product.id });
    return product;
  });
  const brandId = (bought[0] as ProductRow).brandId;
  if (bought.some((product) => product.brandId !== brandId)) throw refuse('MULTIPLE_BRANDS', 'An order is one brand\'s products: check out once per shop.');
  const currency = (bought[0] as ProductRow).currency;
  if (bought.some((product) => product.currency !== currency)) throw refuse('MULTIPLE_CURRENCIES', 'An order is in one currency.');

  // Who earns, and on which products.
  let creatorId: string | null = null;
  let affiliateLinkId: string | null = null;
  let liveStreamId: string | null = null;
  let earning = new Set<string>();
  if (attribution?.kind === 'link') {
    const link = tx.select().from(affiliateLinks).where(eq(affiliateLinks.code, attribution.code)).get();
    if (!link) throw refuse('AFFILIATE_CODE_NOT_FOUND', `No affiliate link has the code ${JSON.stringify(attribution.code)}.`, { field: 'affiliateCode' });
    if (!found.has(link.productId)) throw refuse('AFFILIATE_PRODUCT_NOT_IN_ORDER', "The affiliate link's product is not in this order.", { field: 'affiliateCode', productId: link.productId });
    creatorId = link.creatorId;
    affiliateLinkId = link.id;
    earning = new Set([link.productId]);
  } else if (attribution?.kind === 'stream') {
    const pinned = tx
      .select({ productId: liveStreamPins.productId })
      .from(liveStreamPins)
      .where(eq(liveStreamPins.liveStreamId, attribution.liveStreamId))
      .all()
      .map((row) => row.productId);
    earning = new Set(pinned.filter((productId) => found.has(productId)));
    if (earning.size === 0) throw refuse('PRODUCT_NOT_PINNED', 'None of these products is pinned on the stream.', { field: 'liveStreamId' });
    creatorId = attribution.creatorId;
    liveStreamId = attribution.liveStreamId;
  }
  // A creator earns nothing from their own purchase; the attribution is still recorded.
  if (creatorId === buyerId) earning = new Set();
  const deals = creatorId
    ? tx
        .select({ productId: creatorCommissions.productId, bps: creatorCommissions.commissionBps })
        .from(creatorCommissions)
        .where(and(eq(creatorCommissions.creatorId, creatorId), eq(creatorCommissions.brandId, brandId)))
        .all()
    : [];

  const orderId = newId('ord');
  const lineRows = lines.map((line, position) => {
    const product = bought[position] as ProductRow;
    if (product.inventory < line.quantity) throw outOfStock(position, product);
    // The guard that holds under concurrency: no other writer can take the same units.
    const taken = tx
      .update(products)
      .set({ inventory: sql`${products.inventory} - ${line.quantity}` })
      .where(and(eq(products.id, product.id), eq(products.status, 'ACTIVE'), sql`${products.inventory} >= ${line.quantity}`))
      .run();
    if (taken.changes !== 1) throw outOfStock(position, product);
    const totalAmount = product.priceAmount * line.quantity;
    const bps = earning.has(product.id)
      ? effectiveBps(
          product.commissionBps,
          deals.filter((deal) => deal.productId === null || deal.productId === product.id).map((deal) => deal.bps),
        )
      : 0;
    return {
      orderId,
      position,
      productId: product.id,
      title: product.title,
      quantity: line.quantity,
      unitPriceAmount: product.priceAmount,
      totalAmount,
      commissionBps: bps,
      commissionAmount: lineCommission(totalAmount, bps),
    };
  });
  tx.insert(orders)
    .values({
      id: orderId,
      buyerId,
      brandId,
      status: 'PAID',
      currency,
      totalAmount: lineRows.reduce((sum, row) => sum + row.totalAmount, 0),
      commissionAmount: lineRows.reduce((sum, row) => sum + row.commissionAmount, 0),
      creatorId,
      affiliateLinkId,
      liveStreamId,
      createdAt: now,
    })
    .run();
  tx.insert(orderLines).values(lineRows).run();
  return orderId;
}

function outOfStock(line: number, product: ProductRow): GraphQLError {
  return lineError('OUT_OF_STOCK', `Only ${product.inventory} of ${product.title} left.`, line, { productId: product.id, available: product.inventory });
}

/**
 * The buyer cancels a PAID order: one transaction restores every line's units and reverses the
 * commission (the order no longer counts in any earnings). A cancelled order stays as it is.
 */
export function cancelOrder(db: CommerceDb, viewer: Viewer, orderId: string, now = new Date()): OrderRow {
  return db.transaction(
    (tx) => {
      const order = tx.select().from(orders).where(eq(orders.id, orderId)).get();
      if (!order) throw notFound('Order', orderId);
      if (order.buyerId !== viewer.userId) throw forbidden('Only the buyer can cancel an order.', { reason: 'NOT_ORDER_BUYER' });
      if (order.status === 'CANCELLED') return order;
      if (order.status === 'FULFILLED') throw refuse('ORDER_ALREADY_FULFILLED', 'A fulfilled order cannot be cancelled.', { orderId });
      const cancelled = tx
        .update(orders)
        .set({ status: 'CANCELLED', cancelledAt: now })
        .where(and(eq(orders.id, orderId), eq(orders.status, 'PAID')))
        .returning()
        .get();
      if (!cancelled) throw new Error(`order ${orderId} changed under a write lock`);
      for (const line of tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).all()) {
        tx.update(products)
          .set({ inventory: sql`${products.inventory} + ${line.quantity}` })
          .where(eq(products.id, line.productId))
          .run();
      }
      return cancelled;
    },
    { behavior: 'immediate' },
  );
}

/** The brand's partner marks a PAID order shipped; its commission becomes earned. */
export function fulfillOrder(db: CommerceDb, viewer: Viewer, orderId: string, now = new Date()): OrderRow {
  return db.transaction(
    (tx) => {
      const order = tx.select().from(orders).where(eq(orders.id, orderId)).get();
      if (!order) throw notFound('Order', orderId);
      requirePartnerOf(viewer, order.brandId);
      if (order.status === 'FULFILLED') return order;
      if (order.status === 'CANCELLED') throw refuse('ORDER_CANCELLED', 'A cancelled order cannot be fulfilled.', { orderId });
      const fulfilled = tx.update(orders).set({ status: 'FULFILLED', fulfilledAt: now }).where(eq(orders.id, orderId)).returning().get();
      if (!fulfilled) throw new Error(`order ${orderId} changed under a write lock`);
      return fulfilled;
    },
    { behavior: 'immediate' },
  );
}

/** Whether the viewer may see an order: its buyer, or a partner key of its brand with an orders scope. */
export function canSeeOrder(viewer: Viewer, order: OrderRow): boolean {
  if (viewer.userId !== null && viewer.userId === order.buyerId) return true;
  return viewer.partnerId === order.brandId && viewer.scopes.some((scope) => scope === 'orders:read' || scope === 'orders:write');
}
