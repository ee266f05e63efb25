/**
 * LIVE shopping as it happens, in one place: the events a stream's viewers receive, and what a
 * stream has sold. Who may pin is curation.ts's rule, how an order is placed checkout.ts's; both
 * call `announce…` here inside their own transaction.
 *
 * - Three events, each written to the outbox (topic: the stream's id) in the same transaction as
 *   the change it reports, so an event exists if and only if its change committed:
 *   PRODUCT_PINNED when a pin adds a product to the overlay, PRODUCT_UNPINNED when an unpin takes
 *   one off, PURCHASED for each line of a checkout attributed to the stream whose product is
 *   pinned on it (the lines the stream earns on). Pinning a pinned product, unpinning an absent
 *   one and replaying a checkout's idempotency key change nothing and announce nothing; a refused
 *   checkout rolls back with its events. A cancellation is not announced: a purchase event says
 *   a sale happened, and the sales totals are where a cancellation shows.
 * - An event names the product and, for a purchase, the units: never the buyer, nor the order
 *   (events are public; an order id is a handle on one buyer's purchase). The lines of one
 *   order are announced together, in line order, with consecutive ids.
 * - The product is completed when the event is sent, as it is then (its inventory after the
 *   purchase, or after later ones for an event replayed with `after`).
 * - A subscription is for a stream content knows (NOT_FOUND otherwise) and completes once content
 *   says the stream has ended, after sending every event committed before that (at once, for a
 *   stream that has already ended). With content down, a stream this outbox holds events of is
 *   known to exist (events are written only for streams content vouched for), so a gateway
 *   resubscribing after a commerce restart is not turned away; the watch on content tells its
 *   end once content is back.
 * - A stream's sales: the orders attributed to it that are not cancelled, and the units and
 *   revenue of their lines the stream covers, the same lines PURCHASED announces. The store sells
 *   in one currency (USD); sales in several would have no honest sum and are refused
 *   (SALES_CURRENCY_MISMATCH) rather than added up.
 */
import { refuse } from '@app/kit/errors';
import type { LiveEvent } from '@app/kit/live';
import { liveStreamEvents } from '@app/kit/live-stream-events';
import { money, type Money } from '@app/kit/money';
import type { Context } from './context.ts';
import type { CommerceTx } from './db/store.ts';
import type { LiveShoppingEventView } from './mappers.ts';
import type { LiveShoppingEventKind, LiveShoppingPayload } from './vocabulary.ts';
import { Refusal } from './refusals.ts';

function announce(tx: CommerceTx, liveStreamId: string, kind: LiveShoppingEventKind, payload: LiveShoppingPayload, now: Date): Promise<unknown> {
  return tx.appendLiveEvent(liveStreamId, kind, payload, now);
}

/** A product joined the stream's overlay (call only when the pin added it). */
export function announcePinned(tx: CommerceTx, liveStreamId: string, productId: string, now: Date): Promise<unknown> {
  return announce(tx, liveStreamId, 'PRODUCT_PINNED', { productId, quantity: null }, now);
}

/** A product left the stream's overlay (call only when the unpin removed it). */
export function announceUnpinned(tx: CommerceTx, liveStreamId: string, productId: string, now: Date): Promise<unknown> {
  return announce(tx, liveStreamId, 'PRODUCT_UNPINNED', { productId, quantity: null }, now);
}

/**
 * A flash deal's moment, to the stream's viewers: DEAL_SCHEDULED and DEAL_STARTED when it is made
 * or starts, DEAL_UNITS_LEFT as it sells (at most once a second, flashDeals.ts), DEAL_ENDED. `count`
 * is the units left (started, units left), or the units sold (ended); none when scheduled.
 */
export function announceDeal(tx: CommerceTx, deal: { id: string; liveStreamId: string; productId: string }, kind: 'DEAL_SCHEDULED' | 'DEAL_STARTED' | 'DEAL_UNITS_LEFT' | 'DEAL_ENDED', count: number | null, now: Date): Promise<unknown> {
  return announce(tx, deal.liveStreamId, kind, { productId: deal.productId, quantity: count, dealId: deal.id }, now);
}

/** The stream sold these lines (its pinned products' lines of one order), one event each, in line order. */
export async function announcePurchased(tx: CommerceTx, liveStreamId: string, lines: readonly { productId: string; quantity: number }[], now: Date): Promise<void> {
  for (const line of lines) await announce(tx, liveStreamId, 'PURCHASED', { productId: line.productId, quantity: line.quantity }, now);
}

/**
 * A stream's shopping events for one subscriber: what it missed after `after`, then each as it
 * commits, completing once the stream has ended and everything before that is sent.
 * @throws BAD_USER_INPUT for an `after` this stream never sent; EVENTS_EXPIRED for one older than the window.
 * @throws NOT_FOUND when content knows no such stream; SERVICE_UNAVAILABLE when content does not answer.
 */
export function liveShoppingEvents(context: Context, liveStreamId: string, after: string | null | undefined): Promise<AsyncIterable<LiveEvent>> {
  return liveStreamEvents(context, liveStreamId, after);
}

/** An outbox event as the API shows it. */
export function shoppingEvent(event: LiveEvent): LiveShoppingEventView {
  const payload = event.payload as LiveShoppingPayload;
  return { id: String(event.seq), kind: event.kind as LiveShoppingEventKind, productId: payload.productId, quantity: payload.quantity, dealId: payload.dealId ?? null };
}

export interface LiveStreamSales {
  orders: number;
  units: number;
  revenue: Money;
}

/** What a stream has sold so far (zero for a stream that sold nothing). */
export async function liveStreamSales(context: Context, liveStreamId: string): Promise<LiveStreamSales> {
  const sales = await context.loaders.streamSales.load(liveStreamId);
  if (!sales) return { orders: 0, units: 0, revenue: money(0) };
  if (sales.currencies > 1) {
    throw refuse(Refusal.SALES_CURRENCY_MISMATCH, "This stream's sales are in several currencies, which add up to no one amount.", { liveStreamId });
  }
  return { orders: sales.orders, units: sales.units, revenue: money(sales.revenueAmount, sales.currency) };
}
