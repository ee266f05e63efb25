import { seedId } from '@app/fixtures/ids';
import { SeededRandom } from '@app/fixtures/random';
import { brands as seedBrands, creatorIds, creatorTopic, DAY, LIVE_NOW_COUNT, liveStreamCreatorId, liveStreamIds, productBrandId, productIds, SEED_TIME, shopBrands, type Topic, topicProductIds, videoCreatorId, videoIds } from '@app/fixtures/world';
import type { CommerceSeedRows } from './contract.ts';
import { commerceHistory } from './seedHistory.ts';
import type { CommerceStore } from './store.ts';
import type { NewBrand,
  NewBrandTopic, NewCatalog, NewCatalogProduct, NewCreatorCatalog, NewFlashDeal, NewLiveStreamPin, NewProduct, NewShowcaseItem, NewVideoProduct } from './tables.ts';

const MINUTE = 60_000;
const CATALOG_COUNT = 10;

const BRAND_DESCRIPTIONS: Record<string, string> = {
  clipforge: 'Pro video editing in your pocket: templates, captions and effects for short-form creators.',
  dashway: 'Groceries, takeout and essentials delivered in under an hour, with no delivery fees on the pass.',
  tunewave: 'Ad-free music streaming with offline listening and a catalog of 90 million tracks.',
  learnly: 'Bite-sized courses in coding, design and languages, taught by working professionals.',
  'glow-theory': 'Clean, dermatologist-tested skincare and makeup built around a five-minute routine.',
  northpeak: 'Trail-tested outdoor gear for day hikes, weekend camps and everything in between.',
  'kitchen-alchemy': 'Tools and pantry staples from the recipes our creators cook on camera.',
  'valuemart-home': 'Everyday home goods at everyday prices: storage, bedding, decor and cleaning.',
  'pixel-thread': 'Print-on-demand apparel: tees and hoodies printed when you order, shipped in days.',
  'creator-drops': 'Limited merch drops designed with creators, printed on demand.',
  'urban-sole': 'Streetwear sneakers and restocks of the pairs everyone is filming.',
  'sprout-kids': 'Playful, durable clothes, toys and gear for kids from newborn to ten.',
};

/** What a shop sells: each item with the variants that make sense for it. */
interface ShopCatalog {
  items: readonly (readonly [item: string, variants: readonly string[]])[];
  /** Price range in whole dollars; prices end in .99. */
  dollars: readonly [number, number];
  blurb: string;
  catalogNames: readonly string[];
}

const SHOPS: Record<string, ShopCatalog> = {
  'glow-theory': {
    items: [
      ['Dewy Skin Serum', ['30 ml', '50 ml']],
      ['Vitamin C Brightening Drops', ['15 ml', '30 ml']],
      ['Cloud Cream Moisturizer', ['Fragrance-Free', 'Travel Size']],
      ['Overnight Lip Mask', ['Berry', 'Vanilla']],
      ['Brow Sculpt Gel', ['Clear', 'Taupe', 'Brunette']],
      ['SPF 50 Glow Sunscreen', ['50 ml', 'Tinted']],
      ['Melting Cleansing Balm', ['Original', 'Travel Size']],
      ['Cream Blush Stick', ['Rose', 'Peach', 'Berry']],
    ],
    dollars: [9, 49],
    blurb: 'Vegan, cruelty-free and tested on sensitive skin.',
    catalogNames: ['Five-Minute Routine', 'Summer Glow Edit'],
  },
  northpeak: {
    items: [
      ['Ultralight Daypack', ['20 L', '30 L']],
      ['Carbon Trekking Poles', ['Pair']],
      ['Insulated Water Bottle', ['Slate', 'Forest', 'Ember']],
      ['Packable Rain Shell', ['Slate', 'Forest']],
      ['Two-Person Tent', ['Trail Edition', 'Four-Season']],
      ['Merino Hiking Socks', ['3-Pack', 'Crew']],
      ['Rechargeable Headlamp', ['400 Lumen']],
      ['Down Sleeping Bag', ['20°F', '35°F']],
    ],
    dollars: [19, 249],
    blurb: 'Backed by a lifetime repair promise.',
    catalogNames: ['Weekend Camp Kit', 'First Hike Essentials'],
  },
  'kitchen-alchemy': {
    items: [
      ['Cast Iron Skillet', ['10 inch', '12 inch']],
      ['Chef Knife', ['8 inch', '6 inch']],
      ['Sourdough Starter Kit', ['Classic']],
      ['Spice Blend Trio', ['Smoky', 'Za’atar', 'Taco Night']],
      ['Bamboo Cutting Board', ['Large', 'Set of 2']],
      ['Pour-Over Coffee Set', ['Glass', 'Ceramic']],
      ['Pasta Maker', ['Hand Crank']],
      ['Chili Crisp', ['Original', 'Extra Hot']],
    ],
    dollars: [9, 129],
    blurb: 'As seen in our creators’ kitchens.',
    catalogNames: ['Weeknight Dinners'],
  },
  'valuemart-home': {
    items: [
      ['Fabric Storage Bins', ['Set of 3', 'Set of 6']],
      ['Microfiber Sheet Set', ['Twin', 'Queen', 'King']],
      ['Knit Throw Blanket', ['Grey', 'Sage', 'Cream']],
      ['LED Desk Lamp', ['White', 'Black']],
      ['Bath Towel Set', ['6-Piece', '4-Piece']],
      ['Scented Candle', ['Linen', 'Cedar']],
      ['Collapsible Laundry Hamper', ['Grey', 'White']],
      ['Round Wall Mirror', ['24 inch', '30 inch']],
    ],
    dollars: [4, 89],
    blurb: 'Everyday low price, free pickup in store.',
    catalogNames: ['Dorm Room Refresh'],
  },
  'pixel-thread': {
    items: [
      ['Heavyweight Tee', ['Black', 'Heather Grey', 'Sand']],
      ['Pullover Hoodie', ['Black', 'Navy']],
      ['Crewneck Sweatshirt', ['Retro Logo', 'Pixel Art']],
      ['Embroidered Cap', ['Black', 'Khaki']],
      ['Canvas Tote Bag', ['Natural']],
      ['Long Sleeve Tee', ['White', 'Black']],
      ['Ceramic Mug', ['11 oz', '15 oz']],
    ],
    dollars: [19, 59],
    blurb: 'Printed to order on organic cotton.',
    catalogNames: ['Pixel Classics'],
  },
  'creator-drops': {
    items: [
      ['Signature Tee', ['Drop 01', 'Drop 02']],
      ['Drop Hoodie', ['Black', 'Cream']],
      ['Tour Poster', ['18 × 24', 'Signed']],
      ['Dad Hat', ['Washed Black', 'Stone']],
      ['Phone Case', ['iPhone', 'Pixel']],
      ['Enamel Pin Set', ['Limited']],
      ['Cuffed Beanie', ['Black', 'Orange']],
    ],
    dollars: [14, 69],
    blurb: 'Designed with a creator; a share of every sale goes to them.',
    catalogNames: ['Fall Drop'],
  },
  'urban-sole': {
    items: [
      ['Court Low Sneaker', ['Triple White', 'Black Gum']],
      ['Runner 2 Sneaker', ['Sail', 'Volt']],
      ['High-Top Classic', ['Chicago', 'Black']],
      ['Skate Slip-On', ['Checker', 'Black']],
      ['Trail Runner', ['Mocha', 'Olive']],
      ['Retro Basketball Shoe', ['White Royal', 'Bred']],
      ['Suede Low', ['Mocha', 'Forest']],
    ],
    dollars: [59, 199],
    blurb: 'Authenticity guaranteed; free returns within 30 days.',
    catalogNames: ['Restock Radar'],
  },
  'sprout-kids': {
    items: [
      ['Organic Onesie Pack', ['Newborn', '6M', '12M']],
      ['Wooden Stacking Toy', ['Rainbow']],
      ['Kids Rain Boots', ['Dino', 'Ocean']],
      ['Picture Book Set', ['Bedtime', 'Animals']],
      ['Play Tent', ['Rainbow', 'Rocket']],
      ['Foam Puzzle Mat', ['Alphabet', 'Numbers']],
      ['Kids Backpack', ['Dino', 'Ocean']],
    ],
    dollars: [4, 49],
    blurb: 'Safety-tested and made to be handed down.',
    catalogNames: ['Back to School'],
  },
};

const EXTERNAL_PREFIX: Record<string, string | undefined> = { SHOPIFY: 'shopify:gid-', WALMART: 'walmart:item-', PRINT_ON_DEMAND: 'pod:sku-' };

/** The seeded world as rows, the same for every engine: each store inserts them in this order. */
export interface CommerceSeed {
  brands: NewBrand[];
  brandTopics: NewBrandTopic[];
  products: NewProduct[];
  catalogs: NewCatalog[];
  catalogProducts: NewCatalogProduct[];
  creatorCatalogs: NewCreatorCatalog[];
  showcaseItems: NewShowcaseItem[];
  videoProducts: NewVideoProduct[];
  liveStreamPins: NewLiveStreamPin[];
  flashDeals: NewFlashDeal[];
}

/**
 * The commerce store's first rows: the 12 fixture brands, 150 products across the eight shops,
 * 10 brand catalogs, creators' catalogs and showcases, products tagged in ~40% of videos and
 * pinned on the streams live at seed time (all of the creator's topic). The same data every time.
 */
export function commerceSeed(): CommerceSeed {
  const random = new SeededRandom(4);

  const brandRows = seedBrands.map((brand) => ({
    id: brand.id,
    name: brand.name,
    slug: brand.slug,
    description: BRAND_DESCRIPTIONS[brand.slug] ?? `${brand.name} on the app.`,
    platform: brand.platform,
    logoUrl: `https://cdn.example.com/b/${brand.slug}.png`,
  }));
  const brandById = new Map(seedBrands.map((brand) => [brand.id, brand]));

  const productRows = productIds.map((id, i) => {
    const brand = brandById.get(productBrandId(i));
    if (!brand) throw new Error(`Product ${i} has no seed brand`);
    const shop = SHOPS[brand.slug];
    if (!shop) throw new Error(`No product list for ${brand.slug}`);
    const [item, variants] = random.pick(shop.items);
    const title = `${item}, ${random.pick(variants)}`;
    const prefix = EXTERNAL_PREFIX[brand.platform];
    return {
      id,
      brandId: brand.id,
      title,
      description: `${title} from ${brand.name}. ${shop.blurb}`,
      priceAmount: random.int(shop.dollars[0], shop.dollars[1]) * 100 + 99,
      currency: 'USD',
      // A few sold out, so `inStock` is false somewhere.
      inventory: random.chance(0.06) ? 0 : random.int(1, 300),
      status: random.chance(0.06) ? ('ARCHIVED' as const) : ('ACTIVE' as const),
      commissionBps: random.int(10, 40) * 50,
      imageUrl: `https://cdn.example.com/p/${id}.jpg`,
      externalId: prefix ? `${prefix}${7_000_000 + i * 37}` : null,
      // The minute offset keeps creation times distinct, so "newest first" has one answer.
      createdAt: new Date(SEED_TIME - random.int(1, 365) * DAY - i * MINUTE),
    };
  });
  const activeProductIds = productRows.filter((row) => row.status === 'ACTIVE').map((row) => row.id);

  const catalogRows: NewCatalog[] = [];
  const catalogProductRows: NewCatalogProduct[] = [];
  for (let i = 0; i < CATALOG_COUNT; i++) {
    const brand = shopBrands[i % shopBrands.length];
    const shop = brand && SHOPS[brand.slug];
    if (!brand || !shop) throw new Error(`Catalog ${i} has no shop`);
    const id = seedId('cat', i);
    const name = shop.catalogNames[Math.floor(i / shopBrands.length) % shop.catalogNames.length] as string;
    catalogRows.push({ id, brandId: brand.id, name, description: `${name}: picks from ${brand.name}.`, createdAt: new Date(SEED_TIME - random.int(1, 120) * DAY - i * MINUTE) });
    const own = productRows.filter((row) => row.brandId === brand.id).map((row) => row.id);
    random.sample(own, random.int(5, Math.min(20, own.length))).forEach((productId, position) => catalogProductRows.push({ catalogId: id, productId, position }));
  }

  // Creators carry catalogs, showcase, tag and pin only what suits their topic (through the brand),
  // one product of each title: two "Pasta Maker, Hand Crank" side by side look like a bug.
  const titled = new Map<string, string>();
  for (const row of productRows) if (!titled.has(row.title)) titled.set(row.title, row.id);
  const oneOfEachTitle = new Set(titled.values());
  const topicPicks = (topic: Topic) => topicProductIds(topic).filter((id) => oneOfEachTitle.has(id));
  const creatorCatalogRows: NewCreatorCatalog[] = [];
  const showcaseRows: NewShowcaseItem[] = [];
  for (const [i, creatorId] of creatorIds.entries()) {
    const topic = creatorTopic(creatorId);
    const topicCatalogIds = catalogRows.filter((row) => seedBrands.find((brand) => brand.id === row.brandId)?.topics.includes(topic)).map((row) => row.id);
    // The first creator always carries a catalog, so walk-throughs have one to show.
    random.sample(topicCatalogIds, random.int(i === 0 ? 1 : 0, 3)).forEach((catalogId, position) => creatorCatalogRows.push({ creatorId, catalogId, position }));
    random
      .sample(topicPicks(topic), random.int(5, 25))
      .forEach((productId, position) => showcaseRows.push({ creatorId, productId, position, addedAt: new Date(SEED_TIME - random.int(1, 90) * DAY - position * MINUTE) }));
  }

  const videoProductRows: NewVideoProduct[] = [];
  for (const [i, videoId] of videoIds.entries()) {
    if (!random.chance(0.4)) continue;
    random.sample(topicPicks(creatorTopic(videoCreatorId(i))), random.int(1, 3)).forEach((productId, position) => videoProductRows.push({ videoId, productId, position }));
  }

  // Only streams that are live now have an overlay, and it shows products on sale.
  const pinRows: NewLiveStreamPin[] = [];
  const onSale = new Set(activeProductIds);
  for (const [i, liveStreamId] of liveStreamIds.slice(0, LIVE_NOW_COUNT).entries()) {
    random
      .sample(
        topicPicks(creatorTopic(liveStreamCreatorId(i))).filter((id) => onSale.has(id)),
        random.int(2, 6),
      )
      .forEach((productId, position) => pinRows.push({ liveStreamId, productId, position, pinnedAt: new Date(SEED_TIME - random.int(1, 50) * MINUTE) }));
  }

  // One flash deal that ran before the seed time on the first live stream's first pin: ended by
  // time with nothing sold (its units back on the shelf), so the stock and sales are untouched.
  const firstPin = pinRows[0] as NewLiveStreamPin;
  const pinnedProduct = productRows.find((row) => row.id === firstPin.productId) as NewProduct;
  const dealRows: NewFlashDeal[] = [
    {
      id: 'fld_SeedDeal0001',
      liveStreamId: firstPin.liveStreamId,
      productId: firstPin.productId,
      dealPriceAmount: Math.floor(pinnedProduct.priceAmount * 0.8),
      currency: pinnedProduct.currency ?? 'USD',
      quantity: 10,
      unitsLeft: 0,
      unitsReturned: 10,
      perBuyerLimit: 2,
      status: 'ENDED',
      endedReason: 'TIME_UP',
      startsAt: new Date(SEED_TIME - 40 * MINUTE),
      endsAt: new Date(SEED_TIME - 30 * MINUTE),
      dueAt: null,
      createdBy: liveStreamCreatorId(0),
      createdAt: new Date(SEED_TIME - 41 * MINUTE),
    },
  ];

  return {
    brands: brandRows,
    brandTopics: seedBrands.flatMap((brand) => brand.topics.map((topic) => ({ brandId: brand.id, topic }))),
    products: productRows,
    catalogs: catalogRows,
    catalogProducts: catalogProductRows,
    creatorCatalogs: creatorCatalogRows,
    showcaseItems: showcaseRows,
    videoProducts: videoProductRows,
    liveStreamPins: pinRows,
    flashDeals: dealRows,
  };
}

/** The seed world's rows: the world above and its history (seedHistory.ts), as the seed step inserts them. */
export function commerceSeedRows(): CommerceSeedRows {
  const world = commerceSeed();
  return { ...world, ...commerceHistory(world) };
}

/** Fills an empty commerce store with the seed world, in one transaction; a store that holds anything is left as it is. */
export async function seedCommerceStore(store: Pick<CommerceStore, 'transaction'>): Promise<void> {
  await store.transaction(async (tx) => {
    if (await tx.isEmpty()) await tx.insertSeedRows(commerceSeedRows());
  });
}
