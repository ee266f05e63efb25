/**
 * The gifts seed's history: what happened before the seed's moment, so leaderboards, earnings,
 * inboxes and histories are not empty on first start. Written as the rows the domain would have
 * written (coin purchases, wallets, LIVE gift sends at the default share, creator balances, a paid
 * payout, Small Gestures with their codes taken, and every ledger transaction, balanced), so
 * every invariant the tests check holds for the seed too.
 *
 * - LIVE gifts go to the streams live at the seed (started at least 5 minutes before it), in its
 *   last 5 minutes, from five viewers. They have no outbox events: they came before anyone
 *   subscribed, and a subscription starts from the next gift.
 * - Maya (the walk-throughs' creator) got a Lion, so she has earnings to withdraw, and withdrew
 *   $50.00 of them a moment later; the others' earnings stay under the $10 minimum.
 * - Three Small Gestures reached Maya and Ava (the walk-throughs' friend); Ava redeemed hers.
 */
import { seedId } from '@app/fixtures/ids';
import { DAY, HOUR, SEED_TIME, userIds, liveStreamCreatorId, liveStreamIds } from '@app/fixtures/world';
import { coinPackageById } from '../coinPackages.ts';
import { Account } from '../ledger.ts';
import { coinsToDiamonds, DEFAULT_RATES, diamondsForCents } from '../rates.ts';
import type { LedgerKind } from '../vocabulary.ts';
import type { GiftsSeedRows, LedgerLeg } from './contract.ts';

/** The viewers who gifted before the seed (non-creators, whom no test sends coins from). */
const GIFTERS = [20, 21, 22, 23, 24].map((i) => userIds[i] as string);

/** What each live stream received: [gifter (index in GIFTERS), gift name, quantity], in the order sent. */
const LIVE_HISTORY: readonly (readonly [number, string, number])[][] = [
  [
    [0, 'Lion', 1],
    [1, 'Corgi', 2],
    [2, 'Rose', 5],
    [3, 'Doughnut', 3],
  ],
  [
    [1, 'Doughnut', 4],
    [4, 'Finger Heart', 6],
    [2, 'Rose', 10],
  ],
  [
    [3, 'Corgi', 1],
    [0, 'Doughnut', 2],
  ],
  [
    [4, 'Party Hat', 2],
    [1, 'Rose', 3],
    [2, 'Finger Heart', 4],
  ],
  [
    [0, 'Sunglasses', 1],
    [3, 'Rose', 7],
  ],
];

/** The coin packages each gifter bought the day before: enough for their gifts, with some left. */
const PURCHASES: readonly (readonly string[])[] = [['cpk_17500', 'cpk_17500'], ['cpk_1400'], ['cpk_70'], ['cpk_700'], ['cpk_350']];

/** Maya's payout of $50.00, paid half a minute before the seed. */
const PAYOUT_CENTS = 5_000;

/**
 * Small Gestures received before the seed: [sender, recipient, offer index, message, redeemed].
 * The senders are US users (the program's country) whom no test sends Small Gestures as, so
 * every test's sender still has all three to send.
 */
const GESTURES: readonly (readonly [string, string, number, string, boolean])[] = [
  [userIds[55] as string, userIds[0] as string, 0, 'Saw your pasta video. Edit the next one in 4K, on me!', false],
  [userIds[47] as string, userIds[2] as string, 2, 'For your next get-ready-with-me playlist', true],
  [userIds[47] as string, userIds[0] as string, 1, 'Dinner is on Dashway this month 🍝', false],
];

/** What happened before the seed's moment, as rows (Small Gestures name their code by its offer and text). */
export type GiftsHistory = Omit<GiftsSeedRows, 'giftOffers' | 'giftOfferCodes' | 'liveGifts' | 'liveStreamGiftTotals' | 'liveStreamGifters' | 'creatorGifters'>;

/**
 * The history rows. `giftPrice` gives a seeded LIVE gift's id and price by name; `firstCodes`
 * the first code of each seeded offer's pool (the one a send takes first), which the seed marks taken.
 */
export function giftsHistory(giftByName: (name: string) => { id: string; coinPrice: number }, firstCodeOf: (offerIndex: number) => { offerId: string; code: string }): GiftsHistory {
  const history: GiftsHistory = { coinPurchases: [], wallets: [], liveGiftSends: [], creatorBalances: [], giftPayouts: [], ledgerTransactions: [], ledgerEntries: [], smallGestures: [] };
  let transactions = 0;
  const post = (kind: LedgerKind, referenceId: string, createdAt: Date, legs: LedgerLeg[]) => {
    const id = seedId('ltx', transactions++);
    history.ledgerTransactions.push({ id, kind, referenceId, createdAt });
    for (const leg of legs) if (leg.amount !== 0) history.ledgerEntries.push({ transactionId: id, ...leg });
  };

  const coins = new Map<string, number>();
  PURCHASES.forEach((packages, gifter) => {
    const userId = GIFTERS[gifter] as string;
    for (const packageId of packages) {
      const pkg = coinPackageById(packageId);
      if (!pkg) throw new Error(`The seed buys ${packageId}, which is not on sale`);
      const id = seedId('cpu', history.coinPurchases.length);
      const createdAt = new Date(SEED_TIME - DAY + history.coinPurchases.length * 60_000);
      history.coinPurchases.push({ id, userId, packageId, coins: pkg.coins, priceAmount: pkg.priceAmount, currency: pkg.currency, paymentMethod: null, status: 'COMPLETED', providerChargeId: `ch_seed_${id}`, createdAt, settledAt: createdAt });
      post('COIN_PURCHASE', id, createdAt, [
        { account: Account.coinSales, unit: 'COIN', amount: -pkg.coins },
        { account: Account.wallet(userId), unit: 'COIN', amount: pkg.coins },
      ]);
      coins.set(userId, (coins.get(userId) ?? 0) + pkg.coins);
    }
  });

  const diamondsOf = new Map<string, number>();
  const sendsInOrder = LIVE_HISTORY.flatMap((sends, stream) => sends.map((send) => [stream, ...send] as const));
  sendsInOrder.forEach(([stream, gifter, giftName, quantity], n) => {
    const senderId = GIFTERS[gifter] as string;
    const creatorId = liveStreamCreatorId(stream);
    const gift = giftByName(giftName);
    const spent = gift.coinPrice * quantity;
    const diamonds = coinsToDiamonds(spent, DEFAULT_RATES);
    const left = (coins.get(senderId) ?? 0) - spent;
    if (left < 0) throw new Error(`The seed's gifter ${senderId} cannot afford ${quantity} × ${giftName}`);
    coins.set(senderId, left);
    diamondsOf.set(creatorId, (diamondsOf.get(creatorId) ?? 0) + diamonds);
    const id = seedId('lgs', n);
    // Inside the seed's last 5 minutes, when every live stream was already live.
    const createdAt = new Date(SEED_TIME - 4.5 * 60_000 + n * 15_000);
    const share = DEFAULT_RATES.diamondsPerCoin;
    history.liveGiftSends.push({ id, senderId, creatorId, liveStreamId: liveStreamIds[stream] as string, giftId: gift.id, quantity, coins: spent, diamonds, createdAt, combo: 1, eventSeq: null, shareDiamonds: share.diamonds, shareCoins: share.coins });
    post('LIVE_GIFT', id, createdAt, [
      { account: Account.wallet(senderId), unit: 'COIN', amount: -spent },
      { account: Account.giftRevenue, unit: 'COIN', amount: spent },
      { account: Account.diamondIssuance, unit: 'DIAMOND', amount: -diamonds },
      { account: Account.creatorDiamonds(creatorId), unit: 'DIAMOND', amount: diamonds },
    ]);
  });
  for (const [userId, left] of coins) history.wallets.push({ userId, coins: left, updatedAt: new Date(SEED_TIME) });

  const maya = liveStreamCreatorId(0);
  const payoutDiamonds = diamondsForCents(PAYOUT_CENTS, DEFAULT_RATES);
  const payoutId = seedId('gpo', 0);
  const requestedAt = new Date(SEED_TIME - 30_000);
  const paidAt = new Date(SEED_TIME - 29_000);
  history.giftPayouts.push({
    id: payoutId,
    creatorId: maya,
    diamonds: payoutDiamonds,
    amount: PAYOUT_CENTS,
    currency: 'USD',
    diamondsPerDollar: DEFAULT_RATES.diamondsPerDollar,
    payoutMethod: null,
    status: 'PAID',
    providerPayoutId: `po_seed_${payoutId}`,
    createdAt: requestedAt,
    settledAt: paidAt,
  });
  post('GIFT_PAYOUT', payoutId, requestedAt, [
    { account: Account.creatorDiamonds(maya), unit: 'DIAMOND', amount: -payoutDiamonds },
    { account: Account.payoutsInFlight, unit: 'DIAMOND', amount: payoutDiamonds },
  ]);
  post('GIFT_PAYOUT_PAID', payoutId, paidAt, [
    { account: Account.payoutsInFlight, unit: 'DIAMOND', amount: -payoutDiamonds },
    { account: Account.diamondsPaidOut, unit: 'DIAMOND', amount: payoutDiamonds },
  ]);
  diamondsOf.set(maya, (diamondsOf.get(maya) ?? 0) - payoutDiamonds);
  for (const [creatorId, diamonds] of diamondsOf) {
    if (diamonds < 0) throw new Error(`The seed pays ${creatorId} out more than they earned`);
    // The kept payout totals, as the seeded payouts (all PAID) make them.
    const paid = history.giftPayouts.filter((payout) => payout.creatorId === creatorId);
    const paidDiamonds = paid.reduce((sum, payout) => sum + payout.diamonds, 0);
    const paidAmount = paid.reduce((sum, payout) => sum + payout.amount, 0);
    history.creatorBalances.push({ creatorId, diamonds, paidDiamonds, paidAmount, updatedAt: new Date(SEED_TIME) });
  }

  const slots = new Map<string, number>();
  GESTURES.forEach(([senderId, recipientId, offerIndex, message, redeemed], n) => {
    const slot = (slots.get(senderId) ?? 0) + 1;
    slots.set(senderId, slot);
    const createdAt = new Date(SEED_TIME - 2 * DAY + n * HOUR);
    const { offerId, code } = firstCodeOf(offerIndex);
    history.smallGestures.push({ id: seedId('sgs', n), offerId, code, senderId, senderSlot: slot, recipientId, message, createdAt, redeemedAt: redeemed ? new Date(createdAt.getTime() + DAY) : null });
  });
  return history;
}
