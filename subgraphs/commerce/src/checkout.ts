/**
 * The rules of buying, in one place.
 *
 * - An order is one brand's products bought by one signed-in user, PAID at checkout. A cart across
 *   shops checks out once per shop (MULTIPLE_BRANDS otherwise), in one currency.
 * - 1 to 50 lines, each product once, 1 to 100 units a line. Prices come from the store, never the
 *   client, and the order keeps them: a later price change leaves it.
 * - Stock is taken in the same transaction as the order is written, each line by a guarded
 *   UPDATE (`inventory >= quantity`); any line short means OUT_OF_STOCK and nothing changes. The
 *   store's CHECK (inventory >= 0) is the last guard.
 * - At most one attribution: an affiliate code (its product must be in the order; its lines earn
 *   commission) or a LIVE stream (lines of products pinned on it earn commission). The lines it
 *   covers are marked on the order (`attributed`) whether or not they earn. The stream's status
 *   and creator are facts content owns, asked before the write's transaction. A sale from a
 *   stream is announced to its viewers (liveShopping.ts) in the order's transaction.
 * - Or a video (`videoId`, alone): lines of products tagged in it earn its creator commission at
 *   the rate in force. Tagged means either list: the seed world's tags commerce keeps
 *   (`Video.products`) or the tags the creator wrote, which content keeps and answers with the
 *   video's creator before the transaction. The video's kept sales (`video_sales`) move with the
 *   order, and its creator reads them (`Creator.videoSales`).
 * - Commission per line = floor(line total × rate bps / 10,000) at the rate in force (see
 *   commission.ts: a campaign's when the creator is accepted in an OPEN campaign of the product
 *   and its rate is the highest, and then the line records the campaign); none when the buyer is
 *   the attributed creator.
 * - A checkout takes an idempotency key: a retry with the same input returns the same order and
 *   moves nothing. What happens to an order afterwards is in orders.ts.
 * - A checkout from a LIVE stream may buy from one of its flash deals (`flashDealId`): that line
 *   pays the deal price and its units come from the deal, not the shelf (flashDeals.ts states the
 *   deal's rules); commission is on what was paid, like any line.
 * - The brand's webhook endpoints hear ORDER_CREATED, ORDER_PAID and any stock crossing in the
 *   order's own transaction (webhookEvents.ts), so a refused checkout sends nothing.
 */
import { GraphQLError } from 'graphql';
import { requireOwner, signedInUserId } from '@app/kit/access';
import { badInput, ErrorCode, refuse } from '@app/kit/errors';
import { idempotent } from '@app/kit/idempotency';
import { newId } from '@app/kit/ids';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import { lineCommission } from './commission-rules.ts';
import type { Context } from './context.ts';
import type { CommerceTx } from './db/store.ts';
import type { FlashDealRow, NewOrder, NewOrderLine, ProductRow } from './db/tables.ts';
import { known, settle, type Fact } from '@app/kit/facts';
import { fetchLiveStream, fetchVideo } from './facts.ts';
import { dealForCheckout, dealSold, takeFromDeal } from './flashDeals.ts';
import { announcePurchased } from './liveShopping.ts';
import { visibleOrder } from './orders.ts';
import type { CheckoutResult } from './mappers.ts';
import { ForbiddenReason, Refusal } from './refusals.ts';
import { MAX_LINES, MAX_QUANTITY } from './vocabulary.ts';
import { tellOrderPlaced, tellStockChanged } from './webhookEvents.ts';

const CODE_MAX = 32;

export interface CheckoutLine {
  productId: string;
  quantity: number;
}

export interface CheckoutRequest {
  lines: readonly CheckoutLine[];
  affiliateCode?: string | null;
  liveStreamId?: string | null;
  videoId?: string | null;
  flashDealId?: string | null;
  idempotencyKey: string;
}

/** Whom a sale is attributed to; a stream's creator is a fact content owns, settled before the write. */
type Attribution =
  | { kind: 'link'; code: string }
  | { kind: 'stream'; liveStreamId: string; creator: Fact<string> }
  | { kind: 'video'; videoId: string; video: Fact<{ creatorId: string; tagged: string[] }> }
  | null;

/** A refusal about one line of the checkout: `line` is its index in `input.lines`. */
function lineError(code: string, message: string, line: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, line, ...extensions } });
}

function outOfStock(line: number, product: ProductRow): GraphQLError {
  return lineError(Refusal.OUT_OF_STOCK, `Only ${product.inventory} of ${product.title} left.`, line, { productId: product.id, available: product.inventory });
}

/** The input's shape, checked before anything is read or asked: bad input changes nothing. */
function validate(input: CheckoutRequest): { lines: CheckoutLine[]; affiliateCode: string | null; liveStreamId: string | null; videoId: string | null; flashDealId: string | null } {
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
  const videoId = input.videoId || null;
  if (videoId && (affiliateCode || liveStreamId)) throw badInput('A sale is attributed to one of an affiliate link, a live stream or a video.', { field: 'videoId' });
  const flashDealId = input.flashDealId || null;
  if (flashDealId && !liveStreamId) throw badInput("A flash deal is bought from its stream: give its liveStreamId too.", { field: 'flashDealId' });
  return { lines: input.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })), affiliateCode, liveStreamId, videoId, flashDealId };
}

/** The stream's creator, from content, when it is LIVE now. */
async function liveStreamCreator(context: Context, liveStreamId: string): Promise<string> {
  const stream = await fetchLiveStream(context, liveStreamId);
  if (stream.status !== 'LIVE') throw refuse(Refusal.STREAM_NOT_LIVE, 'A sale can be attributed to a stream only while it is live.', { liveStreamId, status: stream.status });
  return stream.creator.id;
}

/** The video's creator and content's tags of it. */
async function videoFacts(context: Context, videoId: string): Promise<{ creatorId: string; tagged: string[] }> {
  const video = await fetchVideo(context, videoId);
  return { creatorId: video.creator!.id, tagged: (video.taggedProducts ?? []).map((product) => product.id) };
}

/**
 * Places an order as the signed-in user. Facts from content come first (no network call runs
 * inside the transaction), settled: a retry of a key already used never reads them, so a stream
 * that has ended since, or a content that does not answer, cannot turn a replay into an error.
 */
export async function checkout(context: Context, input: CheckoutRequest): Promise<CheckoutResult> {
  const buyerId = signedInUserId(context.viewer);
  const { lines, affiliateCode, liveStreamId, videoId, flashDealId } = validate(input);
  // A key used before these fields existed holds no `videoId` nor `flashDealId`: each is left out when there is none.
  const request = { scope: buyerId, key: input.idempotencyKey, operation: 'checkout', input: { lines, affiliateCode, liveStreamId, ...(videoId ? { videoId } : {}), ...(flashDealId ? { flashDealId } : {}) } };
  let attribution: Attribution = null;
  if (affiliateCode) attribution = { kind: 'link', code: affiliateCode };
  else if (liveStreamId) attribution = { kind: 'stream', liveStreamId, creator: await settle(liveStreamCreator(context, liveStreamId)) };
  else if (videoId) attribution = { kind: 'video', videoId, video: await settle(videoFacts(context, videoId)) };
  const { result, replayed } = await idempotent(context.store, request, async (tx) => ({ orderId: await placeOrder(tx, buyerId, lines, attribution, flashDealId, context.clock.now()) }));
  // Stock, the buyer's orders and the stream's sales (the creator's earnings are never cached).
  context.changed('Product', lines.map((line) => line.productId));
  context.changed('User', buyerId);
  if (liveStreamId) context.changed('LiveStream', liveStreamId);
  return { order: await visibleOrder(context, result.orderId), replayed };
}

async function placeOrder(tx: CommerceTx, buyerId: string, lines: readonly CheckoutLine[], attribution: Attribution, flashDealId: string | null, now: Date): Promise<string> {
  // A write that really runs needs the stream's creator: content's refusal (not live, not found, down) comes first.
  const streamCreatorId = attribution?.kind === 'stream' ? known(attribution.creator) : null;
  const video = attribution?.kind === 'video' ? known(attribution.video) : null;
  const found = new Map((await tx.productsByIds(lines.map((line) => line.productId))).map((row) => [row.id, row]));
  const bought: ProductRow[] = lines.map((line, i) => {
    const product = found.get(line.productId);
    if (!product) throw lineError(ErrorCode.NOT_FOUND, `Product ${JSON.stringify(line.productId)} was not found.`, i, { type: 'Product', id: line.productId });
    if (product.status !== 'ACTIVE') throw lineError(Refusal.PRODUCT_NOT_AVAILABLE, `${product.title} is no longer sold.`, i, { productId: product.id });
    return product;
  });
  const brandId = (bought[0] as ProductRow).brandId;
  if (bought.some((product) => product.brandId !== brandId)) throw refuse(Refusal.MULTIPLE_BRANDS, "An order is one brand's products: check out once per shop.");
  const currency = (bought[0] as ProductRow).currency;
  if (bought.some((product) => product.currency !== currency)) throw refuse(Refusal.MULTIPLE_CURRENCIES, 'An order is in one currency.');

  // Who the sale is attributed to, and which products' lines the attribution covers.
  let creatorId: string | null = null;
  let affiliateLinkId: string | null = null;
  let liveStreamId: string | null = null;
  let videoId: string | null = null;
  let attributed = new Set<string>();
  if (attribution?.kind === 'link') {
    const link = await tx.affiliateLinkByCode(attribution.code);
    if (!link) throw refuse(Refusal.AFFILIATE_CODE_NOT_FOUND, `No affiliate link has the code ${JSON.stringify(attribution.code)}.`, { field: 'affiliateCode' });
    if (!found.has(link.productId)) throw refuse(Refusal.AFFILIATE_PRODUCT_NOT_IN_ORDER, "The affiliate link's product is not in this order.", { field: 'affiliateCode', productId: link.productId });
    creatorId = link.creatorId;
    affiliateLinkId = link.id;
    attributed = new Set([link.productId]);
  } else if (attribution?.kind === 'stream') {
    creatorId = streamCreatorId;
    const pinned = await tx.listedProducts('pins', attribution.liveStreamId);
    attributed = new Set(pinned.map((pin) => pin.productId).filter((productId) => found.has(productId)));
    if (attributed.size === 0) throw refuse(Refusal.PRODUCT_NOT_PINNED, 'None of these products is pinned on the stream.', { field: 'liveStreamId' });
    liveStreamId = attribution.liveStreamId;
  } else if (attribution?.kind === 'video' && video) {
    creatorId = video.creatorId;
    const seedTags = (await tx.videoProductLists([attribution.videoId])).map((tag) => tag.node.id);
    const tagged = new Set([...seedTags, ...video.tagged]);
    attributed = new Set([...tagged].filter((productId) => found.has(productId)));
    if (attributed.size === 0) throw refuse(Refusal.PRODUCT_NOT_TAGGED, 'None of these products is tagged in the video.', { field: 'videoId' });
    videoId = attribution.videoId;
  }
  // A creator earns nothing from their own purchase; the attribution is still recorded.
  const earning = creatorId === buyerId ? new Set<string>() : attributed;
  // The rate in force for each line that earns, by the one rule (commission.ts), read in this transaction.
  const rates = new Map(creatorId && earning.size > 0 ? (await tx.saleRates(creatorId, [...earning])).map((rate) => [rate.productId, rate]) : []);

  const deal = flashDealId ? await dealForCheckout(tx, flashDealId, liveStreamId, lines.map((line) => line.productId)) : null;
  let dealAfter: FlashDealRow | null = null;

  const orderId = newId('ord');
  const lineRows: NewOrderLine[] = [];
  for (const [position, line] of lines.entries()) {
    const product = bought[position] as ProductRow;
    let unitPriceAmount = product.priceAmount;
    if (deal?.productId === product.id) {
      // The deal's units were taken off the shelf when it was made: they come from the deal.
      dealAfter = await takeFromDeal(tx, deal, buyerId, line.quantity, position, now);
      unitPriceAmount = deal.dealPriceAmount;
    } else {
      if (product.inventory < line.quantity) throw outOfStock(position, product);
      // The guard that holds under concurrency: no other writer can take the same units.
      if (!(await tx.takeStock(product.id, line.quantity))) throw outOfStock(position, product);
    }
    const totalAmount = unitPriceAmount * line.quantity;
    const rate = rates.get(product.id);
    const bps = rate?.bps ?? 0;
    lineRows.push({
      orderId,
      position,
      productId: product.id,
      title: product.title,
      quantity: line.quantity,
      unitPriceAmount,
      totalAmount,
      commissionBps: bps,
      commissionAmount: lineCommission(totalAmount, bps),
      attributed: attributed.has(product.id),
      campaignId: bps > 0 ? (rate?.campaignId ?? null) : null,
    });
  }
  const order = {
    id: orderId,
    buyerId,
    brandId,
    status: 'PAID' as const,
    currency,
    totalAmount: lineRows.reduce((sum, row) => sum + row.totalAmount, 0),
    commissionAmount: lineRows.reduce((sum, row) => sum + row.commissionAmount, 0),
    creatorId,
    affiliateLinkId,
    liveStreamId,
    videoId,
    createdAt: now,
  } satisfies NewOrder;
  await tx.insertOrder(order, lineRows);
  // The brand hears of it with the order's own commit (webhookEvents.ts): the order, then its products' stock.
  await tellOrderPlaced(tx, order, lineRows, now);
  for (const [position, line] of lines.entries()) {
    const product = bought[position] as ProductRow;
    if (deal?.productId !== product.id) await tellStockChanged(tx, product, product.inventory, product.inventory - line.quantity, now);
  }
  // A sale from a LIVE stream is announced to its viewers in the order's own transaction, then the deal's units left.
  if (liveStreamId) await announcePurchased(tx, liveStreamId, lineRows.filter((row) => row.attributed), now);
  if (dealAfter) await dealSold(tx, dealAfter, found.get(dealAfter.productId) as ProductRow, now);
  return orderId;
}

/** How a creator's video sales page, either way: by `[revenue, video id]`, best selling first (the kept rows' index). */
export const VIDEO_SALES_PAGING: ListPaging<{ revenueAmount: number; videoId: string }> = { arity: 2, keyOf: (row) => [row.revenueAmount, row.videoId] };

/** What checkouts from each of the creator's videos sold, best selling first: the kept rows, a page at a time. Only the creator sees them. */
export async function creatorVideoSales(context: Context, creatorId: string, args: PageArgs) {
  requireOwner(context.viewer, creatorId, 'Only the creator can see their own video sales.', ForbiddenReason.NOT_THE_CREATOR);
  return connectionOf(args, VIDEO_SALES_PAGING, (page) => context.store.videoSalesPage(creatorId, page));
}
