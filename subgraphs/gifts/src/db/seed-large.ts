/**
 * The gifts store's large world: the seed's rows as they are, then a million LIVE gift sends from
 * about a hundred thousand bulk viewers, most of them on the hot stream (Maya's, live at the seed),
 * the rest on the other streams live at the seed, all in the minute before the seed's own sends.
 * Each sender first bought the coins they spend (the cheapest packages that cover it), so every
 * send is what `sendLiveGift` would have written: the send at the default share, its ledger
 * transaction, the sender's wallet, their rows on the stream's and the creator's leaderboards.
 * The kept rows the seed shares with the bulk (the live streams' totals, their creators'
 * balances) are written last, the seed's and the bulk's together.
 */
import { insertChunks, newReport, type BulkReport, type SeedTarget } from '@app/fixtures/bulk';
import { seedId } from '@app/fixtures/ids';
import { BULK_GIFTS_FROM, BULK_GIFTS_UNTIL, bulkViewerCount, bulkViewerId, HOT_STREAM_INDEX, type LargeWorldSize } from '@app/fixtures/large';
import { SeededRandom } from '@app/fixtures/random';
import { DAY, LIVE_NOW_COUNT, liveStreamCreatorId, liveStreamIds, SEED_TIME } from '@app/fixtures/world';
import { COIN_PACKAGES } from '../coinPackages.ts';
import { Account } from '../ledger.ts';
import { coinsToDiamonds, DEFAULT_RATES } from '../rates.ts';
import type { GiftsSeedRows, LedgerLeg } from './contract.ts';
import { giftsSeed, keptGiftRows, seedLiveGifts } from './seed.ts';
import type { NewCreatorBalance, NewLiveStreamGiftTotals } from './tables.ts';

/** Senders per chunk (about 50,000 sends, 300,000 rows with their ledger). */
const CHUNK_SENDERS = 5_000;
/** Bulk ids are hashed from indexes far past the seed's own. */
const BULK = 1_000_000_000;

/** How often each gift is sent: cheap ones most (`seedLiveGifts` order, cheapest first). */
const GIFT_ODDS = [500, 250, 120, 60, 30, 20, 10, 6, 2, 1, 0.6, 0.4];

const emptyRows = (): GiftsSeedRows => ({
  giftOffers: [],
  giftOfferCodes: [],
  liveGifts: [],
  coinPurchases: [],
  wallets: [],
  liveGiftSends: [],
  liveStreamGiftTotals: [],
  liveStreamGifters: [],
  creatorGifters: [],
  creatorBalances: [],
  giftPayouts: [],
  ledgerTransactions: [],
  ledgerEntries: [],
  smallGestures: [],
});

/** What the bulk adds to the kept rows it shares with the seed. */
interface SharedKept {
  totals: Map<string, NewLiveStreamGiftTotals>;
  diamonds: Map<string, number>;
}

function* bulkChunks(size: LargeWorldSize, random: SeededRandom, shared: SharedKept): Generator<Partial<GiftsSeedRows>> {
  const giftTotal = GIFT_ODDS.reduce((sum, odds) => sum + odds, 0);
  const drawGift = () => {
    let target = random.next() * giftTotal;
    for (const [i, odds] of GIFT_ODDS.entries()) {
      target -= odds;
      if (target < 0) return i;
    }
    return 0;
  };
  const gifts = seedLiveGifts.map((gift, i) => ({ id: seedId('lgf', i), coinPrice: gift.coinPrice }));
  const senders = Math.min(bulkViewerCount(size), Math.ceil(size.liveGiftSends / size.sendsPerSender) * 2);
  let sends = 0;
  let purchases = 0;
  let sender = 0;
  while (sends < size.liveGiftSends) {
    if (sender >= senders) throw new Error('the large world has too few viewers for its LIVE gifts');
    const rows = emptyRows();
    for (let n = 0; n < CHUNK_SENDERS && sends < size.liveGiftSends && sender < senders; n++, sender++) {
      const senderId = bulkViewerId(sender, size);
      // Ten sends on average: most a few, some thirty, one in a hundred a whale's hundreds.
      const count = Math.min(size.liveGiftSends - sends, random.chance(0.01) ? random.int(50, 200) : 1 + Math.floor(random.next() ** 3 * 32));
      const drawn = Array.from({ length: count }, () => {
        const stream = random.chance(0.9) ? HOT_STREAM_INDEX : random.int(1, LIVE_NOW_COUNT - 1);
        const gift = gifts[drawGift()] as { id: string; coinPrice: number };
        const quantity = random.chance(0.8) ? 1 : random.int(2, 10);
        return { stream, gift, quantity, at: random.int(BULK_GIFTS_FROM, BULK_GIFTS_UNTIL - 1) };
      });
      const spent = drawn.reduce((sum, send) => sum + send.gift.coinPrice * send.quantity, 0);

      // The coins first, the day before: the cheapest package that covers what is left, the largest until one does.
      let bought = 0;
      const boughtAt = SEED_TIME - 2 * DAY + random.int(0, DAY - 1);
      while (bought < spent) {
        const pkg = COIN_PACKAGES.find((candidate) => candidate.coins >= spent - bought) ?? (COIN_PACKAGES[COIN_PACKAGES.length - 1] as (typeof COIN_PACKAGES)[number]);
        const id = seedId('cpu', BULK + purchases);
        const createdAt = new Date(boughtAt + purchases % 1_000);
        rows.coinPurchases.push({ id, userId: senderId, packageId: pkg.id, coins: pkg.coins, priceAmount: pkg.priceAmount, currency: pkg.currency, paymentMethod: null, status: 'COMPLETED', providerChargeId: `ch_bulk_${id}`, createdAt, settledAt: createdAt });
        post(rows, seedId('ltx', BULK + 2 * purchases), 'COIN_PURCHASE', id, createdAt, [
          { account: Account.coinSales, unit: 'COIN', amount: -pkg.coins },
          { account: Account.wallet(senderId), unit: 'COIN', amount: pkg.coins },
        ]);
        purchases++;
        bought += pkg.coins;
      }
      rows.wallets.push({ userId: senderId, coins: bought - spent, updatedAt: new Date(BULK_GIFTS_UNTIL) });

      for (const send of drawn) {
        const id = seedId('lgs', BULK + sends);
        const coins = send.gift.coinPrice * send.quantity;
        const diamonds = coinsToDiamonds(coins, DEFAULT_RATES);
        const creatorId = liveStreamCreatorId(send.stream);
        const createdAt = new Date(send.at);
        const share = DEFAULT_RATES.diamondsPerCoin;
        rows.liveGiftSends.push({ id, senderId, creatorId, liveStreamId: liveStreamIds[send.stream] as string, giftId: send.gift.id, quantity: send.quantity, coins, diamonds, createdAt, combo: 1, eventSeq: null, shareDiamonds: share.diamonds, shareCoins: share.coins });
        post(rows, seedId('ltx', BULK + 2 * sends + 1), 'LIVE_GIFT', id, createdAt, [
          { account: Account.wallet(senderId), unit: 'COIN', amount: -coins },
          { account: Account.giftRevenue, unit: 'COIN', amount: coins },
          { account: Account.diamondIssuance, unit: 'DIAMOND', amount: -diamonds },
          { account: Account.creatorDiamonds(creatorId), unit: 'DIAMOND', amount: diamonds },
        ]);
        shared.diamonds.set(creatorId, (shared.diamonds.get(creatorId) ?? 0) + diamonds);
        sends++;
      }
    }
    // This chunk's senders are its own: their rows on the boards are whole; the streams' totals are shared.
    const kept = keptGiftRows(rows.liveGiftSends);
    for (const totals of kept.liveStreamGiftTotals) {
      const into = shared.totals.get(totals.liveStreamId) ?? { liveStreamId: totals.liveStreamId, coins: 0, diamonds: 0, giftCount: 0, gifterCount: 0 };
      shared.totals.set(totals.liveStreamId, addTotals(into, totals));
    }
    yield { ...rows, liveStreamGifters: kept.liveStreamGifters, creatorGifters: kept.creatorGifters };
  }
}

function addTotals(into: NewLiveStreamGiftTotals, more: NewLiveStreamGiftTotals): NewLiveStreamGiftTotals {
  return {
    liveStreamId: into.liveStreamId,
    coins: (into.coins ?? 0) + (more.coins ?? 0),
    diamonds: (into.diamonds ?? 0) + (more.diamonds ?? 0),
    giftCount: (into.giftCount ?? 0) + (more.giftCount ?? 0),
    gifterCount: (into.gifterCount ?? 0) + (more.gifterCount ?? 0),
  };
}

/** A balanced ledger transaction (zero legs left out, as `post` in ledger.ts does). */
function post(rows: GiftsSeedRows, id: string, kind: 'COIN_PURCHASE' | 'LIVE_GIFT', referenceId: string, createdAt: Date, legs: LedgerLeg[]): void {
  rows.ledgerTransactions.push({ id, kind, referenceId, createdAt });
  for (const leg of legs) if (leg.amount !== 0) rows.ledgerEntries.push({ transactionId: id, ...leg });
}

/** Fills an empty gifts store with the large world at `size`. */
export async function seedLargeGiftsStore(store: SeedTarget<GiftsSeedRows>, size: LargeWorldSize, report: BulkReport = newReport()): Promise<BulkReport> {
  const started = performance.now();
  const { history, ...catalog } = giftsSeed();
  const { liveStreamGiftTotals: seedTotals, ...seedKept } = keptGiftRows(history.liveGiftSends);
  const { creatorBalances: seedBalances, ...seedHistory } = history;
  await insertChunks(store, [{ ...catalog, ...seedHistory, ...seedKept }], emptyRows, report);

  const shared: SharedKept = { totals: new Map(), diamonds: new Map() };
  await insertChunks(store, bulkChunks(size, new SeededRandom(103), shared), emptyRows, report);

  // The bulk's senders are not the seed's, so a stream's gifters add up as its other totals do.
  const totals = new Map(seedTotals.map((row) => [row.liveStreamId, row]));
  for (const [streamId, more] of shared.totals) totals.set(streamId, addTotals(totals.get(streamId) ?? { liveStreamId: streamId }, more));
  const balances = new Map(seedBalances.map((row) => [row.creatorId, row]));
  for (const [creatorId, diamonds] of shared.diamonds) {
    const row: NewCreatorBalance = balances.get(creatorId) ?? { creatorId, diamonds: 0, updatedAt: new Date(SEED_TIME) };
    balances.set(creatorId, { ...row, diamonds: (row.diamonds ?? 0) + diamonds });
  }
  await insertChunks(store, [{ liveStreamGiftTotals: [...totals.values()], creatorBalances: [...balances.values()] }], emptyRows, report);
  report.ms = performance.now() - started;
  return report;
}
