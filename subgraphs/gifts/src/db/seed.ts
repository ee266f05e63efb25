import { seedId } from '@app/fixtures/ids';
import { SeededRandom } from '@app/fixtures/random';
import { DAY, SEED_TIME, smallGesturesBrands, type SeedBrand } from '@app/fixtures/world';
import type { GiftsSeedRows } from './contract.ts';
import { giftsHistory, type GiftsHistory } from './seedHistory.ts';
import type { GiftsStore } from './store.ts';
import type { NewCreatorGifter, NewGiftOffer, NewGiftOfferCode, NewLiveGift, NewLiveGiftSend, NewLiveStreamGiftTotals, NewLiveStreamGifter } from './tables.ts';

/** No 0/O or 1/I/L: a recipient types these codes in by hand. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const partner = (name: string): SeedBrand => {
  const brand = smallGesturesBrands.find((b) => b.name === name);
  if (!brand) throw new Error(`${name} is not a Small Gestures partner in the fixtures`);
  return brand;
};

interface SeedOffer {
  brand: SeedBrand;
  title: string;
  description: string;
  retailValueAmount: number;
  active: boolean;
  startsAt: number;
  endsAt: number | null;
  codePrefix: string;
  codeCount: number;
}

/** The Small Gestures offers, in id order (`seedId('gof', i)`); the last one has ended. */
export const seedOffers: readonly SeedOffer[] = [
  {
    brand: partner('ClipForge'),
    title: '90-day ClipForge Pro trial',
    description: 'Three months of ClipForge Pro: 4K export, auto-captions and the full effects library. No card needed.',
    retailValueAmount: 4497,
    active: true,
    startsAt: SEED_TIME - 45 * DAY,
    endsAt: SEED_TIME + 120 * DAY,
    codePrefix: 'CLIP',
    codeCount: 120,
  },
  {
    brand: partner('Dashway Delivery'),
    title: '1-month Dashway Delivery pass',
    description: 'A month of free delivery and reduced service fees on Dashway orders over $12.',
    retailValueAmount: 999,
    active: true,
    startsAt: SEED_TIME - 30 * DAY,
    endsAt: SEED_TIME + 60 * DAY,
    codePrefix: 'DASH',
    codeCount: 80,
  },
  {
    brand: partner('Tunewave'),
    title: '90-day Tunewave Premium trial',
    description: 'Three months of ad-free Tunewave Premium with offline listening. For new Premium members.',
    retailValueAmount: 3297,
    active: true,
    startsAt: SEED_TIME - 20 * DAY,
    endsAt: null,
    codePrefix: 'TUNE',
    codeCount: 100,
  },
  {
    brand: partner('Learnly'),
    title: '2-month Learnly membership',
    description: 'Two months of unlimited Learnly courses, from photography to coding, with certificates.',
    retailValueAmount: 5998,
    active: true,
    startsAt: SEED_TIME - 10 * DAY,
    endsAt: SEED_TIME + 90 * DAY,
    codePrefix: 'LRNY',
    codeCount: 40,
  },
  {
    brand: partner('Tunewave'),
    title: '6-month Tunewave Premium trial (launch week)',
    description: 'Six months of Tunewave Premium, offered for the Small Gestures launch week only.',
    retailValueAmount: 6594,
    active: false,
    startsAt: SEED_TIME - 120 * DAY,
    endsAt: SEED_TIME - 113 * DAY,
    codePrefix: 'TWLW',
    codeCount: 25,
  },
];

/** The LIVE gift catalog, cheapest first, in id order (`seedId('lgf', i)`). */
export const seedLiveGifts: readonly { name: string; coinPrice: number }[] = [
  { name: 'Rose', coinPrice: 1 },
  { name: 'Finger Heart', coinPrice: 5 },
  { name: 'Doughnut', coinPrice: 30 },
  { name: 'Party Hat', coinPrice: 99 },
  { name: 'Sunglasses', coinPrice: 199 },
  { name: 'Corgi', coinPrice: 299 },
  { name: 'Love Balloon', coinPrice: 500 },
  { name: 'Disco Ball', coinPrice: 1_000 },
  { name: 'Sports Car', coinPrice: 7_000 },
  { name: 'Castle', coinPrice: 20_000 },
  { name: 'Lion', coinPrice: 29_999 },
  { name: 'Galaxy Whale', coinPrice: 44_999 },
];

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The seeded world as rows, the same for every engine. */
export interface GiftsSeed {
  giftOffers: NewGiftOffer[];
  giftOfferCodes: NewGiftOfferCode[];
  liveGifts: NewLiveGift[];
  /** What happened before the seed's moment (`seedHistory.ts`): inserted after the rows above. */
  history: GiftsHistory;
}

/**
 * The gifts store's first rows: the Small Gestures offers with their code pools, the LIVE gift
 * catalog, and some history (`seedHistory.ts`) so leaderboards and earnings are not empty on
 * first start. The same data every time.
 */
export function giftsSeed(): GiftsSeed {
  const random = new SeededRandom(3);
  const block = () => Array.from({ length: 4 }, () => random.pick([...CODE_ALPHABET])).join('');

  const offerRows = seedOffers.map((offer, i) => ({
    id: seedId('gof', i),
    brandId: offer.brand.id,
    title: offer.title,
    description: offer.description,
    retailValueAmount: offer.retailValueAmount,
    currency: 'USD',
    // The program runs only in the US.
    regions: ['US'],
    active: offer.active,
    startsAt: new Date(offer.startsAt),
    endsAt: offer.endsAt === null ? null : new Date(offer.endsAt),
  }));

  const seen = new Set<string>();
  const codeRows = seedOffers.flatMap((offer, i) => {
    const rows: NewGiftOfferCode[] = [];
    while (rows.length < offer.codeCount) {
      const code = `${offer.codePrefix}-${block()}-${block()}`;
      // The column is unique anyway; skipping a repeat keeps each pool at its stated size.
      if (seen.has(code)) continue;
      seen.add(code);
      rows.push({ offerId: seedId('gof', i), code });
    }
    return rows;
  });

  const giftRows = seedLiveGifts.map((gift, i) => ({
    id: seedId('lgf', i),
    name: gift.name,
    coinPrice: gift.coinPrice,
    imageUrl: `https://cdn.example.com/g/${slug(gift.name)}.png`,
  }));

  const history = giftsHistory(
    (name) => {
      const i = seedLiveGifts.findIndex((gift) => gift.name === name);
      if (i < 0) throw new Error(`The seed's history sends ${name}, which is not in the catalog`);
      return { id: seedId('lgf', i), coinPrice: (seedLiveGifts[i] as { coinPrice: number }).coinPrice };
    },
    (offerIndex) => {
      const offerId = seedId('gof', offerIndex);
      const row = codeRows.find((code) => code.offerId === offerId);
      if (!row) throw new Error(`The seed has no offer ${offerIndex} with codes`);
      return { offerId, code: row.code };
    },
  );
  // The codes the history's Small Gestures took are taken, when they were sent.
  for (const gesture of history.smallGestures) {
    const row = codeRows.find((code) => code.offerId === gesture.offerId && code.code === gesture.code);
    if (row) row.claimedAt = gesture.createdAt;
  }

  return { giftOffers: offerRows, giftOfferCodes: codeRows, liveGifts: giftRows, history };
}

/**
 * The kept rows seeded sends make, as `insertLiveGiftSend` would have kept them one send at a
 * time: each stream's totals and distinct gifters, each sender's row on each stream's and each
 * creator's leaderboard.
 */
export function keptGiftRows(sends: readonly NewLiveGiftSend[]): Pick<GiftsSeedRows, 'liveStreamGiftTotals' | 'liveStreamGifters' | 'creatorGifters'> {
  const totals = new Map<string, NewLiveStreamGiftTotals>();
  const streamGifters = new Map<string, NewLiveStreamGifter>();
  const creatorGifters = new Map<string, NewCreatorGifter>();
  const add = (into: { coins?: number; diamonds?: number; giftCount?: number }, send: NewLiveGiftSend) => {
    into.coins = (into.coins ?? 0) + send.coins;
    into.diamonds = (into.diamonds ?? 0) + send.diamonds;
    into.giftCount = (into.giftCount ?? 0) + send.quantity;
  };
  const addToBoard = <G extends NewLiveStreamGifter | NewCreatorGifter>(board: Map<string, G>, key: string, row: G, send: NewLiveGiftSend) => {
    const gifter = board.get(key) ?? row;
    board.set(key, gifter);
    add(gifter, send);
    if (send.createdAt < gifter.firstGiftAt) gifter.firstGiftAt = send.createdAt;
  };
  for (const send of sends) {
    const { liveStreamId, creatorId, senderId, createdAt } = send;
    const stream = totals.get(liveStreamId) ?? { liveStreamId, gifterCount: 0 };
    totals.set(liveStreamId, stream);
    add(stream, send);
    const onStream = `${liveStreamId}/${senderId}`;
    // A sender's first send to the stream makes one more gifter, as `insertLiveGiftSend` counts them.
    if (!streamGifters.has(onStream)) stream.gifterCount = (stream.gifterCount ?? 0) + 1;
    addToBoard(streamGifters, onStream, { liveStreamId, senderId, firstGiftAt: createdAt }, send);
    addToBoard(creatorGifters, `${creatorId}/${senderId}`, { creatorId, senderId, firstGiftAt: createdAt }, send);
  }
  return { liveStreamGiftTotals: [...totals.values()], liveStreamGifters: [...streamGifters.values()], creatorGifters: [...creatorGifters.values()] };
}

/**
 * Fills an empty gifts store with the seed world, in one transaction; a store that holds anything
 * is left as it is.
 */
export async function seedGiftsStore(store: Pick<GiftsStore, 'transaction'>): Promise<void> {
  await store.transaction(async (tx) => {
    if (!(await tx.isEmpty())) return;
    const { history, ...catalog } = giftsSeed();
    const rows: GiftsSeedRows = { ...catalog, ...history, ...keptGiftRows(history.liveGiftSends) };
    await tx.insertSeedRows(rows);
  });
}
