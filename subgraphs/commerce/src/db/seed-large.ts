/**
 * The commerce store's large world: the seed's rows as they are, then (all of it here, in one
 * place, so a rollup the store keeps later is filled where the rows are made):
 *
 * - hundreds of bulk brands and 200,000 products over them (a power law: a few catalogs of tens of
 *   thousands), all created before the seed's products;
 * - 100,000 affiliate links of creators (seed and bulk) with a million clicks by bulk viewers,
 *   each link's kept `clicks` the distinct users who clicked it;
 * - over half a million orders by bulk viewers (over a million lines), most credited to a link,
 *   in every state a commission line can be in: PENDING (paid, not shipped), LOCKED (shipped,
 *   inside the return window), PAYABLE (window over), REVERSED (cancelled, or the returned units
 *   of an approved return) and PAID (in a payout settled before the seed).
 *
 * Each line is priced and clawed back by the same rules as checkout and returns
 * (`lineCommission`, the product's rate: the bulk has no deals). Orders are spread over the year
 * before the seed: they are bulk buyers', bulk brands' and links' own, so no list the seed's
 * screens show meets them except a seed creator's earnings.
 */
import { createHash } from 'node:crypto';
import { chunksOf, insertChunks, newReport, type BulkReport, type SeedTarget } from '@app/fixtures/bulk';
import { bulkBrand, bulkProductBrandIndex, bulkProductId, bulkViewerCount, bulkViewerId, largeCreatorCount, largeCreatorId, type LargeWorldSize } from '@app/fixtures/large';
import { SeededRandom } from '@app/fixtures/random';
import { DAY, SEED_TIME, type Topic } from '@app/fixtures/world';
import { lineCommission } from '../commission-rules.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import type { CommerceSeedRows } from './contract.ts';
import { commerceSeedRows } from './seed.ts';
import type { NewAffiliateClick, NewAffiliateLink, NewOrder, NewOrderLine, NewOrderReturn, NewOrderReturnLine, NewPayout, NewProduct } from './tables.ts';

const CHUNK = 20_000;
const HOUR = DAY / 24;
const RETURN_WINDOW = DEFAULT_SETTINGS.returnWindowDays * DAY;
/** Every bulk product was created before every seed product (the seed's go back a year and 150 minutes). */
const PRODUCTS_BEFORE = SEED_TIME - 366 * DAY;
/** Bulk links were made before the seed's (150 days before it and later). */
const LINKS_BEFORE = SEED_TIME - 151 * DAY;
/** Payouts were asked for 40 days before the seed, for lines whose window had ended by then. */
const PAYOUTS_AT = SEED_TIME - 40 * DAY;

const ITEMS: Record<Topic, readonly string[]> = {
  cooking: ['Skillet', 'Knife Set', 'Spice Rack', 'Dutch Oven', 'Apron'],
  fitness: ['Yoga Mat', 'Kettlebell', 'Resistance Bands', 'Foam Roller', 'Shaker Bottle'],
  beauty: ['Serum', 'Lip Tint', 'Face Mist', 'Brush Set', 'Night Cream'],
  gaming: ['Controller Grip', 'Headset Stand', 'Mouse Pad', 'Capture Card', 'RGB Strip'],
  travel: ['Packing Cubes', 'Neck Pillow', 'Carry-On', 'Travel Adapter', 'Toiletry Kit'],
  comedy: ['Joke Book', 'Novelty Mug', 'Party Game', 'Whoopee Kit', 'Sticker Pack'],
  tech: ['Desk Lamp', 'USB-C Hub', 'Laptop Stand', 'Cable Kit', 'Webcam Cover'],
  fashion: ['Tote', 'Scarf', 'Denim Jacket', 'Beanie', 'Belt'],
  music: ['Guitar Strings', 'Capo', 'Pop Filter', 'Drum Pad', 'Vinyl Sleeve'],
  outdoors: ['Headlamp', 'Camp Mug', 'Trail Socks', 'Dry Bag', 'Trekking Pole'],
};
const PREFIX: Record<string, string | null> = { NATIVE: null, SHOPIFY: 'shopify:gid-', WALMART: 'walmart:item-', PRINT_ON_DEMAND: 'pod:sku-' };

/** Stable ids of the kinds writes draw at random, hashed from the bulk index (never the seed history's). */
function bulkId(kind: 'afl' | 'ord' | 'pay' | 'ret', index: number): string {
  return `${kind}_${createHash('sha256').update(`bulk:${kind}:${index}`).digest('base64url').slice(0, 12)}`;
}

const emptyRows = (): CommerceSeedRows => ({
  brands: [],
  products: [],
  catalogs: [],
  catalogProducts: [],
  creatorCatalogs: [],
  showcaseItems: [],
  videoProducts: [],
  liveStreamPins: [],
  creatorCommissions: [],
  affiliateLinks: [],
  affiliateClicks: [],
  commissionPayouts: [],
  orders: [],
  orderLines: [],
  orderReturns: [],
  orderReturnLines: [],
});

/** What orders need of each bulk product, drawn once (a few bytes a product). */
interface ProductFacts {
  brand: Uint16Array;
  price: Uint32Array;
  bps: Uint16Array;
  active: Uint8Array;
  /** Products of brand b: `byBrand[brandStart[b] .. brandStart[b+1]]`. */
  byBrand: Uint32Array;
  brandStart: Uint32Array;
}

function drawProducts(size: LargeWorldSize, random: SeededRandom): ProductFacts {
  const n = size.bulkProducts;
  const facts = { brand: new Uint16Array(n), price: new Uint32Array(n), bps: new Uint16Array(n), active: new Uint8Array(n) };
  const perBrand = new Uint32Array(size.bulkBrands + 1);
  for (let p = 0; p < n; p++) {
    const b = bulkProductBrandIndex(p, size);
    facts.brand[p] = b;
    perBrand[b + 1] = (perBrand[b + 1] as number) + 1;
    facts.price[p] = random.int(4, 199) * 100 + 99;
    facts.bps[p] = random.int(10, 40) * 50;
    facts.active[p] = random.chance(0.95) ? 1 : 0;
  }
  const brandStart = new Uint32Array(size.bulkBrands + 1);
  for (let b = 0; b < size.bulkBrands; b++) brandStart[b + 1] = (brandStart[b] as number) + (perBrand[b + 1] as number);
  const filled = brandStart.slice();
  const byBrand = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const b = facts.brand[p] as number;
    byBrand[filled[b] as number] = p;
    filled[b] = (filled[b] as number) + 1;
  }
  return { ...facts, byBrand, brandStart };
}

const productTitle = (p: number, topic: Topic) => `${ITEMS[topic][p % 5]} No. ${p + 1}`;
const brandTopic = (b: number): Topic => bulkBrand(b).topics[0] as Topic;

function* brandAndProductChunks(size: LargeWorldSize, facts: ProductFacts, random: SeededRandom): Generator<Partial<CommerceSeedRows>> {
  const brands = Array.from({ length: size.bulkBrands }, (_, b) => {
    const brand = bulkBrand(b);
    return { id: brand.id, name: brand.name, slug: brand.slug, description: `${brand.name}: ${brand.topics.join(' and ')} goods.`, platform: brand.platform, logoUrl: `https://cdn.example.com/b/${brand.slug}.png` };
  });
  yield { brands };
  for (const [start, end] of chunksOf(size.bulkProducts, CHUNK)) {
    const products: NewProduct[] = [];
    for (let p = start; p < end; p++) {
      const b = facts.brand[p] as number;
      const brand = bulkBrand(b);
      const id = bulkProductId(p);
      const title = productTitle(p, brandTopic(b));
      const prefix = PREFIX[brand.platform];
      products.push({
        id,
        brandId: brand.id,
        title,
        description: `${title} from ${brand.name}.`,
        priceAmount: facts.price[p] as number,
        currency: 'USD',
        inventory: random.chance(0.05) ? 0 : random.int(1, 500),
        status: facts.active[p] ? 'ACTIVE' : 'ARCHIVED',
        commissionBps: facts.bps[p] as number,
        imageUrl: `https://cdn.example.com/p/${id}.jpg`,
        externalId: prefix ? `${prefix}${9_000_000 + p}` : null,
        createdAt: new Date(PRODUCTS_BEFORE - p * 60_000 - random.int(0, 59_999)),
      });
    }
    yield { products };
  }
}

/** Link l: creator rank l mod creators, product l × step mod products (a step prime to their number, so no pair repeats). */
interface LinkPlan {
  count: number;
  step: number;
  creators: number;
}
function planLinks(size: LargeWorldSize): LinkPlan {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let step = 7_919;
  while (gcd(step, size.bulkProducts) !== 1) step += 2;
  return { count: Math.min(size.affiliateLinks, size.bulkProducts), step, creators: largeCreatorCount(size) };
}
const linkProduct = (plan: LinkPlan, l: number, size: LargeWorldSize) => (l * plan.step) % size.bulkProducts;
const linkCreatorId = (plan: LinkPlan, l: number) => largeCreatorId(l % plan.creators);

function* linkChunks(size: LargeWorldSize, plan: LinkPlan, random: SeededRandom): Generator<Partial<CommerceSeedRows>> {
  const viewers = bulkViewerCount(size);
  const base = Math.floor(size.affiliateClicks / plan.count);
  const extra = size.affiliateClicks - base * plan.count;
  for (const [start, end] of chunksOf(plan.count, CHUNK / 2)) {
    const affiliateLinks: NewAffiliateLink[] = [];
    const affiliateClicks: NewAffiliateClick[] = [];
    for (let l = start; l < end; l++) {
      const createdAt = LINKS_BEFORE - l * 60_000 - random.int(0, 59_999);
      // Clicks by pairs of links: one gets d more than the base, the next d fewer, so they add up exactly.
      const swing = Math.floor((base * 0.9 * ((l >> 1) % 7)) / 7) * (l % 2 === 0 ? 1 : -1);
      const clicks = Math.min(viewers, base + (l === plan.count - 1 && l % 2 === 0 ? 0 : swing) + (l < extra ? 1 : 0));
      const first = random.int(0, viewers - 1);
      const id = bulkId('afl', l);
      for (let n = 0; n < clicks; n++) affiliateClicks.push({ linkId: id, userId: bulkViewerId(first + n * 7_919, size), clickedAt: new Date(createdAt + (n + 1) * HOUR) });
      affiliateLinks.push({ id, code: `B${l.toString(36).toUpperCase().padStart(7, '0')}`, creatorId: linkCreatorId(plan, l), productId: bulkProductId(linkProduct(plan, l, size)), clicks, createdAt: new Date(createdAt) });
    }
    yield { affiliateLinks, affiliateClicks };
  }
}

function* orderChunks(size: LargeWorldSize, facts: ProductFacts, plan: LinkPlan, random: SeededRandom): Generator<Partial<CommerceSeedRows>> {
  const viewers = bulkViewerCount(size);
  let chunkIndex = 0;
  for (const [start, end] of chunksOf(size.orders, CHUNK)) {
    const orders: NewOrder[] = [];
    const orderLines: NewOrderLine[] = [];
    const orderReturns: NewOrderReturn[] = [];
    const orderReturnLines: NewOrderReturnLine[] = [];
    // One payout per creator per chunk, of the lines it pays: asked for at PAYOUTS_AT, settled an hour later.
    const payouts = new Map<string, NewPayout>();
    const requestedAt = new Date(PAYOUTS_AT - chunkIndex * 60_000);
    for (let o = start; o < end; o++) {
      const link = random.chance(0.6) ? random.int(0, plan.count - 1) : null;
      const main = link === null ? random.int(0, size.bulkProducts - 1) : linkProduct(plan, link, size);
      const brand = facts.brand[main] as number;
      const own = facts.byBrand.subarray(facts.brandStart[brand], facts.brandStart[brand + 1]);
      const others = new Set<number>();
      for (let tries = random.int(0, 2) * 2; tries > 0 && own.length > 1; tries--) {
        const other = own[random.int(0, own.length - 1)] as number;
        if (other !== main && others.size < 2) others.add(other);
      }
      const orderId = bulkId('ord', o);
      const creatorId = link === null ? null : linkCreatorId(plan, link);
      const lines = [main, ...others].map((p, position) => {
        const quantity = random.chance(0.7) ? 1 : random.int(2, 3);
        const totalAmount = (facts.price[p] as number) * quantity;
        const attributed = position === 0 && link !== null;
        const commissionBps = attributed ? (facts.bps[p] as number) : 0;
        return {
          orderId,
          position,
          productId: bulkProductId(p),
          title: productTitle(p, brandTopic(facts.brand[p] as number)),
          quantity,
          unitPriceAmount: facts.price[p] as number,
          totalAmount,
          commissionBps,
          commissionAmount: lineCommission(totalAmount, commissionBps),
          attributed,
          refundedQuantity: 0,
          commissionReversed: 0,
          payoutId: null as string | null,
        };
      });

      const daysBefore = random.int(1, 365);
      const createdAt = SEED_TIME - daysBefore * DAY - random.int(0, DAY / 2);
      const order: NewOrder = {
        id: orderId,
        buyerId: bulkViewerId(random.int(0, viewers - 1), size),
        brandId: bulkBrand(brand).id,
        status: 'PAID',
        currency: 'USD',
        totalAmount: lines.reduce((sum, line) => sum + line.totalAmount, 0),
        commissionAmount: lines.reduce((sum, line) => sum + line.commissionAmount, 0),
        creatorId,
        affiliateLinkId: link === null ? null : bulkId('afl', link),
        liveStreamId: null,
        createdAt: new Date(createdAt),
      };
      if (random.chance(0.05)) {
        // Cancelled within hours: every line's commission clawed back.
        Object.assign(order, { status: 'CANCELLED', cancelledAt: new Date(createdAt + random.int(1, 10) * HOUR), cancelledBy: random.chance(0.7) ? 'BUYER' : 'BRAND' });
        for (const line of lines) line.commissionReversed = line.commissionAmount;
      } else if (daysBefore > 3) {
        const fulfilledAt = createdAt + 2 * DAY;
        const returnsUntil = fulfilledAt + RETURN_WINDOW;
        Object.assign(order, { status: 'FULFILLED', fulfilledAt: new Date(fulfilledAt), carrier: 'UPS', trackingNumber: `1Z BULK ${String(o).padStart(7, '0')}`, returnsUntil: new Date(returnsUntil) });
        if (random.chance(0.04) && fulfilledAt + 6 * DAY < SEED_TIME) {
          // One unit of the first line came back, refunded; what the kept units earn is kept.
          const line = lines[0] as (typeof lines)[number];
          const kept = lineCommission(line.totalAmount - line.unitPriceAmount, line.commissionBps);
          line.refundedQuantity = 1;
          line.commissionReversed = line.commissionAmount - kept;
          const returnId = bulkId('ret', o);
          const asked = fulfilledAt + 5 * DAY;
          orderReturns.push({ id: returnId, orderId, status: 'APPROVED', reason: 'Not as pictured.', requestedAt: new Date(asked), decidedAt: new Date(asked + DAY), restocked: true, refundAmount: line.unitPriceAmount, commissionReversed: line.commissionReversed });
          orderReturnLines.push({ returnId, orderId, position: 0, quantity: 1 });
        }
        if (creatorId !== null && returnsUntil < requestedAt.getTime() && random.chance(0.5)) {
          for (const line of lines) {
            const owed = line.commissionAmount - line.commissionReversed;
            if (owed <= 0) continue;
            const payout = payouts.get(creatorId) ?? {
              id: bulkId('pay', o),
              creatorId,
              status: 'PAID' as const,
              amount: 0,
              currency: 'USD',
              payoutMethod: 'test_bank',
              providerTransferId: `tr_bulk_${o}`,
              failureReason: null,
              requestedAt,
              settledAt: new Date(requestedAt.getTime() + HOUR),
            };
            payouts.set(creatorId, payout);
            payout.amount = (payout.amount ?? 0) + owed;
            line.payoutId = payout.id;
          }
        }
      }
      orders.push(order);
      orderLines.push(...lines);
    }
    chunkIndex++;
    yield { commissionPayouts: [...payouts.values()], orders, orderLines, orderReturns, orderReturnLines };
  }
}

/** Fills an empty commerce store with the large world at `size`. */
export async function seedLargeCommerceStore(store: SeedTarget<CommerceSeedRows>, size: LargeWorldSize, report: BulkReport = newReport()): Promise<BulkReport> {
  const started = performance.now();
  await insertChunks(store, [commerceSeedRows()], emptyRows, report);
  const random = new SeededRandom(104);
  const facts = drawProducts(size, random);
  const plan = planLinks(size);
  await insertChunks(store, brandAndProductChunks(size, facts, random), emptyRows, report);
  await insertChunks(store, linkChunks(size, plan, random), emptyRows, report);
  await insertChunks(store, orderChunks(size, facts, plan, random), emptyRows, report);
  report.ms = performance.now() - started;
  return report;
}
