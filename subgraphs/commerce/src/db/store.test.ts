/**
 * The commerce store's contract, on SQLite and on Postgres: every statement answers the same on
 * both. Reads page by their cursors (times among them), counts and sums are numbers, writes hold
 * their guards, a transaction that throws leaves nothing, and where stock or commission is
 * contended exactly one writer wins.
 */
import { expect, it } from 'vitest';
import { creatorIds, DAY, liveStreamIds, SEED_TIME, shopBrands, userIds } from '@app/fixtures/world';
import { describeOnEachEngine } from '@app/kit/db/testing';
import type { CursorKey, ListPaging } from '@app/kit/pagination';
import { expectPagesBothWays } from '@app/kit/db/paging-testing';
import { DEAL_PAGING } from '../affiliates.ts';
import { CAMPAIGN_MEMBER_PAGING, CAMPAIGN_PAGING, CREATOR_MEMBERSHIP_PAGING } from '../campaigns.ts';
import { SAMPLE_PAGING } from '../samples.ts';
import { VIDEO_SALES_PAGING } from '../checkout.ts';
import { CREATED_PAGING, newestFirstPaging, POSITION_PAGING } from '../pages.ts';
import { BRAND_PAGING } from '../products.ts';
import { LINE_PAGING } from '../settlement.ts';
import { DELIVERY_PAGING } from '../webhooks.ts';
import type { NewFeedProduct, ProductSearch } from './contract.ts';
import { denseFrom } from './statements/search.ts';
import { RELEVANCE_CANDIDATES, SORTED_MATCHES_MAX, type ProductSort } from '../vocabulary.ts';
import type { NewOrderLine, ProductRow } from './tables.ts';
import { commerceSeedRows, seedCommerceStore } from './seed.ts';
import { openCommercePgStore, openCommerceStore, type CommerceStore } from './store.ts';

const world = commerceSeedRows();
const brandId = (shopBrands[0] as { id: string }).id;
const otherBrandId = (shopBrands[1] as { id: string }).id;
/** The seed's earning creators and buyers (seedHistory.ts); tests that write use creators and users of their own. */
const earners = [creatorIds[18], creatorIds[19]] as string[];
const buyers = [userIds[55], userIds[56], userIds[57], userIds[58]] as string[];
const AT = new Date(SEED_TIME + DAY);

let made = 0;
/** A product of the first shop brand, made for one test (its id unique in the store). */
function newProduct(overrides: Partial<NewFeedProduct> = {}): NewFeedProduct {
  made += 1;
  return {
    id: `prd_contract_${made}`,
    brandId,
    title: `Contract product ${made}`,
    description: 'Made by the contract suite.',
    priceAmount: 1_000,
    currency: 'USD',
    inventory: 10,
    status: 'ACTIVE',
    commissionBps: 1_000,
    imageUrl: `https://cdn.example.com/p/contract-${made}.jpg`,
    externalId: null,
    createdAt: new Date(SEED_TIME + made * 1_000),
    ...overrides,
  };
}

/** One order of `units` of `product`, its only line attributed to `creatorId` (commission at `bps`). */
function newOrder(id: string, product: NewFeedProduct, units: number, extra: { creatorId?: string | null; liveStreamId?: string | null; bps?: number; buyerId?: string; createdAt?: Date } = {}) {
  const totalAmount = product.priceAmount * units;
  const bps = extra.bps ?? 0;
  const commissionAmount = Math.floor((totalAmount * bps) / 10_000);
  const line: NewOrderLine = {
    orderId: id,
    position: 0,
    productId: product.id,
    title: product.title,
    quantity: units,
    unitPriceAmount: product.priceAmount,
    totalAmount,
    commissionBps: bps,
    commissionAmount,
    attributed: extra.creatorId != null,
  };
  return {
    order: {
      id,
      buyerId: extra.buyerId ?? (userIds[40] as string),
      brandId: product.brandId,
      status: 'PAID' as const,
      currency: 'USD',
      totalAmount,
      commissionAmount,
      creatorId: extra.creatorId ?? null,
      affiliateLinkId: null,
      liveStreamId: extra.liveStreamId ?? null,
      createdAt: extra.createdAt ?? AT,
    },
    lines: [line],
  };
}

/** Every row of a list paged `first` at a time through its cursor (`cursorOf` the last row's). */
async function everyPage<R>(first: number, page: (after: CursorKey | null) => Promise<R[]>, cursorOf: (row: R) => CursorKey): Promise<R[]> {
  const seen: R[] = [];
  let after: CursorKey | null = null;
  for (;;) {
    const rows = await page(after);
    seen.push(...rows.slice(0, first));
    if (rows.length <= first) return seen;
    after = cursorOf(rows[first - 1] as R);
  }
}

const newestFirst = (rows: { createdAt: Date; id: string }[]) => [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((row) => row.id);

describeOnEachEngine<CommerceStore>(
  'commerce store',
  { sqlite: openCommerceStore, postgres: openCommercePgStore },
  (store, engine) => {
    it('pages products on sale newest first by [createdAt, id] with a time cursor, no repeats or gaps', async () => {
      const onSale = world.products.filter((row) => row.status === 'ACTIVE') as ProductRow[];
      const all = await everyPage(40, (after) => store().activeProductsPage({ first: 40, after }), (row) => [row.createdAt.getTime(), row.id]);
      expect(all.map((row) => row.id)).toEqual(newestFirst(onSale));
      const brands = await everyPage(7, (after) => store().activeProductsPage({ first: 7, after }, brandId), (row) => [row.createdAt.getTime(), row.id]);
      expect(brands.map((row) => row.id)).toEqual(newestFirst(onSale.filter((row) => row.brandId === brandId)));
      // A brand's own list has archived products too, unless it names a status.
      const own = world.products.filter((row) => row.brandId === brandId) as ProductRow[];
      const everything = await everyPage(5, (after) => store().brandCatalogPage(brandId, { first: 5, after }, null), (row) => [row.createdAt.getTime(), row.id]);
      expect(everything.map((row) => row.id)).toEqual(newestFirst(own));
      const archived = await store().brandCatalogPage(brandId, { first: 100, after: null }, 'ARCHIVED');
      expect(archived.map((row) => row.id)).toEqual(newestFirst(own.filter((row) => row.status === 'ARCHIVED')));
    });

    it('pages brands by name, and reads brands, products and catalogs by any number of ids (prepared, unknown ids left out)', async () => {
      const brands = await everyPage(5, (after) => store().brandsPage({ first: 5, after }), (row) => [row.name, row.id]);
      expect(brands.map((row) => row.id)).toEqual([...world.brands].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)).map((row) => row.id));
      for (const keys of [[brandId], [brandId, otherBrandId, 'brd_nobody']]) {
        expect((await store().brandsByIds(keys)).map((row) => row.id).sort()).toEqual(keys.filter((id) => id !== 'brd_nobody').sort());
      }
      const productKeys = world.products.slice(0, 30).map((row) => row.id);
      const products = await store().productsByIds(productKeys);
      expect(products.map((row) => row.id).sort()).toEqual([...productKeys].sort());
      expect(products[0]!.createdAt).toBeInstanceOf(Date);
      expect(await store().productsByIds([])).toEqual([]);
      const catalogKeys = world.catalogs.map((row) => row.id);
      expect((await store().catalogsByIds(catalogKeys)).map((row) => row.id).sort()).toEqual([...catalogKeys].sort());
    });

    it("pages many owners' lists in one statement each, prepared, the cursor (a time or a position) applied to every owner", async () => {
      const owners = shopBrands.slice(0, 3).map((brand) => brand.id);
      const first = await store().brandProductPages(owners, { first: 2, after: null });
      expect(new Set(first.map((row) => row.ownerId))).toEqual(new Set(owners));
      const own = first.filter((row) => row.ownerId === owners[0]);
      expect(own).toHaveLength(3);
      const next = await store().brandProductPages([owners[0]!], { first: 2, after: [own[1]!.node.createdAt.getTime(), own[1]!.node.id] });
      expect(next[0]!.node.id).toBe(own[2]!.node.id);
      // The same prepared statements again, other owners and page sizes.
      const again = await store().brandProductPages([owners[1]!], { first: 1, after: null });
      expect(again).toHaveLength(2);
      expect(again.every((row) => row.ownerId === owners[1])).toBe(true);

      const catalogs = await store().brandCatalogPages(owners, { first: 50, after: null });
      expect(catalogs.length).toBe(world.catalogs.filter((row) => owners.includes(row.brandId)).length);

      const catalogId = world.catalogs[0]!.id;
      const inCatalog = world.catalogProducts.filter((row) => row.catalogId === catalogId).sort((a, b) => a.position - b.position);
      const placed = await everyPage(3, (after) => store().catalogProductPages([catalogId], { first: 3, after }), (row) => [row.position, row.node.id]);
      expect(placed.map((row) => [row.position, row.node.id])).toEqual(inCatalog.map((row) => [row.position, row.productId]));

      const creator = creatorIds[0]!;
      const showcase = world.showcaseItems.filter((row) => row.creatorId === creator).sort((a, b) => a.position - b.position);
      const shown = await everyPage(4, (after) => store().showcasePages([creator], { first: 4, after }), (row) => [row.position, row.node.id]);
      expect(shown.map((row) => row.node.id)).toEqual(showcase.map((row) => row.productId));
      const carried = world.creatorCatalogs.filter((row) => row.creatorId === creator).sort((a, b) => a.position - b.position);
      expect((await store().creatorCatalogPages([creator], { first: 20, after: null })).map((row) => row.node.id)).toEqual(carried.map((row) => row.catalogId));
    });

    it('pages every list both ways: `last`/`before` walks the same index back, the same rows either way, pageInfo right at both ends', async () => {
      const nodes = <T>(rows: readonly { node: T }[]) => rows.map((row) => row.node);
      const created = CREATED_PAGING as ListPaging<ProductRow>;
      const onSale = world.products.filter((row) => row.status === 'ACTIVE') as ProductRow[];
      expect((await expectPagesBothWays(created, (page) => store().activeProductsPage(page), 40)).map((row) => row.id)).toEqual(newestFirst(onSale));
      expect((await expectPagesBothWays(created, (page) => store().activeProductsPage(page, brandId), 7)).length).toBe(onSale.filter((row) => row.brandId === brandId).length);
      expect((await expectPagesBothWays(created, (page) => store().brandCatalogPage(brandId, page, null), 5)).length).toBe(world.products.filter((row) => row.brandId === brandId).length);
      expect((await expectPagesBothWays(BRAND_PAGING, (page) => store().brandsPage(page), 5)).length).toBe(world.brands.length);
      // Per-owner lists: forward prepared, backward the same walk the other way.
      expect((await expectPagesBothWays(created, async (page) => nodes(await store().brandProductPages([brandId], page)), 3)).length).toBe(onSale.filter((row) => row.brandId === brandId).length);
      expect((await expectPagesBothWays(CREATED_PAGING, async (page) => nodes(await store().brandCatalogPages([brandId], page)), 1)).length).toBe(world.catalogs.filter((row) => row.brandId === brandId).length);
      const catalogId = world.catalogs[0]!.id;
      expect((await expectPagesBothWays(POSITION_PAGING, (page) => store().catalogProductPages([catalogId], page), 3)).length).toBe(world.catalogProducts.filter((row) => row.catalogId === catalogId).length);
      const creator = creatorIds[0]!;
      expect((await expectPagesBothWays(POSITION_PAGING, (page) => store().showcasePages([creator], page), 4)).length).toBe(world.showcaseItems.filter((row) => row.creatorId === creator).length);
      expect((await expectPagesBothWays(POSITION_PAGING, (page) => store().creatorCatalogPages([creator], page), 1)).length).toBe(world.creatorCatalogs.filter((row) => row.creatorId === creator).length);
      const linker = world.affiliateLinks[0]!.creatorId;
      expect((await expectPagesBothWays(CREATED_PAGING, async (page) => nodes(await store().affiliateLinkPages([linker], page)), 2)).length).toBe(world.affiliateLinks.filter((row) => row.creatorId === linker).length);
      const buyer = buyers[0]!;
      expect((await expectPagesBothWays(CREATED_PAGING, async (page) => nodes(await store().buyerOrderPages([buyer], page)), 2)).length).toBe(world.orders.filter((row) => row.buyerId === buyer).length);
      const seller = world.orders[0]!.brandId;
      expect((await expectPagesBothWays(CREATED_PAGING, async (page) => nodes(await store().brandOrderPages([seller], page)), 7)).length).toBe(world.orders.filter((row) => row.brandId === seller).length);
      const deal = world.creatorCommissions[0]!;
      expect((await expectPagesBothWays(DEAL_PAGING, (page) => store().commissionDealsPage(deal.brandId, page), 1)).length).toBe(world.creatorCommissions.filter((row) => row.brandId === deal.brandId).length);
      const lines = await expectPagesBothWays(LINE_PAGING, (page) => store().commissionLinePage(earners[0]!, { buckets: null, from: null, to: null }, page, AT), 3);
      expect(lines.length).toBeGreaterThan(3);
      const payouts = world.commissionPayouts.filter((row) => row.creatorId === earners[0]);
      expect((await expectPagesBothWays(newestFirstPaging((row: { id: string; requestedAt: Date }) => row.requestedAt), async (page) => nodes(await store().creatorPayoutPages([earners[0]!], page)), 1)).length).toBe(payouts.length);
      expect(await expectPagesBothWays(VIDEO_SALES_PAGING, (page) => store().videoSalesPage(earners[0]!, page), 2)).toBeDefined();
    });

    it("lists a video's tagged and a stream's pinned products in list order", async () => {
      const videoId = world.videoProducts[0]!.videoId;
      const tagged = await store().videoProductLists([videoId, 'vid_nobody']);
      expect(tagged.map((row) => row.node.id)).toEqual(
        world.videoProducts
          .filter((row) => row.videoId === videoId)
          .sort((a, b) => a.position - b.position)
          .map((row) => row.productId),
      );
      const streamId = liveStreamIds[0]!;
      const pinned = await store().pinnedProductLists([streamId]);
      expect(pinned.map((row) => row.node.id)).toEqual(
        world.liveStreamPins
          .filter((row) => row.liveStreamId === streamId)
          .sort((a, b) => a.position - b.position)
          .map((row) => row.productId),
      );
      expect(pinned[0]!.node.createdAt).toBeInstanceOf(Date);
    });

    it("shows affiliate links with their stats as numbers and the rate in force, and pages a creator's links newest first", async () => {
      const links = await store().affiliateLinksByIds(world.affiliateLinks.map((row) => row.id));
      expect(links).toHaveLength(world.affiliateLinks.length);
      for (const link of links) {
        expect(typeof link.orderCount).toBe('number');
        expect(typeof link.earnedAmount).toBe('number');
        expect(typeof link.pendingAmount).toBe('number');
        const [rate] = await store().saleRates(link.creatorId, [link.productId]);
        expect(link.commissionBps).toBe(rate!.bps);
      }
      // What the seed's history says each link earned and has pending.
      for (const link of links) {
        const through = world.orders.filter((order) => order.affiliateLinkId === link.id);
        const earned = (status: string) =>
          world.orderLines.filter((line) => through.some((order) => order.id === line.orderId && order.status === status)).reduce((sum, line) => sum + line.commissionAmount - (line.commissionReversed ?? 0), 0);
        expect([link.orderCount, link.earnedAmount, link.pendingAmount]).toEqual([through.filter((order) => order.status !== 'CANCELLED').length, earned('FULFILLED'), earned('PAID')]);
      }
      const pages = await everyPage(1, (after) => store().affiliateLinkPages([earners[0]!], { first: 1, after }).then((rows) => rows.map((row) => row.node)), (row) => [row.createdAt.getTime(), row.id]);
      expect(pages.map((row) => row.id)).toEqual(newestFirst(world.affiliateLinks.filter((row) => row.creatorId === earners[0]) as { createdAt: Date; id: string }[]));
    });

    it("prices a sale at the highest of the product's rate and the brand's deals that apply, and a deal never lowers it", async () => {
      const creator = creatorIds[2]!;
      const product = newProduct({ commissionBps: 1_200 });
      const elsewhere = newProduct({ commissionBps: 800, brandId: otherBrandId });
      await store().insertProducts([product, elsewhere]);
      const rate = async (productId: string) => (await store().saleRates(creator, [productId]))[0]!.bps;
      expect(await rate(product.id)).toBe(1_200);
      await store().saveCommissionDeal('dea_contract_low', { brandId, creatorId: creator, productId: product.id, commissionBps: 500, updatedAt: AT });
      expect(await rate(product.id)).toBe(1_200);
      await store().saveCommissionDeal('dea_contract_all', { brandId, creatorId: creator, productId: null, commissionBps: 2_000, updatedAt: AT });
      expect(await rate(product.id)).toBe(2_000);
      // Another brand's product, and another creator, are not covered by the deal.
      expect(await rate(elsewhere.id)).toBe(800);
      expect((await store().saleRates(creatorIds[3]!, [product.id]))[0]!.bps).toBe(1_200);
      // Saving the same deal again replaces its rate rather than adding one.
      const saved = await store().saveCommissionDeal('dea_contract_other', { brandId, creatorId: creator, productId: product.id, commissionBps: 2_500, updatedAt: new Date(AT.getTime() + 1) });
      expect(saved).toMatchObject({ id: 'dea_contract_low', commissionBps: 2_500 });
      expect(await rate(product.id)).toBe(2_500);
      const deals = await everyPage(1, (after) => store().commissionDealsPage(brandId, { first: 1, after }), (row) => [row.updatedAt.getTime(), row.id]);
      expect(deals.filter((deal) => deal.creatorId === creator).map((deal) => deal.id)).toEqual(['dea_contract_low', 'dea_contract_all']);
    });

    it("pages a buyer's and a brand's orders newest first, with their lines, returns and return lines", async () => {
      const buyer = buyers[0]!;
      const own = world.orders.filter((row) => row.buyerId === buyer) as { createdAt: Date; id: string }[];
      const pages = await everyPage(2, (after) => store().buyerOrderPages([buyer], { first: 2, after }).then((rows) => rows.map((row) => row.node)), (row) => [row.createdAt.getTime(), row.id]);
      expect(pages.map((row) => row.id)).toEqual(newestFirst(own));
      const brand = world.orders[0]!.brandId;
      const brandOrders = await store().brandOrderPages([brand], { first: 100, after: null });
      expect(brandOrders.map((row) => row.node.id)).toEqual(newestFirst(world.orders.filter((row) => row.brandId === brand) as { createdAt: Date; id: string }[]));

      const orderIds = world.orders.map((row) => row.id);
      expect((await store().ordersByIds(orderIds)).length).toBe(orderIds.length);
      const lines = await store().orderLineLists(orderIds);
      expect(lines).toHaveLength(world.orderLines.length);
      expect(lines.every((row) => row.node.currency === 'USD' && typeof row.node.attributed === 'boolean')).toBe(true);

      const returned = world.orderReturns[0]!;
      const [ret] = await store().returnsByIds([returned.id]);
      expect(ret).toMatchObject({ id: returned.id, status: 'APPROVED', restocked: true, decidedAt: returned.decidedAt });
      expect((await store().orderReturnLists([returned.orderId])).map((row) => row.node.id)).toEqual([returned.id]);
      const [returnLine] = await store().returnLineLists([returned.id]);
      const orderLine = world.orderLines.find((line) => line.orderId === returned.orderId && line.position === returnLine!.node.position)!;
      expect(returnLine!.node).toMatchObject({ productId: orderLine.productId, title: orderLine.title, unitPriceAmount: orderLine.unitPriceAmount, currency: 'USD' });
    });

    it("works out a line's settlement state at a time, in sums that are numbers, and pages a statement by [order time, order, line]", async () => {
      const buckets = await store().commissionBuckets(earners, AT);
      expect(new Set(buckets.map((row) => row.bucket))).toEqual(new Set(['PENDING', 'LOCKED', 'PAYABLE', 'REVERSED', 'PAID']));
      expect(buckets.every((row) => typeof row.net === 'number' && typeof row.reversed === 'number')).toBe(true);
      // Every commission credited is in one state: the states add up to what the lines earned.
      const earning = world.orderLines.filter((line) => line.commissionAmount > 0);
      expect(buckets.reduce((sum, row) => sum + row.net + row.reversed, 0)).toBe(earning.reduce((sum, line) => sum + line.commissionAmount, 0));
      // The windows running at seed time end 25 days after it: what was LOCKED is then PAYABLE, with no job run.
      const later = await store().commissionBuckets(earners, new Date(SEED_TIME + 26 * DAY));
      const total = (rows: typeof buckets, bucket: string) => rows.filter((row) => row.bucket === bucket).reduce((sum, row) => sum + row.net, 0);
      expect(total(later, 'LOCKED')).toBe(0);
      expect(total(later, 'PAYABLE')).toBe(total(buckets, 'PAYABLE') + total(buckets, 'LOCKED'));

      const creator = earners[0]!;
      const filter = { buckets: null, from: null, to: null };
      const all = await store().commissionLinePage(creator, filter, { first: 100, after: null }, AT);
      const paged = await everyPage(2, (after) => store().commissionLinePage(creator, filter, { first: 2, after }, AT), (row) => [row.orderedAt.getTime(), row.orderId, row.position]);
      expect(paged.map((row) => `${row.orderId}:${row.position}`)).toEqual(all.map((row) => `${row.orderId}:${row.position}`));
      expect(all.every((row) => row.orderedAt instanceof Date && row.creatorId === creator)).toBe(true);
      const locked = await store().commissionLinePage(creator, { ...filter, buckets: ['LOCKED'] }, { first: 100, after: null }, AT);
      expect(locked.length).toBeGreaterThan(0);
      expect(locked.every((row) => row.bucket === 'LOCKED' && row.returnsUntil!.getTime() > AT.getTime())).toBe(true);
      // The last ten days before seed time hold one order not yet shipped and one inside its window.
      const totals = await store().commissionStatementTotals(creator, { ...filter, from: new Date(SEED_TIME - 10 * DAY) }, AT);
      expect(totals.every((row) => typeof row.net === 'number')).toBe(true);
      expect(totals.map((row) => row.bucket).sort()).toEqual(['LOCKED', 'PENDING']);
      const everything = await store().commissionStatementTotals(creator, filter, AT);
      expect(everything.reduce((sum, row) => sum + row.net, 0)).toBe(all.reduce((sum, row) => sum + row.commissionAmount - row.commissionReversed, 0));
      const orderLines = await store().orderCommissionLines([all[0]!.orderId], AT);
      expect(orderLines.map((row) => row.node.bucket)).toEqual([all.find((row) => row.orderId === all[0]!.orderId)!.bucket]);
      const payable = await store().payableCommissionLines(creator, 'USD', AT);
      expect(payable.reduce((sum, line) => sum + line.amount, 0)).toBe(total(buckets.filter((row) => row.creatorId === creator), 'PAYABLE'));
    });

    it("adds up a brand's sales over a period in numbers: totals, and by product, creator and stream", async () => {
      const product = newProduct({ priceAmount: 2_500 });
      await store().insertProducts([product]);
      const stream = liveStreamIds[1]!;
      const sold = newOrder('ord_contract_stream', product, 3, { creatorId: creatorIds[4]!, liveStreamId: stream, bps: 1_000, createdAt: new Date(SEED_TIME + 2 * DAY) });
      await store().insertOrder(sold.order, sold.lines);
      const period = { brandId, currency: 'USD', from: new Date(SEED_TIME + 2 * DAY - 1), to: new Date(SEED_TIME + 2 * DAY + 1) };
      expect(await store().brandSalesTotals(period)).toEqual({ orders: 1, units: 3, revenueAmount: 7_500, refundAmount: 0, commissionAmount: 750 });
      expect(await store().brandSalesByProduct(period, 10)).toEqual([{ key: product.id, orders: 1, units: 3, revenueAmount: 7_500, refundAmount: 0, commissionAmount: 750 }]);
      expect((await store().brandSalesByCreator(period, 10)).map((row) => [row.key, row.revenueAmount])).toEqual([[creatorIds[4], 7_500]]);
      expect((await store().brandSalesByLiveStream(period, 10)).map((row) => [row.key, row.units])).toEqual([[stream, 3]]);
      const empty = await store().brandSalesTotals({ ...period, from: new Date(0), to: new Date(1) });
      expect(empty).toEqual({ orders: 0, units: 0, revenueAmount: 0, refundAmount: 0, commissionAmount: 0 });
      expect(await store().streamSales([stream, liveStreamIds[2]!])).toEqual([{ liveStreamId: stream, orders: 1, units: 3, revenueAmount: 7_500, currency: 'USD', currencies: 1 }]);
      // The whole seeded history of the first shop, by product, adds up to its totals.
      const ever = { brandId: world.orders[0]!.brandId, currency: 'USD', from: new Date(0), to: new Date(SEED_TIME + 365 * DAY) };
      const totals = await store().brandSalesTotals(ever);
      const byProduct = await store().brandSalesByProduct(ever, 100);
      expect(byProduct.reduce((sum, row) => sum + row.revenueAmount, 0)).toBe(totals.revenueAmount);
      for (let i = 1; i < byProduct.length; i++) expect(byProduct[i]!.revenueAmount).toBeLessThanOrEqual(byProduct[i - 1]!.revenueAmount);
    });

    it("answers any period alike from its whole days' rollups and its partial days' orders: the same as a recount of the lines", async () => {
      const shop = world.orders[0]!.brandId;
      const periods: [number, number][] = [
        [SEED_TIME - 130.3 * DAY, SEED_TIME - 0.2 * DAY],
        [SEED_TIME - 64.5 * DAY, SEED_TIME - 63.5 * DAY],
        [SEED_TIME - 80 * DAY - 300_000, SEED_TIME - 6 * DAY + 300_000],
        [Math.floor((SEED_TIME - 100 * DAY) / DAY) * DAY, Math.floor(SEED_TIME / DAY) * DAY],
        [SEED_TIME - 2.01 * DAY, SEED_TIME - 1.99 * DAY],
      ];
      for (const [from, to] of periods) {
        const period = { brandId: shop, currency: 'USD', from: new Date(from), to: new Date(to) };
        // The rule, recounted over the seed's own rows: orders that stand, placed in the period, net of refunds.
        const standing = world.orders.filter((order) => order.brandId === shop && order.status !== 'CANCELLED' && order.createdAt.getTime() >= from && order.createdAt.getTime() < to);
        const recount = (keyOf: (order: (typeof standing)[number], line: NewOrderLine) => string | null) => {
          const rows = new Map<string, { key: string; orders: Set<string>; units: number; revenueAmount: number; refundAmount: number; commissionAmount: number }>();
          for (const order of standing) {
            for (const line of world.orderLines.filter((row) => row.orderId === order.id)) {
              const key = keyOf(order, line);
              if (key === null) continue;
              const row = rows.get(key) ?? { key, orders: new Set<string>(), units: 0, revenueAmount: 0, refundAmount: 0, commissionAmount: 0 };
              rows.set(key, row);
              const refunded = line.refundedQuantity ?? 0;
              row.orders.add(order.id);
              row.units += line.quantity - refunded;
              row.revenueAmount += line.totalAmount - refunded * line.unitPriceAmount;
              row.refundAmount += refunded * line.unitPriceAmount;
              row.commissionAmount += line.commissionAmount - (line.commissionReversed ?? 0);
            }
          }
          return [...rows.values()]
            .map(({ orders, ...row }) => ({ ...row, orders: orders.size }))
            .sort((a, b) => b.revenueAmount - a.revenueAmount || (a.key < b.key ? -1 : 1));
        };
        if (from === periods[0]![0]) expect(standing.length).toBeGreaterThan(5);
        const [total] = recount(() => '');
        const { key: _key, ...totals } = total ?? { key: '', orders: 0, units: 0, revenueAmount: 0, refundAmount: 0, commissionAmount: 0 };
        expect(await store().brandSalesTotals(period)).toEqual(totals);
        expect(await store().brandSalesByProduct(period, 100)).toEqual(recount((_order, line) => line.productId));
        expect(await store().brandSalesByCreator(period, 100)).toEqual(recount((order, line) => (line.attributed && order.creatorId ? order.creatorId : null)));
        expect(await store().brandSalesByLiveStream(period, 100)).toEqual(recount((order, line) => (line.attributed && order.liveStreamId ? order.liveStreamId : null)));
        // A statement's totals per state: what its lines, each in its state at the time, add up to.
        for (const creator of earners) {
          const filter = { buckets: null, from: period.from, to: period.to };
          const lines = await store().commissionLinePage(creator, filter, { first: 100, after: null }, AT);
          const expected = new Map<string, { bucket: string; net: number; reversed: number }>();
          for (const line of lines) {
            const row = expected.get(line.bucket) ?? { bucket: line.bucket, net: 0, reversed: 0 };
            expected.set(line.bucket, row);
            row.net += line.commissionAmount - line.commissionReversed;
            row.reversed += line.commissionReversed;
          }
          const byBucket = (rows: { bucket: string }[]) => [...rows].sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
          expect(byBucket(await store().commissionStatementTotals(creator, filter, AT))).toEqual(byBucket([...expected.values()]));
        }
      }
    });

    it('searches products on sale by every word of a text in title, description and brand name: title matches first, filters exact, every sort paged whole with no repeats', async () => {
      const shop = shopBrands[0] as { id: string; name: string; topics: readonly string[] };
      const other = shopBrands[1] as { id: string; topics: readonly string[] };
      const topic = shop.topics.find((t) => !other.topics.includes(t))!;
      const shoe = newProduct({ title: 'Zephyrine trail shoes', description: 'Light and quick.', priceAmount: 5_000, inventory: 5 });
      const cap = newProduct({ title: 'Plain cap', description: 'Made for zephyrine fans.', priceAmount: 2_000, inventory: 0 });
      const bottle = newProduct({ brandId: other.id, title: 'Zephyrine bottle', description: 'Holds water.', priceAmount: 9_000, inventory: 3 });
      const archived = newProduct({ title: 'Zephyrine lamp', status: 'ARCHIVED' });
      await store().insertProducts([shoe, cap, bottle, archived]);
      const search = (terms: string[], extra: Partial<ProductSearch> = {}) => ({ terms, brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort: 'RELEVANCE' as const, ...extra });
      const ids = async (s: ProductSearch) => (await store().searchProducts(s, { first: 100, after: null })).map((hit) => hit.id);

      const relevant = await ids(search(['zephyrine']));
      expect(new Set(relevant)).toEqual(new Set([shoe.id, cap.id, bottle.id]));
      expect(relevant.at(-1)).toBe(cap.id);
      expect(new Set(await ids(search(['zephyr'])))).toEqual(new Set([shoe.id, cap.id, bottle.id]));
      expect(await ids(search(['zephyrine', 'shoe']))).toEqual([shoe.id]);
      expect(await ids(search(['zephyrine', 'nothingmatches']))).toEqual([]);
      expect(new Set(await ids(search([...shop.name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean), 'zephyrine'])))).toEqual(new Set([shoe.id, cap.id]));

      expect(new Set(await ids(search(['zephyrine'], { brandId: shop.id })))).toEqual(new Set([shoe.id, cap.id]));
      expect(new Set(await ids(search(['zephyrine'], { minPrice: 5_000 })))).toEqual(new Set([shoe.id, bottle.id]));
      expect(await ids(search(['zephyrine'], { maxPrice: 4_999 }))).toEqual([cap.id]);
      expect(new Set(await ids(search(['zephyrine'], { inStock: true })))).toEqual(new Set([shoe.id, bottle.id]));
      expect(await ids(search(['zephyrine'], { inStock: false }))).toEqual([cap.id]);
      expect(new Set(await ids(search(['zephyrine'], { topic })))).toEqual(new Set([shoe.id, cap.id]));

      // Best sellers by the kept count: the bottle sold 4, the shoe 1 (an order of 2 with one unit refunded).
      const sold = newOrder('ord_contract_search_a', bottle, 4);
      await store().insertOrder(sold.order, sold.lines);
      const refunded = newOrder('ord_contract_search_b', shoe, 2);
      await store().insertOrder(refunded.order, refunded.lines);
      expect(await store().refundLine(refunded.order.id, 0, { refundedQuantity: 0, commissionReversed: 0 }, { refundedQuantity: 1, commissionReversed: 0 })).toBe(true);
      const expected: Record<ProductSort, string[]> = {
        RELEVANCE: relevant,
        PRICE_ASC: [cap.id, shoe.id, bottle.id],
        PRICE_DESC: [bottle.id, shoe.id, cap.id],
        NEWEST: [bottle.id, cap.id, shoe.id],
        BEST_SELLING: [bottle.id, shoe.id, cap.id],
      };
      for (const [sort, order] of Object.entries(expected) as [ProductSort, string[]][]) {
        expect({ sort, ids: await ids(search(['zephyrine'], { sort })) }).toEqual({ sort, ids: order });
        const paged = await everyPage(1, (after) => store().searchProducts(search(['zephyrine'], { sort }), { first: 1, after }), (hit) => hit.key);
        expect({ sort, ids: paged.map((hit) => hit.id) }).toEqual({ sort, ids: order });
      }

      // The index follows the rows: an edit, and a feed's rewrite of its fields.
      await store().updateProduct(cap.id, { title: 'Quasar cap', description: 'Plain.' });
      expect(await ids(search(['quasar']))).toEqual([cap.id]);
      expect(await ids(search(['zephyrine'], { maxPrice: 4_999 }))).toEqual([]);
      await store().updateImportedProducts([{ ...shoe, title: 'Nebulite runner', externalId: null }]);
      expect(await ids(search(['nebulite']))).toEqual([shoe.id]);
      // So does best-selling's walk, which on Postgres tests a copy of the document on the sales row.
      expect(await ids(search(['quasar'], { sort: 'BEST_SELLING' }))).toEqual([cap.id]);
      expect(await ids(search(['nebulite'], { sort: 'BEST_SELLING' }))).toEqual([shoe.id]);
      expect(await ids(search(['zephyrine'], { sort: 'BEST_SELLING', maxPrice: 4_999 }))).toEqual([]);
    });

    it('searches a word many products hold as it searches a rare one: an index sort walks its index to the page with the same answer, RELEVANCE ranks a bounded set of candidates', async () => {
      const count = Math.max(RELEVANCE_CANDIDATES, SORTED_MATCHES_MAX) + 100;
      const many = Array.from({ length: count }, (_, i) =>
        newProduct({
          id: `prd_multitudo_${String(i).padStart(4, '0')}`,
          brandId: i % 3 === 0 ? otherBrandId : brandId,
          title: i % 7 === 0 ? 'Multitudo multitudo lamp' : `Lamp ${i}`,
          description: i % 7 === 0 ? 'Bright.' : 'For the multitudo.',
          // Ties in price and in time, broken by id.
          priceAmount: 1_000 + (i % 50) * 10,
          inventory: i % 4 === 0 ? 0 : 3,
          status: i % 11 === 0 ? 'ARCHIVED' : 'ACTIVE',
          createdAt: new Date(SEED_TIME + 30 * DAY + Math.floor(i / 3) * 1_000),
        }),
      );
      await store().insertProducts(many);
      // Sales: a few products sold, one sold and refunded whole (a kept row of 0 units).
      const sold = [many[1]!, many[2]!, many[5]!, many[8]!];
      for (const [i, product] of sold.entries()) {
        const order = newOrder(`ord_contract_multitudo_${i}`, product, 1 + (i % 2));
        await store().insertOrder(order.order, order.lines);
      }
      const undone = newOrder('ord_contract_multitudo_refunded', many[10]!, 2);
      await store().insertOrder(undone.order, undone.lines);
      expect(await store().refundLine(undone.order.id, 0, { refundedQuantity: 0, commissionReversed: 0 }, { refundedQuantity: 2, commissionReversed: 0 })).toBe(true);
      const units = new Map(sold.map((product, i) => [product.id, 1 + (i % 2)]));

      const search = (extra: Partial<ProductSearch> = {}): ProductSearch => ({ terms: ['multitudo'], brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort: 'RELEVANCE', ...extra });
      const byId = (a: NewFeedProduct, b: NewFeedProduct) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const orders: Record<Exclude<ProductSort, 'RELEVANCE'>, (a: NewFeedProduct, b: NewFeedProduct) => number> = {
        NEWEST: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byId(b, a),
        PRICE_ASC: (a, b) => a.priceAmount - b.priceAmount || byId(a, b),
        PRICE_DESC: (a, b) => b.priceAmount - a.priceAmount || byId(b, a),
        BEST_SELLING: (a, b) => (units.get(b.id) ?? 0) - (units.get(a.id) ?? 0) || byId(b, a),
      };
      const narrowings: [Partial<ProductSearch>, (p: NewFeedProduct) => boolean][] = [
        [{}, () => true],
        [{ brandId: otherBrandId }, (p) => p.brandId === otherBrandId],
        [{ inStock: true, minPrice: 1_200 }, (p) => p.inventory > 0 && p.priceAmount >= 1_200],
      ];
      for (const [narrowing, keep] of narrowings) {
        const found = many.filter((p) => p.status === 'ACTIVE' && keep(p));
        for (const [sort, order] of Object.entries(orders) as [ProductSort, (a: NewFeedProduct, b: NewFeedProduct) => number][]) {
          const expected = [...found].sort(order).map((p) => p.id);
          const paged = await everyPage(37, (after) => store().searchProducts(search({ ...narrowing, sort }), { first: 37, after }), (hit) => hit.key);
          expect({ sort, narrowing, ids: paged.map((hit) => hit.id) }).toEqual({ sort, narrowing, ids: expected });
        }
      }

      // RELEVANCE: the candidates are bounded, ranked best first, paged whole with no repeats;
      // checked while the word is dense (SQLite scores where it is found) and once it is not (bm25).
      const checkRelevance = async () => {
        const ranked = await everyPage(100, (after) => store().searchProducts(search(), { first: 100, after }), (hit) => hit.key);
        const active = many.filter((p) => p.status === 'ACTIVE');
        expect(ranked).toHaveLength(Math.min(RELEVANCE_CANDIDATES, active.length));
        expect(new Set(ranked.map((hit) => hit.id)).size).toBe(ranked.length);
        expect(ranked.every((hit, i) => i === 0 || hit.key[0] <= ranked[i - 1]!.key[0])).toBe(true);
        if (engine === 'sqlite') expect(new Set(ranked.map((hit) => hit.id))).toEqual(new Set(active.slice(-RELEVANCE_CANDIDATES).map((p) => p.id)));
        // Title matches rank first among the candidates, every one of them before any other.
        const inTitle = ranked.map((hit) => many.find((p) => p.id === hit.id)!.title.includes('Multitudo'));
        expect(inTitle[0]).toBe(true);
        expect(inTitle.indexOf(false)).toBe(inTitle.filter(Boolean).length);
        // A narrower search is ranked whole when it has fewer matches than the bound.
        const brandOnly = await everyPage(50, (after) => store().searchProducts(search({ brandId: otherBrandId }), { first: 50, after }), (hit) => hit.key);
        expect(new Set(brandOnly.map((hit) => hit.id))).toEqual(new Set(active.filter((p) => p.brandId === otherBrandId).map((p) => p.id)));
      };
      await checkRelevance();

      // The same answers once the word is no longer dense: with a catalogue ten times larger, its
      // matches are fewer than a tenth of it, and SQLite's walk reads their ids once instead of
      // testing each row (the two ways of `walk`).
      const catalogueBefore = many.length + 200;
      expect(denseFrom(catalogueBefore)).toBeLessThanOrEqual(many.length);
      const filler = Array.from({ length: 10 * catalogueBefore }, (_, i) => newProduct({ id: `prd_filler_${String(i).padStart(5, '0')}`, title: `Filler ${i}`, description: 'Nothing to find.' }));
      await store().insertProducts(filler);
      expect(denseFrom(catalogueBefore + filler.length)).toBeGreaterThan(many.length);
      for (const [sort, order] of Object.entries(orders) as [ProductSort, (a: NewFeedProduct, b: NewFeedProduct) => number][]) {
        const expected = many.filter((p) => p.status === 'ACTIVE').sort(order).map((p) => p.id);
        const paged = await everyPage(37, (after) => store().searchProducts(search({ sort }), { first: 37, after }), (hit) => hit.key);
        expect({ sort, ids: paged.map((hit) => hit.id) }).toEqual({ sort, ids: expected });
      }

      await checkRelevance();

      // A rare word, in a catalogue of thousands: every sort reads its few matches through the
      // full-text index and sorts them. SQLite's planner, left to itself, walked the sort's index
      // testing every product against the word (1.5 s a search on 200,000 products).
      const rare = newProduct({ id: 'prd_quillovine', title: 'Quillovine kettle', description: 'Boils.' });
      await store().insertProducts([rare]);
      const planned: string[] = [];
      const client = engine === 'sqlite' ? (store() as unknown as { db: { $client: { prepare(sql: string): { all(...values: unknown[]): unknown[] } } } }).db.$client : null;
      const prepare = client?.prepare;
      if (client && prepare) client.prepare = (sql: string) => (planned.push(sql), prepare.call(client, sql));
      try {
        for (const sort of Object.keys(orders) as ProductSort[]) {
          planned.length = 0;
          const hits = await store().searchProducts({ ...search({ sort }), terms: ['quillovine'] }, { first: 10, after: null });
          expect({ sort, ids: hits.map((hit) => hit.id) }).toEqual({ sort, ids: [rare.id] });
          if (!client || !prepare) continue;
          const page = planned.at(-1)!;
          const plan = (prepare.call(client, `explain query plan ${page}`).all(...new Array((page.match(/\?/g) ?? []).length).fill(null)) as { detail: string }[]).map((step) => step.detail);
          expect({ sort, walksTheCatalogue: plan.filter((step) => /^SEARCH products USING (COVERING )?INDEX products_status_\w+ \(status=\?\)$/.test(step)) }).toEqual({ sort, walksTheCatalogue: [] });
          expect({ sort, readsTheMatches: plan.some((step) => step.startsWith('SCAN product_search VIRTUAL TABLE')) }).toEqual({ sort, readsTheMatches: true });
        }
      } finally {
        if (client && prepare) client.prepare = prepare;
      }
    });

    it('takes as relevance candidates the products holding the last word whole before those where it starts a longer word, which fill the set when the whole word does not', async () => {
      // Inserted first, so first in Postgres' table order, each with the longer word in its title
      // (ranked above a description match): without the whole word first they would be candidates.
      const longer = Array.from({ length: 50 }, (_, i) => newProduct({ id: `prd_zorbaxine_${String(i).padStart(2, '0')}`, brandId: otherBrandId, title: 'Zorbaxine lamp', description: 'Bright.' }));
      const whole = Array.from({ length: RELEVANCE_CANDIDATES + 20 }, (_, i) =>
        newProduct({ id: `prd_zorbax_${String(i).padStart(3, '0')}`, brandId: i < 5 ? otherBrandId : brandId, title: `Lamp ${i}`, description: 'For the zorbax fans.' }),
      );
      await store().insertProducts(longer);
      await store().insertProducts(whole);
      const search = (extra: Partial<ProductSearch> = {}): ProductSearch => ({ terms: ['zorbax'], brandId: null, minPrice: null, maxPrice: null, inStock: null, topic: null, sort: 'RELEVANCE', ...extra });
      const ranked = await everyPage(100, (after) => store().searchProducts(search(), { first: 100, after }), (hit) => hit.key);
      expect(ranked).toHaveLength(RELEVANCE_CANDIDATES);
      expect(ranked.filter((hit) => hit.id.startsWith('prd_zorbaxine_'))).toEqual([]);
      // Narrowed to a brand with 5 whole matches, the longer word's 50 fill the set, ranked by their titles first.
      const narrowed = await everyPage(100, (after) => store().searchProducts(search({ brandId: otherBrandId }), { first: 100, after }), (hit) => hit.key);
      expect(new Set(narrowed.map((hit) => hit.id))).toEqual(new Set([...longer, ...whole.slice(0, 5)].map((p) => p.id)));
      expect(narrowed.slice(0, 50).every((hit) => hit.id.startsWith('prd_zorbaxine_'))).toBe(true);
    });

    it('keeps each video sales with its orders (tagged lines only, net of refunds, a cancellation taking the order out) and pages a creator videos best selling first', async () => {
      const creator = creatorIds[6] as string;
      const tagged = newProduct({ priceAmount: 1_200 });
      const other = newProduct({ priceAmount: 700 });
      await store().insertProducts([tagged, other]);
      const fromVideo = (id: string, videoId: string, units: number) => {
        const made = newOrder(id, tagged, units, { creatorId: creator, bps: 1_000 });
        const extra = { ...newOrder(id, other, 1).lines[0]!, position: 1, attributed: false };
        return { order: { ...made.order, videoId, totalAmount: made.order.totalAmount + extra.totalAmount }, lines: [...made.lines, extra] };
      };
      const a = fromVideo('ord_contract_video_a', 'vid_contract_a', 2);
      const b = fromVideo('ord_contract_video_b', 'vid_contract_b', 5);
      const c = fromVideo('ord_contract_video_c', 'vid_contract_a', 1);
      for (const { order, lines } of [a, b, c]) await store().insertOrder(order, lines);
      expect(await store().refundLine(a.order.id, 0, { refundedQuantity: 0, commissionReversed: 0 }, { refundedQuantity: 1, commissionReversed: 120 })).toBe(true);
      const page = async () => (await everyPage(1, (after) => store().videoSalesPage(creator, { first: 1, after }), (row) => [row.revenueAmount, row.videoId])).map((row) => [row.videoId, row.orders, row.units, row.revenueAmount, row.commissionAmount]);
      expect(await page()).toEqual([
        ['vid_contract_b', 1, 5, 6_000, 600],
        ['vid_contract_a', 2, 2, 2_400, 240],
      ]);
      expect(await store().closePaidOrder(b.order.id, { status: 'CANCELLED', cancelledAt: AT, cancelledBy: 'BUYER' })).toBeTruthy();
      await store().reverseOrderCommission(b.order.id);
      expect(await page()).toEqual([['vid_contract_a', 2, 2, 2_400, 240]]);
      expect(await store().videoSalesPage(creatorIds[7] as string, { first: 10, after: null })).toEqual([]);
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it('searches brands by name and description, a name match first, paged whole', async () => {
      const shop = shopBrands[0] as { id: string; name: string };
      const word = shop.name.toLowerCase().split(/[^a-z0-9]+/).find((w) => w.length > 3)!;
      const hits = await store().searchBrands([word], { first: 100, after: null });
      expect(hits[0]!.id).toBe(shop.id);
      const all = world.brands.map((brand) => brand.name.toLowerCase());
      expect(hits.length).toBeLessThanOrEqual(all.length);
      const paged = await everyPage(1, (after) => store().searchBrands([word], { first: 1, after }), (hit) => hit.key);
      expect(paged.map((hit) => hit.id)).toEqual(hits.map((hit) => hit.id));
      expect(await store().searchBrands(['nothingmatcheshere'], { first: 10, after: null })).toEqual([]);
    });

    it('takes stock only while enough is left of a product on sale, and puts it back', async () => {
      const product = newProduct({ inventory: 3 });
      const archived = newProduct({ inventory: 3, status: 'ARCHIVED' });
      await store().insertProducts([product, archived]);
      expect(await store().takeStock(product.id, 2)).toBe(true);
      expect(await store().takeStock(product.id, 2)).toBe(false);
      expect(await store().takeStock(archived.id, 1)).toBe(false);
      expect((await store().productsByIds([product.id]))[0]!.inventory).toBe(1);
      await store().restoreStock([{ productId: product.id, quantity: 4 }]);
      expect((await store().productsByIds([product.id]))[0]!.inventory).toBe(5);
      expect(await store().updateProduct(product.id, { title: 'Renamed', inventory: 7 })).toMatchObject({ title: 'Renamed', inventory: 7 });
      expect(await store().updateProduct('prd_nobody', { title: 'x' })).toBeUndefined();
    });

    it('moves a flash deal’s units, a buyer’s total and its status only through their guards, and polls the clock’s due rows', async () => {
      const product = newProduct({ inventory: 0 });
      await store().insertProducts([product]);
      const stream = 'liv_contract_deal';
      const startsAt = new Date(AT.getTime() + 10_000);
      const endsAt = new Date(AT.getTime() + 70_000);
      const deal = { id: 'fld_contract_1', liveStreamId: stream, productId: product.id, dealPriceAmount: 500, currency: 'USD', quantity: 5, unitsLeft: 5, perBuyerLimit: 2, status: 'SCHEDULED' as const, startsAt, endsAt, dueAt: startsAt, createdBy: creatorIds[3]!, createdAt: AT };
      await store().insertFlashDeal(deal);
      expect((await store().openDealOf(stream, product.id))?.id).toBe(deal.id);
      expect((await store().openDealsOfStreams([stream, 'liv_none'])).map((row) => row.id)).toEqual([deal.id]);
      expect(await store().streamsWithOpenDeals('liv_contract_dea', 10)).toContain(stream);
      expect(await store().streamsWithOpenDeals(stream, 10)).not.toContain(stream);
      // Not before its start, never past its end, never more than is left.
      expect(await store().takeDealUnits(deal.id, 1, AT)).toBeUndefined();
      expect((await store().dueDeals('SCHEDULED', AT, 10)).map((row) => row.id)).not.toContain(deal.id);
      expect((await store().dueDeals('SCHEDULED', startsAt, 10)).map((row) => row.id)).toContain(deal.id);
      expect(await store().startDeal(deal.id, startsAt)).toMatchObject({ status: 'LIVE', dueAt: endsAt, announcedUnits: 5 });
      expect(await store().startDeal(deal.id, startsAt)).toBeUndefined();
      expect(await store().takeDealUnits(deal.id, 6, startsAt)).toBeUndefined();
      expect(await store().takeDealUnits(deal.id, 3, endsAt)).toBeUndefined();
      expect(await store().takeDealUnits(deal.id, 3, startsAt)).toMatchObject({ unitsLeft: 2 });
      expect(await store().addDealBuyerUnits(deal.id, buyers[0]!, 2, 2)).toBe(2);
      expect(await store().addDealBuyerUnits(deal.id, buyers[0]!, 1, 2)).toBeUndefined();
      expect(await store().dealBuyerUnits(deal.id, buyers[0]!)).toBe(2);
      expect(await store().dealBuyerUnits(deal.id, buyers[1]!)).toBe(0);
      // One announcement a second: the claim holds for the second, a held-back one is due once.
      expect(await store().claimUnitsAnnouncement(deal.id, startsAt, new Date(startsAt.getTime() - 1_000))).toBeUndefined();
      await store().deferUnitsAnnouncement(deal.id, new Date(startsAt.getTime() + 1_000));
      await store().deferUnitsAnnouncement(deal.id, new Date(startsAt.getTime() + 5_000));
      const due = new Date(startsAt.getTime() + 1_000);
      expect((await store().dueUnitsAnnouncements(due, 10)).map((row) => row.id)).toEqual([deal.id]);
      expect(await store().claimUnitsAnnouncement(deal.id, due, startsAt)).toMatchObject({ announcedUnits: 2, unitsAnnounceDueAt: null });
      expect(await store().dueUnitsAnnouncements(due, 10)).toEqual([]);
      // Ended once: what was left moves to unitsReturned.
      expect((await store().dueDeals('LIVE', endsAt, 10)).map((row) => row.id)).toContain(deal.id);
      expect(await store().endDeal(deal.id, 'LIVE', 'TIME_UP')).toMatchObject({ status: 'ENDED', endedReason: 'TIME_UP', unitsLeft: 0, unitsReturned: 2, dueAt: null });
      expect(await store().endDeal(deal.id, 'LIVE', 'TIME_UP')).toBeUndefined();
      expect((await store().dealsByIds([deal.id, 'fld_none'])).map((row) => row.status)).toEqual(['ENDED']);
      expect(await store().openDealOf(stream, product.id)).toBeUndefined();
      expect(await store().streamsWithOpenDeals('liv_contract_dea', 10)).not.toContain(stream);
    });

    it('closes a PAID order once, decides a return once, and refunds a line only from where it stood', async () => {
      const product = newProduct();
      await store().insertProducts([product]);
      const { order, lines } = newOrder('ord_contract_close', product, 2, { creatorId: creatorIds[5]!, bps: 1_000 });
      await store().insertOrder(order, lines);
      const shipped = { status: 'FULFILLED' as const, fulfilledAt: AT, carrier: 'UPS', trackingNumber: '1Z', returnsUntil: new Date(AT.getTime() + 30 * DAY) };
      expect(await store().closePaidOrder(order.id, shipped)).toMatchObject({ status: 'FULFILLED', returnsUntil: shipped.returnsUntil });
      expect(await store().closePaidOrder(order.id, { status: 'CANCELLED', cancelledAt: AT, cancelledBy: 'BUYER' })).toBeUndefined();

      await store().insertReturn({ id: 'ret_contract', orderId: order.id, status: 'REQUESTED', reason: 'Too big', requestedAt: AT }, [{ returnId: 'ret_contract', orderId: order.id, position: 0, quantity: 1 }]);
      expect((await store().openReturnOf(order.id))!.id).toBe('ret_contract');
      // One open return per order: the store refuses a second.
      await expect(store().insertReturn({ id: 'ret_contract_2', orderId: order.id, status: 'REQUESTED', reason: 'Again', requestedAt: AT }, [{ returnId: 'ret_contract_2', orderId: order.id, position: 0, quantity: 1 }])).rejects.toThrow();
      // An open return keeps the line LOCKED whatever the window.
      const [line] = await store().orderCommissionLines([order.id], new Date(AT.getTime() + 60 * DAY));
      expect(line!.node.bucket).toBe('LOCKED');

      const from = { refundedQuantity: 0, commissionReversed: 0 };
      expect(await store().refundLine(order.id, 0, from, { refundedQuantity: 1, commissionReversed: 100 })).toBe(true);
      expect(await store().refundLine(order.id, 0, from, { refundedQuantity: 1, commissionReversed: 100 })).toBe(false);
      const decided = await store().decideReturn('ret_contract', { status: 'APPROVED', decidedAt: AT, restocked: false, refundAmount: 1_000, commissionReversed: 100 });
      expect(decided).toMatchObject({ status: 'APPROVED', restocked: false, refundAmount: 1_000 });
      expect(await store().decideReturn('ret_contract', { status: 'DECLINED', decidedAt: AT })).toBeUndefined();
      expect(await store().openReturnOf(order.id)).toBeUndefined();

      const cancelled = newOrder('ord_contract_cancel', product, 1, { creatorId: creatorIds[5]!, bps: 1_000 });
      await store().insertOrder(cancelled.order, cancelled.lines);
      expect(await store().closePaidOrder(cancelled.order.id, { status: 'CANCELLED', cancelledAt: AT, cancelledBy: 'BRAND' })).toMatchObject({ status: 'CANCELLED', cancelledBy: 'BRAND' });
      await store().reverseOrderCommission(cancelled.order.id);
      expect((await store().orderCommissionLines([cancelled.order.id], AT))[0]!.node).toMatchObject({ commissionReversed: 100, bucket: 'REVERSED' });
    });

    it('links a creator to a product once, counts a click once per user, and finds links by code', async () => {
      const product = newProduct();
      await store().insertProducts([product]);
      const link = { id: 'afl_contract', code: 'CONTRACT', creatorId: creatorIds[6]!, productId: product.id, clicks: 0, createdAt: AT };
      await store().insertAffiliateLink(link);
      await expect(store().insertAffiliateLink({ ...link, id: 'afl_contract_2', code: 'CONTRAC2' })).rejects.toThrow();
      expect((await store().affiliateLinkByCode('CONTRACT'))!.id).toBe(link.id);
      expect((await store().affiliateLinkOf(link.creatorId, product.id))!.code).toBe('CONTRACT');
      expect(await store().affiliateLinkByCode('NOSUCHCD')).toBeUndefined();
      expect(await store().recordClick(link.id, userIds[30]!, AT)).toBe(true);
      expect(await store().recordClick(link.id, userIds[30]!, AT)).toBe(false);
      expect((await store().countClick(link.id))!.clicks).toBe(1);
    });

    it('keeps hand-ordered lists: appends, moves, removes, and catalogs come and go with their places on profiles', async () => {
      const [a, b, c] = [newProduct(), newProduct(), newProduct()];
      await store().insertProducts([a!, b!, c!]);
      const creator = creatorIds[7]!;
      await store().appendToList('showcase', creator, [], AT);
      const before = await store().listedProducts('showcase', creator);
      const start = before.length ? Math.max(...before.map((item) => item.position)) + 1 : 0;
      await store().appendToList('showcase', creator, [a!, b!, c!].map((product, i) => ({ productId: product.id, position: start + i })), AT);
      await store().setListPositions('showcase', creator, [{ productId: c!.id, position: -1 }]);
      const shown = await store().showcasePages([creator], { first: 200, after: null });
      expect(shown[0]!.node.id).toBe(c!.id);
      expect(await store().removeFromList('showcase', creator, [a!.id, 'prd_nobody'])).toEqual([a!.id]);
      expect((await store().listedProducts('showcase', creator)).some((item) => item.productId === a!.id)).toBe(false);

      const catalog = await store().insertCatalog({ id: 'cat_contract', brandId, name: 'Contract', description: 'Made by the suite.', createdAt: AT });
      expect(catalog.createdAt).toEqual(AT);
      await store().appendToList('catalog', catalog.id, [{ productId: a!.id, position: 0 }], AT);
      expect(await store().updateCatalog(catalog.id, { name: 'Renamed' })).toMatchObject({ name: 'Renamed', description: 'Made by the suite.' });
      await store().replaceCreatorCatalogs(creator, [catalog.id]);
      expect((await store().creatorCatalogPages([creator], { first: 10, after: null })).map((row) => row.node.id)).toEqual([catalog.id]);
      expect(await store().deleteCatalog(catalog.id)).toEqual([creator]);
      expect(await store().catalogsByIds([catalog.id])).toEqual([]);
      expect(await store().creatorCatalogPages([creator], { first: 10, after: null })).toEqual([]);
      expect(await store().updateCatalog(catalog.id, { name: 'Gone' })).toBeUndefined();
    });

    it("imports a feed: inserts many products, rewrites each one's feed fields, in prepared slices and a last shorter one, and archives and counts", async () => {
      const brand = shopBrands[2]!.id;
      const rows = Array.from({ length: 1_250 }, (_, i) => newProduct({ brandId: brand, externalId: `feed-contract-${i}`, priceAmount: 100 + i }));
      await store().transaction((tx) => tx.insertProducts(rows));
      const imported = (await store().importedProducts(brand)).filter((row) => row.externalId?.startsWith('feed-contract-'));
      expect(imported).toHaveLength(1_250);
      const changed = imported.map((row) => ({ ...row, title: `${row.title} v2`, priceAmount: row.priceAmount + 1, inventory: 0, commissionBps: 1_500, status: 'ARCHIVED' as const }));
      await store().transaction((tx) => tx.updateImportedProducts(changed));
      const after = new Map((await store().importedProducts(brand)).map((row) => [row.id, row]));
      for (const row of changed) expect(after.get(row.id)).toEqual(row);
      expect((await store().productByExternalId(brand, 'feed-contract-7'))!.priceAmount).toBe(108);
      expect(await store().productByExternalId(brand, 'feed-nobody')).toBeUndefined();
      const ids = rows.slice(0, 700).map((row) => row.id);
      expect(await store().archiveProducts(ids)).toBe(700);
    });

    it('puts payable lines in a payout only once, settles it once, and lets a failed payout go of its lines', async () => {
      const creator = creatorIds[8]!;
      const product = newProduct();
      await store().insertProducts([product]);
      const placed = newOrder('ord_contract_payout', product, 4, { creatorId: creator, bps: 1_000, createdAt: new Date(SEED_TIME - 40 * DAY) });
      await store().insertOrder(placed.order, placed.lines);
      await store().closePaidOrder(placed.order.id, { status: 'FULFILLED', fulfilledAt: new Date(SEED_TIME - 39 * DAY), carrier: 'UPS', trackingNumber: '1Z', returnsUntil: new Date(SEED_TIME - 9 * DAY) });
      const payable = await store().payableCommissionLines(creator, 'USD', AT);
      expect(payable).toEqual([{ orderId: placed.order.id, position: 0, amount: 400 }]);
      await store().insertPayout({ id: 'pay_contract', creatorId: creator, status: 'REQUESTED', amount: 400, currency: 'USD', payoutMethod: 'test_bank', requestedAt: AT });
      expect(await store().assignPayoutLines('pay_contract', payable)).toBe(1);
      expect(await store().assignPayoutLines('pay_contract', payable)).toBe(0);
      expect((await store().commissionBuckets([creator], AT)).map((row) => [row.bucket, row.net])).toEqual([['PROCESSING', 400]]);
      expect(await store().settlePayout('pay_contract', { status: 'FAILED', failureReason: 'closed account', settledAt: AT })).toMatchObject({ status: 'FAILED' });
      expect(await store().settlePayout('pay_contract', { status: 'PAID', providerTransferId: 'tr', settledAt: AT })).toBeUndefined();
      await store().releasePayoutLines('pay_contract');
      expect(await store().payableCommissionLines(creator, 'USD', AT)).toEqual(payable);
      const payouts = await store().creatorPayoutPages([creator, earners[0]!], { first: 5, after: null });
      expect(payouts.map((row) => [row.ownerId, row.node.status])).toEqual(
        [
          [creator, 'FAILED'],
          [earners[0], 'PAID'],
        ].sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : 1)),
      );
      const [payout] = await store().payoutsByIds(['pay_contract']);
      expect(payout!.requestedAt).toEqual(AT);
      const later = await store().creatorPayoutPages([creator], { first: 5, after: [payout!.requestedAt.getTime(), payout!.id] });
      expect(later).toEqual([]);
    });

    it('leaves nothing behind when a transaction throws: no stock taken, no order, no event', async () => {
      const product = newProduct({ inventory: 5 });
      await store().insertProducts([product]);
      const { order, lines } = newOrder('ord_contract_rollback', product, 2);
      await expect(
        store().transaction(async (tx) => {
          expect(await tx.takeStock(product.id, 2)).toBe(true);
          await tx.insertOrder(order, lines);
          await tx.appendLiveEvent('liv_contract_rollback', 'PURCHASED', { productId: product.id, quantity: 2 }, AT);
          expect((await tx.productsByIds([product.id]))[0]!.inventory).toBe(3);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect((await store().productsByIds([product.id]))[0]!.inventory).toBe(5);
      expect(await store().ordersByIds([order.id])).toEqual([]);
      expect(await store().liveEventsAfter('liv_contract_rollback', 0, 10)).toEqual([]);
      expect(await store().liveEventTopic('liv_contract_rollback')).toEqual({ lastSeq: 0, prunedThrough: 0 });
    });

    it('lets exactly one of two checkouts racing for the last unit take it', async () => {
      const product = newProduct({ inventory: 1 });
      await store().insertProducts([product]);
      const checkout = (orderId: string) =>
        store().transaction(async (tx) => {
          const [found] = await tx.productsByIds([product.id]);
          if (found!.inventory < 1 || !(await tx.takeStock(product.id, 1))) return false;
          const { order, lines } = newOrder(orderId, product, 1);
          await tx.insertOrder(order, lines);
          return true;
        });
      const outcomes = await Promise.all([checkout('ord_contract_race_a'), checkout('ord_contract_race_b')]);
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await store().productsByIds([product.id]))[0]!.inventory).toBe(0);
      expect(await store().ordersByIds(['ord_contract_race_a', 'ord_contract_race_b'])).toHaveLength(1);
    });

    it('lets exactly one of two payouts racing for the same payable commission take it', async () => {
      const creator = creatorIds[9]!;
      const product = newProduct();
      await store().insertProducts([product]);
      const placed = newOrder('ord_contract_payout_race', product, 4, { creatorId: creator, bps: 2_000, createdAt: new Date(SEED_TIME - 40 * DAY) });
      await store().insertOrder(placed.order, placed.lines);
      await store().closePaidOrder(placed.order.id, { status: 'FULFILLED', fulfilledAt: new Date(SEED_TIME - 39 * DAY), carrier: 'UPS', trackingNumber: '1Z', returnsUntil: new Date(SEED_TIME - 9 * DAY) });
      const payout = (id: string) =>
        store().transaction(async (tx) => {
          const lines = await tx.payableCommissionLines(creator, 'USD', AT);
          if (lines.length === 0) return 0;
          const amount = lines.reduce((sum, line) => sum + line.amount, 0);
          await tx.insertPayout({ id, creatorId: creator, status: 'REQUESTED', amount, currency: 'USD', payoutMethod: 'test_bank', requestedAt: AT });
          if ((await tx.assignPayoutLines(id, lines)) !== lines.length) throw new Error('lines taken under the lock');
          return amount;
        });
      const amounts = await Promise.all([payout('pay_contract_race_a'), payout('pay_contract_race_b')]);
      expect(amounts.sort()).toEqual([0, 800]);
      expect((await store().payoutsByIds(['pay_contract_race_a', 'pay_contract_race_b'])).map((row) => row.amount)).toEqual([800]);
      expect((await store().commissionBuckets([creator], AT)).map((row) => [row.bucket, row.net])).toEqual([['PROCESSING', 800]]);
    });

    it('numbers outbox events per topic, accepts a nonce once, and records an idempotency key once', async () => {
      const first = await store().transaction((tx) => tx.appendLiveEvent('liv_contract_events', 'PRODUCT_PINNED', { productId: 'p', quantity: null }, AT));
      const second = await store().transaction((tx) => tx.appendLiveEvent('liv_contract_events', 'PURCHASED', { productId: 'p', quantity: 2 }, AT));
      expect([first.seq, second.seq]).toEqual([1, 2]);
      expect((await store().liveEventsAfter('liv_contract_events', 1, 10)).map((event) => [event.seq, event.payload])).toEqual([[2, { productId: 'p', quantity: 2 }]]);
      const now = Date.now();
      expect(await store().acceptNonce('nonce-contract', now + 60_000, now)).toBe(true);
      expect(await store().acceptNonce('nonce-contract', now + 60_000, now)).toBe(false);
      const row = { scope: userIds[41]!, key: 'key-contract-1', operation: 'checkout', requestHash: 'h', response: { orderId: 'ord_x' }, createdAt: AT };
      expect(await store().recordIdempotency(row)).toBe(true);
      expect(await store().idempotencyRecord(row.scope, row.key)).toEqual(row);
      expect(await store().recordIdempotency({ ...row, response: { orderId: 'ord_y' } })).toBe(false);
      expect(await store().idempotencyRecord(row.scope, row.key)).toEqual(row);
    });

    it('keeps sales and commission rows that agree with a recount of the orders behind them, after every write and race above', async () => {
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it('seeds an empty store once', async () => {
      expect(await store().isEmpty()).toBe(false);
      const before = (await store().brandsPage({ first: 100, after: null })).length;
      await seedCommerceStore(store());
      expect((await store().brandsPage({ first: 100, after: null })).length).toBe(before);
      expect(before).toBe(world.brands.length);
    });

    it('keeps partner webhook queues on its own tables: a brand’s event reaches its endpoints that hear the topic, in order, claimed, retried, delivered, replayed, paged both ways', async () => {
      const owner = `${engine}_brand_hooks`;
      const endpointId = `whe_${engine}_store`;
      let ids = 0;
      const newId = () => `whd_${engine}_store_${++ids}`;
      await store().createWebhookEndpoint({ id: endpointId, ownerId: owner, url: 'https://hooks.example.com/in', description: 'contract', secret: 'whsec_c2VjcmV0', topics: ['ORDER_PAID', 'ORDER_CREATED'], createdAt: AT });
      await store().createWebhookEndpoint({ id: `${endpointId}_gone`, ownerId: owner, url: 'https://hooks.example.com/gone', description: '', secret: 'whsec_c2VjcmV0', topics: ['ORDER_PAID'], createdAt: AT });
      expect((await store().webhookTopicLists([endpointId])).map((row) => row.node)).toEqual(['ORDER_CREATED', 'ORDER_PAID']);
      expect((await store().webhookEndpointsOf(owner)).map((row) => row.id)).toEqual([endpointId, `${endpointId}_gone`]);
      await store().transaction((tx) => tx.deleteWebhookEndpoint(`${endpointId}_gone`));
      const enqueue = (eventId: string, topic: string) => store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: owner, topic, eventId, body: `{"id":"${eventId}"}` }, AT, newId));
      expect(await enqueue('evt_1', 'ORDER_CREATED')).toBe(1);
      expect(await enqueue('evt_2', 'ORDER_PAID')).toBe(1);
      expect(await enqueue('evt_3', 'PRODUCT_STOCK_LOW')).toBe(0);
      expect(await store().transaction((tx) => tx.enqueueWebhookEvent({ ownerId: 'another brand', topic: 'ORDER_PAID', eventId: 'evt_x', body: '{}' }, AT, newId))).toBe(0);
      expect((await expectPagesBothWays(DELIVERY_PAGING, (page) => store().webhookDeliveriesPage(endpointId, page), 1)).map((row) => row.eventId)).toEqual(['evt_2', 'evt_1']);

      const later = (ms: number) => new Date(AT.getTime() + ms);
      const claim = async (ms: number) => (await store().transaction((tx) => tx.claimDueWebhookDeliveries(later(ms), later(ms + 30_000), 100))).filter((due) => due.endpointId === endpointId);
      const [head] = await claim(0);
      expect(head).toMatchObject({ eventId: 'evt_1', attempts: 0, secrets: ['whsec_c2VjcmV0'] });
      await store().transaction((tx) => tx.markWebhookFailed(head!.id, { at: later(0), status: 500, error: 'answered 500', durationMs: 3 }, { kind: 'retry', at: later(1_000) }));
      expect(await claim(500)).toEqual([]);
      const [again] = await claim(1_000);
      expect(again).toMatchObject({ id: head!.id, attempts: 1 });
      await store().transaction((tx) => tx.markWebhookDelivered(again!.id, { at: later(1_000), status: 204, error: null, durationMs: 3 }));
      expect(await store().webhookDelivery(head!.id)).toMatchObject({ status: 'DELIVERED', attempts: 2, lastStatusCode: 204 });
      expect((await claim(1_000)).map((due) => due.eventId)).toEqual(['evt_2']);

      await store().transaction((tx) => tx.disableWebhookEndpoint(endpointId, 'Disabled by the brand.', later(2_000)));
      await store().transaction((tx) => tx.setWebhookEndpointTopics(endpointId, owner, ['ORDER_CREATED']));
      await store().transaction((tx) => tx.updateWebhookEndpoint(endpointId, { description: 'renamed' }));
      await store().transaction((tx) => tx.enableWebhookEndpoint(endpointId, later(3_000)));
      expect(await store().webhookEndpoint(endpointId)).toMatchObject({ enabled: true, description: 'renamed', disabledReason: null });
      const replay = await store().transaction((tx) => tx.replayWebhookDelivery(head!.id, later(4_000), newId));
      expect(replay).toMatchObject({ eventId: 'evt_1', seq: 3 });

      // Pruning: evt_1, delivered at 1 s, is the only one delivered before 2 s; the rest wait.
      const endpoints = await store().transaction((tx) => tx.webhookEndpointsDeliveredAfter(`${endpointId.slice(0, -1)}`, 100));
      const mine = endpoints.find((row) => row.id === endpointId)!;
      expect(mine).toEqual({ id: endpointId, deliveredThrough: 1 });
      expect(await store().transaction((tx) => tx.pruneWebhookDeliveries(mine, later(2_000), 100))).toBe(1);
      expect((await store().webhookDeliveriesPage(endpointId, { first: 10, after: null })).map((row) => row.seq)).toEqual([3, 2]);
    });

    it('keeps campaigns: seats guarded by capacity and status, memberships moved only from the expected status, pages both ways', async () => {
      const product = newProduct();
      await store().insertProducts([product]);
      const creators = ['usr_contract_cmp_a', 'usr_contract_cmp_b', 'usr_contract_cmp_c'];
      const campaign = (id: string, createdAt: Date) => ({
        id,
        brandId,
        name: id,
        brief: 'brief',
        commissionBps: 2_000,
        feeAmount: 0,
        currency: 'USD',
        contentDeadline: new Date(AT.getTime() + 30 * DAY),
        capacity: 2,
        status: 'OPEN' as const,
        createdAt,
      });
      await store().transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await tx.insertCampaign(campaign(`cmp_contract_${i}`, new Date(AT.getTime() + i * 1_000)), [product.id]);
      });
      const id = 'cmp_contract_0';
      expect((await store().campaignProductLists([id])).map((row) => row.node.id)).toEqual([product.id]);
      const inserted = await store().transaction((tx) =>
        tx.insertCampaignMembers(creators.map((creatorId, i) => ({ campaignId: id, creatorId, status: 'INVITED' as const, invited: true, message: null, createdAt: AT, updatedAt: new Date(AT.getTime() + i) }))),
      );
      expect(inserted.sort()).toEqual([...creators].sort());
      expect(await store().transaction((tx) => tx.insertCampaignMembers([{ campaignId: id, creatorId: creators[0]!, status: 'APPLIED', invited: false, message: null, createdAt: AT, updatedAt: AT }]))).toEqual([]);
      expect(await store().transaction((tx) => tx.moveCampaignMember(id, creators[0]!, 'APPLIED', 'ACCEPTED', AT))).toBeUndefined();
      expect(await store().transaction((tx) => tx.moveCampaignMember(id, creators[0]!, 'INVITED', 'ACCEPTED', AT))).toMatchObject({ status: 'ACCEPTED' });
      expect(await store().transaction((tx) => tx.takeCampaignSeat(id))).toMatchObject({ acceptedCount: 1 });
      await store().transaction((tx) => tx.moveCampaignMember(id, creators[1]!, 'INVITED', 'ACCEPTED', AT));
      expect(await store().transaction((tx) => tx.takeCampaignSeat(id))).toMatchObject({ acceptedCount: 2 });
      expect(await store().transaction((tx) => tx.takeCampaignSeat(id))).toBeUndefined();
      expect((await store().campaignMembersOf(id, creators)).map((row) => row.status).sort()).toEqual(['ACCEPTED', 'ACCEPTED', 'INVITED']);
      expect((await store().membershipsOfCreator(creators[0]!, [id, 'cmp_contract_1'])).map((row) => row.campaignId)).toEqual([id]);
      await expectPagesBothWays(CAMPAIGN_MEMBER_PAGING, (page) => store().campaignMembersPage(id, 'ACCEPTED', page), 1);
      await expectPagesBothWays(CREATOR_MEMBERSHIP_PAGING, (page) => store().creatorMembershipsPage(creators[0]!, 'ACCEPTED', page), 1);
      expect((await expectPagesBothWays(CAMPAIGN_PAGING, (page) => store().brandCampaignsPage(brandId, page), 2)).map((row) => row.id)).toEqual(['cmp_contract_2', 'cmp_contract_1', id]);
      expect(await store().transaction((tx) => tx.closeCampaign('cmp_contract_1', AT))).toMatchObject({ status: 'CLOSED' });
      expect(await store().transaction((tx) => tx.closeCampaign('cmp_contract_1', AT))).toBeUndefined();
      expect((await expectPagesBothWays(CAMPAIGN_PAGING, (page) => store().openCampaignsPage(page), 1)).map((row) => row.id)).toEqual(['cmp_contract_2', id]);
      expect((await store().campaignsByIds([id]))[0]).toMatchObject({ acceptedCount: 2, capacity: 2 });
    });

    it('moves samples only from the status expected and inside their windows; keeps fees in the commission rows and payouts', async () => {
      const id = 'cmp_contract_0';
      const creator = 'usr_contract_cmp_a';
      const [product] = await store().campaignProductLists([id]).then((rows) => rows.map((row) => row.node));
      const sample = (n: number) => ({ id: `smp_contract_${n}`, campaignId: id, brandId, creatorId: n === 0 ? creator : 'usr_contract_cmp_b', productId: product!.id, status: 'REQUESTED' as const, requestedAt: new Date(AT.getTime() + n), decideBy: new Date(AT.getTime() + DAY) });
      await store().transaction((tx) => tx.insertSample(sample(0)));
      expect(await store().sampleOf(id, creator, product!.id)).toMatchObject({ id: 'smp_contract_0' });
      const later = new Date(AT.getTime() + 2 * DAY);
      expect(await store().transaction((tx) => tx.decideSample('smp_contract_0', 'APPROVED', later))).toBeUndefined();
      expect(await store().transaction((tx) => tx.decideSample('smp_contract_0', 'APPROVED', AT))).toMatchObject({ status: 'APPROVED' });
      expect(await store().transaction((tx) => tx.deliverSample('smp_contract_0', 'BRAND', AT, later))).toBeUndefined();
      expect(await store().transaction((tx) => tx.shipSample('smp_contract_0', { carrier: 'UPS', trackingNumber: '1Z' }, AT))).toMatchObject({ status: 'SHIPPED' });
      expect(await store().transaction((tx) => tx.deliverSample('smp_contract_0', 'BRAND', AT, later))).toMatchObject({ status: 'DELIVERED' });
      expect(await store().transaction((tx) => tx.missSample('smp_contract_0', AT))).toBeUndefined();
      expect(await store().dueSamples(AT, 10)).toEqual([]);
      expect((await store().dueSamples(later, 10)).map((row) => row.id)).toEqual(['smp_contract_0']);
      expect(await store().transaction((tx) => tx.fulfilSample('smp_contract_0', { kind: 'VIDEO', id: 'vid_x' }, later))).toBeUndefined();
      expect(await store().transaction((tx) => tx.fulfilSample('smp_contract_0', { kind: 'VIDEO', id: 'vid_x' }, AT))).toMatchObject({ status: 'FULFILLED', contentId: 'vid_x' });
      await store().transaction(async (tx) => {
        await tx.insertSample(sample(1));
        await tx.countFulfilment(creator, 'fulfilled');
      });
      expect(await store().transaction((tx) => tx.missSample('smp_contract_1', later))).toBeUndefined();
      expect(await store().fulfilmentOf([creator])).toEqual([{ creatorId: creator, fulfilled: 1, missed: 0 }]);
      await expectPagesBothWays(SAMPLE_PAGING, (page) => store().creatorSamplesPage(creator, page), 1);
      expect((await expectPagesBothWays(SAMPLE_PAGING, (page) => store().campaignSamplesPage(id, page), 1)).map((row) => row.id)).toEqual(['smp_contract_1', 'smp_contract_0']);
      expect((await store().samplesByIds(['smp_contract_1']))[0]).toMatchObject({ status: 'REQUESTED' });

      const fee = { id: 'fee_contract_0', campaignId: id, creatorId: creator, amount: 2_500, currency: 'USD', payableAt: AT };
      expect(await store().transaction((tx) => tx.insertCampaignFee(fee))).toBe(true);
      expect(await store().transaction((tx) => tx.insertCampaignFee({ ...fee, id: 'fee_contract_1' }))).toBe(false);
      expect((await store().campaignFeesOf(id, [creator])).map((row) => row.id)).toEqual(['fee_contract_0']);
      const payable = await store().payableCampaignFees(creator, 'USD');
      expect(payable).toEqual([{ id: 'fee_contract_0', amount: 2_500 }]);
      expect(await store().commissionBuckets([creator], AT)).toEqual([{ creatorId: creator, bucket: 'PAYABLE', net: 2_500, reversed: 0 }]);
      await store().transaction(async (tx) => {
        await tx.insertPayout({ id: 'pay_contract_fee', creatorId: creator, status: 'REQUESTED', amount: 2_500, currency: 'USD', requestedAt: AT });
        expect(await tx.assignPayoutFees('pay_contract_fee', ['fee_contract_0'])).toBe(1);
        expect(await tx.assignPayoutFees('pay_contract_fee', ['fee_contract_0'])).toBe(0);
      });
      expect(await store().commissionBuckets([creator], AT)).toEqual([{ creatorId: creator, bucket: 'PROCESSING', net: 2_500, reversed: 0 }]);
      await store().transaction(async (tx) => {
        await tx.settlePayout('pay_contract_fee', { status: 'FAILED', failureReason: 'test', settledAt: AT });
        await tx.releasePayoutLines('pay_contract_fee');
      });
      expect(await store().payableCampaignFees(creator, 'USD')).toEqual(payable);
      // A statement whose period ends inside the fee's day reads it from the fees themselves.
      const totals = await store().commissionStatementTotals(creator, { buckets: null, from: null, to: new Date(AT.getTime() + 1) }, AT);
      expect(totals).toContainEqual({ bucket: 'PAYABLE', net: 2_500, reversed: 0 });
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    // Last: it leaves a kept row its orders do not make.
    it('finds a kept total that disagrees with the orders behind it', async () => {
      const [total] = await store().commissionBuckets([earners[0]!], AT);
      const tamper = `update creator_commission_totals set net = net + 7 where creator_id = '${earners[0]}' and state = 'REVERSED'`;
      if (engine === 'sqlite') (store() as unknown as { db: { $client: { prepare(sql: string): { run(): void } } } }).db.$client.prepare(tamper).run();
      else await (store() as unknown as { pg: { pool: { query(sql: string): Promise<unknown> } } }).pg.pool.query(tamper);
      expect(total).toBeDefined();
      const differences = await store().keptCountDifferences();
      expect(differences).toHaveLength(1);
      expect(differences[0]).toMatchObject({ count: 'creator_commission_totals.net', key: `${earners[0]}/REVERSED` });
      expect(differences[0]!.kept - differences[0]!.recounted).toBe(7);
    });
  },
  {
    seed: seedCommerceStore,
    plans: {
      exceptions: {
        insertSeedRows: 'the seed step, once, into an empty store',
        keptCountDifferences: 'a recount of all history, by nature (npm run reconcile, never a request)',
        // SQLite shows an FTS5 MATCH as a scan of the virtual table: it is the full-text index's lookup.
        searchProducts: 'a bounded sort: words matching at most SORTED_MATCHES_MAX products sort those, RELEVANCE ranks at most RELEVANCE_CANDIDATES; more matches walk the sort key index to the page',
        searchBrands: 'the full-text index finds the matches, which are then sorted by rank: a search costs what it matches',
        // Orders are walked by (creator, created_at, id); what is sorted is each order's own lines by position.
        commissionLinePage: "a bounded sort: one order's lines by position (at most MAX_LINES), the orders themselves walked in index order",
      },
    },
  },
);
