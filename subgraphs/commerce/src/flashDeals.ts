/**
 * LIVE flash deals, in one place: who starts one, what a checkout from one pays and takes, and
 * the deal's clock.
 *
 * - A stream's own creator (token, as for pinning: curation.ts) or the product's brand (partner
 *   key with `catalog:write`) starts a deal on a product pinned on the stream while it is LIVE: a
 *   deal price of at least 1 and below the product's price, a start now or after a countdown of
 *   10-300 s, 1-20 minutes long, a quantity reserved (at most DEAL_MAX_QUANTITY and the product's
 *   stock) and a per-buyer limit (1 to the quantity and MAX_QUANTITY). The reserved units are taken
 *   from the product's stock as the deal is made (guarded, OUT_OF_STOCK otherwise), so no regular
 *   checkout can sell them. One scheduled-or-running deal per (stream, product):
 *   DEAL_ALREADY_RUNNING, backed by a partial unique index. Idempotent on its key.
 * - A checkout names the deal (`flashDealId`, with its stream's `liveStreamId`): the deal's
 *   product line pays the deal price, its units come from the deal (never the product's stock) by
 *   a guarded UPDATE that also checks the deal's time window itself (so nothing sells after
 *   `endsAt` even with the clock late), and the buyer's running total is kept and guarded against
 *   the per-buyer limit. Refusals: DEAL_NOT_STARTED, DEAL_ENDED, DEAL_SOLD_OUT,
 *   DEAL_LIMIT_REACHED (`remaining`). All inside the order's one transaction; commission is on
 *   what was paid (checkout's rule on the line total). The sale that takes the last unit ends
 *   the deal there (SOLD_OUT), announcing DEAL_ENDED and telling the brand (LIVE_DEAL_SOLD_OUT).
 * - Units left are announced (DEAL_UNITS_LEFT) at most once a second per deal: a sale within a
 *   second of the last announcement marks one due, which the clock sends, so clients converge.
 * - The clock (`flashDealClock`) moves SCHEDULED → LIVE at `startsAt` (DEAL_STARTED) and
 *   LIVE → ENDED at `endsAt` (TIME_UP: the units left go back to the product's stock,
 *   DEAL_ENDED), each a guarded UPDATE in its own transaction, so two clocks, or one restarted
 *   after a crash, move each deal once.
 * - A stream's end ends its deals (STREAM_ENDED) as time would: the clock watches content's status
 *   of every stream with an open deal (the kit's shared, resumable watch; one per stream and
 *   process) and ends them when content says the stream has ended, so their units go back to the
 *   shelf then, not at `endsAt`. Checkout already refuses an ended stream (STREAM_NOT_LIVE).
 * - Whoever may start a deal may end it early, scheduled or running (ENDED_EARLY): the stream's
 *   creator, or the product's brand. It ends as time does (units back, DEAL_ENDED), through the
 *   same guarded UPDATE, so an early end racing the clock or a sell-out ends the deal once; a deal
 *   already ended is answered as it stands, so a retry is harmless without a key.
 */
import { GraphQLError } from 'graphql';
import { requireOwner, requirePartnerOf } from '@app/kit/access';
import { badInput, forbidden, notFound, refuse, unauthenticated } from '@app/kit/errors';
import { known, settle } from '@app/kit/facts';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import type { Clock } from '@app/kit/clock';
import type { Logger } from '@app/kit/log';
import { liveStreamEnded } from '@app/kit/live-stream-events';
import type { PeerClient } from '@app/kit/peers';
import { poller, type Poller } from '@app/kit/poller';
import type { Context } from './context.ts';
import type { CommerceStore, CommerceTx } from './db/store.ts';
import type { FlashDealRow, NewFlashDeal, ProductRow } from './db/tables.ts';
import { fetchLiveStream } from './facts.ts';
import { announceDeal } from './liveShopping.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import {
  DEAL_COUNTDOWN_MAX_SECONDS,
  DEAL_COUNTDOWN_MIN_SECONDS,
  DEAL_DURATION_MAX_MINUTES,
  DEAL_DURATION_MIN_MINUTES,
  DEAL_MAX_QUANTITY,
  DEAL_UNITS_LEFT_EVERY_MS,
  MAX_QUANTITY,
} from './vocabulary.ts';
import { tellDealSoldOut, tellStockChanged } from './webhookEvents.ts';

/** The partner scope a brand starts deals with (it changes what its catalogue sells). */
const DEAL_SCOPE = 'catalog:write';

export interface StartFlashDealInput {
  liveStreamId: string;
  productId: string;
  dealPrice: number;
  startsIn: number;
  durationMinutes: number;
  quantity: number;
  perBuyerLimit: number;
  idempotencyKey: string;
}

const isWhole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

/** The input's shape, checked before anything is read or asked. */
function validateDeal(input: StartFlashDealInput): void {
  if (!Number.isInteger(input.dealPrice) || input.dealPrice < 1) throw badInput('dealPrice is a whole number of minor units, at least 1.', { field: 'dealPrice' });
  if (input.startsIn !== 0 && !isWhole(input.startsIn, DEAL_COUNTDOWN_MIN_SECONDS, DEAL_COUNTDOWN_MAX_SECONDS)) {
    throw badInput(`startsIn is 0 (now) or ${DEAL_COUNTDOWN_MIN_SECONDS} to ${DEAL_COUNTDOWN_MAX_SECONDS} seconds.`, { field: 'startsIn' });
  }
  if (!isWhole(input.durationMinutes, DEAL_DURATION_MIN_MINUTES, DEAL_DURATION_MAX_MINUTES)) {
    throw badInput(`durationMinutes is ${DEAL_DURATION_MIN_MINUTES} to ${DEAL_DURATION_MAX_MINUTES}.`, { field: 'durationMinutes' });
  }
  if (!isWhole(input.quantity, 1, DEAL_MAX_QUANTITY)) throw badInput(`quantity is 1 to ${DEAL_MAX_QUANTITY} units.`, { field: 'quantity' });
  const maxLimit = Math.min(input.quantity, MAX_QUANTITY);
  if (!isWhole(input.perBuyerLimit, 1, maxLimit)) throw badInput(`perBuyerLimit is 1 to ${maxLimit} (the quantity, and at most ${MAX_QUANTITY}).`, { field: 'perBuyerLimit' });
}

/** Who is starting or ending a deal: a user (the stream's creator, checked in the write) or a brand (checked against the product there). */
function dealActorOf(context: Context, doing: string): { userId: string } | { brandId: string } {
  const { viewer } = context;
  if (viewer.userId) return { userId: viewer.userId };
  if (viewer.partnerId) {
    if (!viewer.scopes.includes(DEAL_SCOPE)) throw forbidden(`${doing} a flash deal requires scope ${DEAL_SCOPE}.`, { requiredScopes: [[DEAL_SCOPE]] });
    return { brandId: viewer.partnerId };
  }
  throw unauthenticated(`${doing} a flash deal requires a signed-in creator or a partner key.`);
}

/**
 * Starts a flash deal on a product pinned on a LIVE stream, taking its units from the product's stock.
 * @throws BAD_USER_INPUT (`field`), NOT_FOUND, FORBIDDEN, STREAM_NOT_LIVE, PRODUCT_NOT_AVAILABLE,
 *   PRODUCT_NOT_PINNED, DEAL_ALREADY_RUNNING, OUT_OF_STOCK; IDEMPOTENCY_KEY_REUSED.
 */
export async function startFlashDeal(context: Context, input: StartFlashDealInput): Promise<FlashDealRow> {
  validateDeal(input);
  const starter = dealActorOf(context, 'Starting');
  // Settled, as checkout's facts are: a retry of a key already used never reads them, so a stream
  // that has ended since, or a content that does not answer, cannot turn a replay into an error.
  const streamFact = await settle(fetchLiveStream(context, input.liveStreamId));
  const scope = 'userId' in starter ? starter.userId : starter.brandId;
  const { liveStreamId, productId, dealPrice, startsIn, durationMinutes, quantity, perBuyerLimit } = input;
  const request = { scope, key: input.idempotencyKey, operation: 'startFlashDeal', input: { liveStreamId, productId, dealPrice, startsIn, durationMinutes, quantity, perBuyerLimit } };
  const { result } = await idempotent(context.store, request, async (tx) => {
    const stream = known(streamFact);
    if ('userId' in starter) requireOwner(context.viewer, stream.creator.id, "Only the stream's own creator or the product's brand can start a flash deal.", ForbiddenReason.NOT_STREAM_CREATOR);
    if (stream.status !== 'LIVE') throw refuse(Refusal.STREAM_NOT_LIVE, 'A flash deal runs on a stream while it is live.', { liveStreamId, status: stream.status });
    const now = context.clock.now();
    const [product] = await tx.productsByIds([productId]);
    if (!product) throw notFound('Product', productId);
    if ('brandId' in starter) requirePartnerOf(context.viewer, product.brandId);
    if (product.status !== 'ACTIVE') throw refuse(Refusal.PRODUCT_NOT_AVAILABLE, `${product.title} is no longer sold.`, { productId });
    if (dealPrice >= product.priceAmount) throw badInput(`dealPrice must be below the product's price (${product.priceAmount}).`, { field: 'dealPrice', priceAmount: product.priceAmount });
    const pinned = await tx.listedProducts('pins', liveStreamId);
    if (!pinned.some((pin) => pin.productId === productId)) throw refuse(Refusal.PRODUCT_NOT_PINNED, 'A flash deal is on a product pinned on the stream.', { field: 'productId', productId });
    const open = await tx.openDealOf(liveStreamId, productId);
    if (open) throw refuse(Refusal.DEAL_ALREADY_RUNNING, 'This product already has a flash deal scheduled or running on the stream.', { dealId: open.id });
    // The reserved units leave the shelf now: regular checkouts can no longer sell them.
    if (!(await tx.takeStock(productId, quantity))) throw refuse(Refusal.OUT_OF_STOCK, `Only ${product.inventory} of ${product.title} left to reserve.`, { field: 'quantity', productId, available: product.inventory });
    const startsAt = new Date(now.getTime() + startsIn * 1_000);
    const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
    const live = startsIn === 0;
    const deal = {
      id: newId('fld'),
      liveStreamId,
      productId,
      dealPriceAmount: dealPrice,
      currency: product.currency,
      quantity,
      unitsLeft: quantity,
      perBuyerLimit,
      status: live ? 'LIVE' : 'SCHEDULED',
      startsAt,
      endsAt,
      dueAt: live ? endsAt : startsAt,
      announcedAt: live ? now : null,
      announcedUnits: live ? quantity : null,
      createdBy: scope,
      createdAt: now,
    } satisfies NewFlashDeal;
    await tx.insertFlashDeal(deal);
    await announceDeal(tx, deal, 'DEAL_SCHEDULED', null, now);
    if (live) await announceDeal(tx, deal, 'DEAL_STARTED', quantity, now);
    await tellStockChanged(tx, product, product.inventory, product.inventory - quantity, now);
    return { dealId: deal.id };
  });
  context.changed('LiveStream', liveStreamId);
  context.changed('Product', productId);
  const deal = await context.loaders.flashDealById.load(result.dealId);
  if (!deal) throw notFound('FlashDeal', result.dealId);
  return deal;
}

/**
 * Ends a scheduled or running deal now (ENDED_EARLY): what is left goes back to the product's
 * stock and DEAL_ENDED is announced. A deal already ended (by time, sold out, or an earlier call)
 * is answered as it stands.
 * @throws NOT_FOUND; FORBIDDEN (NOT_STREAM_CREATOR, NOT_OWNING_PARTNER); SERVICE_UNAVAILABLE when
 *   content cannot say whose stream it is (a creator ending one).
 */
export async function endFlashDeal(context: Context, dealId: string): Promise<FlashDealRow> {
  const actor = dealActorOf(context, 'Ending');
  const deal = await context.loaders.flashDealById.load(dealId);
  if (!deal) throw notFound('FlashDeal', dealId);
  if ('userId' in actor) {
    const stream = await fetchLiveStream(context, deal.liveStreamId);
    requireOwner(context.viewer, stream.creator.id, "Only the stream's own creator or the product's brand can end a flash deal.", ForbiddenReason.NOT_STREAM_CREATOR);
  } else {
    const [product] = await context.store.productsByIds([deal.productId]);
    if (!product) throw notFound('FlashDeal', dealId);
    requirePartnerOf(context.viewer, product.brandId);
  }
  const now = context.clock.now();
  const ended = await context.store.transaction(async (tx) => {
    const [current] = await tx.dealsByIds([dealId]);
    if (!current || current.status === 'ENDED') return current;
    return (await endAndReturnUnits(tx, current, 'ENDED_EARLY', now)) ?? (await tx.dealsByIds([dealId]))[0];
  });
  if (!ended) throw notFound('FlashDeal', dealId);
  context.changed('LiveStream', ended.liveStreamId);
  context.changed('Product', ended.productId);
  return ended;
}

/**
 * Ends a deal that is `deal.status` now (guarded: only the UPDATE that matched gets on), puts what
 * it did not sell back on the shelf and announces DEAL_ENDED; undefined when another end got there first.
 */
async function endAndReturnUnits(tx: CommerceTx, deal: FlashDealRow, reason: 'TIME_UP' | 'ENDED_EARLY' | 'STREAM_ENDED', now: Date): Promise<FlashDealRow | undefined> {
  const ended = await tx.endDeal(deal.id, deal.status, reason);
  if (!ended) return undefined;
  // What did not sell goes back on the shelf, once: only the UPDATE that ended it gets here.
  if (ended.unitsReturned > 0) await tx.restoreStock([{ productId: ended.productId, quantity: ended.unitsReturned }]);
  await announceDeal(tx, ended, 'DEAL_ENDED', ended.quantity - ended.unitsReturned, now);
  return ended;
}

// ---- Buying from a deal (checkout.ts calls these inside the order's transaction).

/** The deal a checkout names, checked against the checkout's stream and lines before any unit moves. */
export async function dealForCheckout(tx: CommerceTx, flashDealId: string, liveStreamId: string | null, productIds: readonly string[]): Promise<FlashDealRow> {
  const [deal] = await tx.dealsByIds([flashDealId]);
  if (!deal) throw notFound('FlashDeal', flashDealId);
  if (deal.liveStreamId !== liveStreamId) throw badInput("A flash deal is bought from its stream: give its liveStreamId.", { field: 'flashDealId' });
  if (!productIds.includes(deal.productId)) throw badInput("The flash deal's product is not among the lines.", { field: 'flashDealId', productId: deal.productId });
  return deal;
}

function dealRefusal(code: string, message: string, line: number, deal: FlashDealRow, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, line, dealId: deal.id, ...extensions } });
}

/**
 * Takes `quantity` of the deal's units for `buyerId` (line `line` of the order): the deal's units
 * and the buyer's total, each by a guarded UPDATE. Answers the deal after the sale.
 */
export async function takeFromDeal(tx: CommerceTx, deal: FlashDealRow, buyerId: string, quantity: number, line: number, now: Date): Promise<FlashDealRow> {
  const after = await tx.takeDealUnits(deal.id, quantity, now);
  if (!after) {
    // Why not, as the deal stands in this transaction.
    const [current] = await tx.dealsByIds([deal.id]);
    const seen = current ?? deal;
    if (now < seen.startsAt) throw dealRefusal(Refusal.DEAL_NOT_STARTED, 'This flash deal has not started yet.', line, seen, { startsAt: seen.startsAt.toISOString() });
    if (seen.status === 'ENDED' && seen.endedReason === 'SOLD_OUT') throw dealRefusal(Refusal.DEAL_SOLD_OUT, 'This flash deal has sold out.', line, seen, { unitsLeft: 0 });
    if (seen.status === 'ENDED' || now >= seen.endsAt) throw dealRefusal(Refusal.DEAL_ENDED, 'This flash deal has ended.', line, seen, { endedReason: seen.endedReason ?? 'TIME_UP' });
    throw dealRefusal(Refusal.DEAL_SOLD_OUT, `Only ${seen.unitsLeft} left at the deal price.`, line, seen, { unitsLeft: seen.unitsLeft });
  }
  if (quantity > deal.perBuyerLimit || (await tx.addDealBuyerUnits(deal.id, buyerId, quantity, deal.perBuyerLimit)) === undefined) {
    const remaining = Math.max(0, deal.perBuyerLimit - (await tx.dealBuyerUnits(deal.id, buyerId)));
    throw dealRefusal(Refusal.DEAL_LIMIT_REACHED, `Each buyer takes at most ${deal.perBuyerLimit} at the deal price; you may take ${remaining} more.`, line, deal, { perBuyerLimit: deal.perBuyerLimit, remaining });
  }
  return after;
}

/** After a sale from the deal: ends it if it sold out (telling the brand), else announces its units left, at most once a second. */
export async function dealSold(tx: CommerceTx, after: FlashDealRow, product: ProductRow, now: Date): Promise<void> {
  if (after.unitsLeft === 0) {
    const ended = await tx.endDeal(after.id, after.status, 'SOLD_OUT');
    if (!ended) return;
    await announceDeal(tx, ended, 'DEAL_ENDED', ended.quantity, now);
    await tellDealSoldOut(tx, ended, product, now);
    return;
  }
  const claimed = await tx.claimUnitsAnnouncement(after.id, now, new Date(now.getTime() - DEAL_UNITS_LEFT_EVERY_MS));
  if (claimed) await announceDeal(tx, claimed, 'DEAL_UNITS_LEFT', claimed.unitsLeft, now);
  else await tx.deferUnitsAnnouncement(after.id, new Date((after.announcedAt ?? now).getTime() + DEAL_UNITS_LEFT_EVERY_MS));
}

// ---- The deal's clock.

/** Deals moved per poll and per kind: a backlog drains over consecutive polls. */
const CLOCK_BATCH = 50;

/** What one turn of the clock did. */
export interface ClockTurn {
  started: number;
  ended: number;
  announced: number;
}

/** Starts, ends and announces every deal due at `now`, each in its own transaction, each change guarded. */
export async function turnDealClock(store: CommerceStore, now: Date): Promise<ClockTurn> {
  const turn: ClockTurn = { started: 0, ended: 0, announced: 0 };
  for (const due of await store.dueDeals('SCHEDULED', now, CLOCK_BATCH)) {
    await store.transaction(async (tx) => {
      const started = await tx.startDeal(due.id, now);
      if (!started) return;
      turn.started += 1;
      await announceDeal(tx, started, 'DEAL_STARTED', started.unitsLeft, now);
    });
  }
  for (const due of await store.dueDeals('LIVE', now, CLOCK_BATCH)) {
    await store.transaction(async (tx) => {
      if (await endAndReturnUnits(tx, { ...due, status: 'LIVE' }, 'TIME_UP', now)) turn.ended += 1;
    });
  }
  for (const due of await store.dueUnitsAnnouncements(now, CLOCK_BATCH)) {
    await store.transaction(async (tx) => {
      const claimed = await tx.claimUnitsAnnouncement(due.id, now, new Date(now.getTime() - DEAL_UNITS_LEFT_EVERY_MS));
      if (!claimed) return;
      turn.announced += 1;
      await announceDeal(tx, claimed, 'DEAL_UNITS_LEFT', claimed.unitsLeft, now);
    });
  }
  return turn;
}

/** Ends every open deal of a stream that has ended, each in its own transaction; answers how many it ended. */
export async function endDealsOfEndedStream(store: CommerceStore, liveStreamId: string, now: Date): Promise<number> {
  let ended = 0;
  for (const deal of await store.openDealsOfStreams([liveStreamId])) {
    if (await store.transaction((tx) => endAndReturnUnits(tx, deal, 'STREAM_ENDED', now))) ended += 1;
  }
  return ended;
}

/** Streams with open deals watched at once by one process; more wait for a later look. */
const WATCHED_STREAMS_MAX = 1_000;
/** How often the clock looks for streams with open deals to watch. */
const WATCH_LOOK_EVERY_MS = 2_000;

/**
 * Watches, for every stream with an open deal, content's word that it has ended, and ends its
 * deals then. Each look (at most every WATCH_LOOK_EVERY_MS) watches the streams newly with open
 * deals and lets go of those with none left.
 */
function streamEndWatch(store: CommerceStore, peers: PeerClient, clock: Clock, logger: Logger) {
  const watching = new Map<string, AbortController>();
  let lookedAt = -Infinity;
  return {
    async look(now: Date): Promise<void> {
      if (now.getTime() - lookedAt < WATCH_LOOK_EVERY_MS) return;
      lookedAt = now.getTime();
      const open = new Set(await store.streamsWithOpenDeals('', WATCHED_STREAMS_MAX));
      for (const [liveStreamId, watch] of watching) {
        if (open.has(liveStreamId)) continue;
        watching.delete(liveStreamId);
        watch.abort();
      }
      for (const liveStreamId of open) {
        if (watching.has(liveStreamId)) continue;
        const watch = new AbortController();
        watching.set(liveStreamId, watch);
        liveStreamEnded(peers, liveStreamId, watch.signal)
          // A watch let go of resolves too: only one still wanted means the stream ended.
          .then(() => (watch.signal.aborted ? 0 : endDealsOfEndedStream(store, liveStreamId, clock.now())))
          .catch((error: unknown) => logger.error({ err: error, liveStreamId }, 'flash deals of an ended stream could not be ended; the clock ends them by time'))
          .finally(() => {
            if (watching.get(liveStreamId) === watch) watching.delete(liveStreamId);
          });
      }
    },
    stop(): void {
      for (const watch of watching.values()) watch.abort();
      watching.clear();
    },
  };
}

/**
 * Turns the deal clock in the commerce process, until stopped: at once while a turn moved
 * something, else every `pollMs`; with `peers`, also ends the deals of streams content says ended.
 */
export function flashDealClock(store: CommerceStore, clock: Clock, logger: Logger, pollMs: number, peers?: PeerClient): Poller {
  const streamEnds = peers ? streamEndWatch(store, peers, clock, logger) : null;
  const loop = poller(
    async () => {
      const now = clock.now();
      await streamEnds?.look(now);
      const turn = await turnDealClock(store, now);
      return turn.started + turn.ended + turn.announced;
    },
    { pollMs, logger, failure: 'flash deal clock turn failed; trying again' },
  );
  return {
    ...loop,
    stop: async () => {
      streamEnds?.stop();
      await loop.stop();
    },
  };
}

/** A stream's scheduled and running deals, for a room's snapshot. */
export function streamFlashDeals(context: Context, liveStreamId: string): Promise<FlashDealRow[]> {
  return context.loaders.streamFlashDeals.load(liveStreamId);
}
