/**
 * What the gifts store answers: every statement by name, its arguments and its rows, whatever
 * the engine. `statements/` implements it once for SQLite and Postgres alike. Reads are
 * batch-shaped (one statement for many keys) for the loaders, and a write's body reads single
 * rows through them too (`giftOffersByIds([id])`); writes are what the domain asks for, inside
 * the store's `transaction`.
 */
import type { KeptCountDifference } from '@app/kit/db/reconcile';
import type { KeyCount, Owned } from '@app/kit/db/shapes';
import type { KitStatements } from '@app/kit/db/kit-statements';
import type { Page } from '@app/kit/pagination';
import type { LedgerKind, LedgerUnit } from '../vocabulary.ts';
import type {
  CoinPurchaseRow,
  CreatorGiftShareRow,
  GiftOfferRow,
  GiftPayoutRow,
  LiveGiftRow,
  LiveGiftSendRow,
  NewCoinPurchase,
  NewCreatorBalance,
  NewGiftOffer,
  NewGiftOfferCode,
  NewGiftPayout,
  NewLedgerEntry,
  NewLedgerTransaction,
  NewLiveGift,
  NewCreatorGifter,
  NewLiveGiftSend,
  NewLiveStreamGiftTotals,
  NewLiveStreamGifter,
  NewSmallGestureSend,
  NewWallet,
  SmallGestureSendRow,
} from './tables.ts';

/** A stream's gift totals: what its viewers gifted so far. */
export interface GiftTotals {
  coins: number;
  diamonds: number;
  /** Gifts sent; a send of several of the same gift counts each one. */
  giftCount: number;
  /** Distinct senders. */
  gifterCount: number;
}

export interface StreamGiftTotals extends GiftTotals {
  liveStreamId: string;
}

/** One place on a stream's (or creator's) leaderboard: a sender's coins summed there. */
export interface TopGifterRow {
  /** The stream or creator the leaderboard belongs to. */
  key: string;
  userId: string;
  coins: number;
  rank: number;
}

/** What the next send's combo is decided from: the sender's last send to the stream, in commit order. */
export type LastStreamSend = Pick<LiveGiftSendRow, 'senderId' | 'giftId' | 'createdAt' | 'combo'>;

export interface OfferStats {
  offerId: string;
  sent: number;
  redeemed: number;
}

export interface LedgerLeg {
  account: string;
  unit: LedgerUnit;
  amount: number;
}

export interface LedgerTransactionHead {
  id: string;
  kind: LedgerKind;
  referenceId: string;
  createdAt: Date;
}

/** A balanced ledger transaction, ready to write (`ledgerTransaction` in ledger.ts makes one). */
export interface LedgerTransactionRows {
  head: LedgerTransactionHead;
  legs: readonly LedgerLeg[];
}

export type PurchaseOutcome = { status: 'COMPLETED'; providerChargeId: string } | { status: 'DECLINED'; declineReason: string };

export type PayoutOutcome = { status: 'PAID'; providerPayoutId: string } | { status: 'FAILED'; failureReason: string };

/** A creator's payouts of one status, summed: what is in flight (REQUESTED) or paid out (PAID). */
export interface PayoutTotal {
  creatorId: string;
  status: 'REQUESTED' | 'PAID';
  diamonds: number;
  amount: number;
}

/** The seed world's rows (`seed.ts`), as the seed step inserts them, in this order. */
export interface GiftsSeedRows {
  giftOffers: NewGiftOffer[];
  giftOfferCodes: NewGiftOfferCode[];
  liveGifts: NewLiveGift[];
  coinPurchases: NewCoinPurchase[];
  wallets: NewWallet[];
  liveGiftSends: NewLiveGiftSend[];
  /** What the sends above keep (`keptGiftRows` in `seed.ts` works them out). */
  liveStreamGiftTotals: NewLiveStreamGiftTotals[];
  liveStreamGifters: NewLiveStreamGifter[];
  creatorGifters: NewCreatorGifter[];
  creatorBalances: NewCreatorBalance[];
  giftPayouts: NewGiftPayout[];
  ledgerTransactions: NewLedgerTransaction[];
  ledgerEntries: Omit<NewLedgerEntry, 'id'>[];
  /** Small Gestures naming their code by its offer and text: the insert finds the code's id. */
  smallGestures: (Omit<NewSmallGestureSend, 'codeId'> & { code: string })[];
}

export interface GiftsStatements extends KitStatements {
  // Offers and their pools of codes.
  giftOffersByIds(ids: readonly string[]): Promise<GiftOfferRow[]>;
  /** One page of offers, active first, then by title and id (cursor `[1 | 0, title, id]`), with one extra row. */
  giftOffersPage(page: Page): Promise<GiftOfferRow[]>;
  /**
   * Offers switched on, started and not yet ended at `now`, by title. Whether they have codes
   * left and are offered in a country is for the caller (one statement each, through the loaders).
   */
  offersOpenAt(now: Date): Promise<GiftOfferRow[]>;
  /**
   * Codes left per offer at `now`: unclaimed, or held by a claim link that expired unclaimed
   * (given back at the next write, see `releaseLapsedClaims`); offers with none left have no row.
   */
  unclaimedCodeCounts(offerIds: readonly string[], now: Date): Promise<KeyCount[]>;
  /** Small Gestures sent (expired claim links left out) and redeemed per offer; offers never sent have no row. */
  offerStats(offerIds: readonly string[], now: Date): Promise<OfferStats[]>;
  insertOffer(row: NewGiftOffer): Promise<GiftOfferRow>;
  /** Codes among `codes` already in this offer's pool (and only this offer's). */
  existingCodes(offerId: string, codes: readonly string[]): Promise<string[]>;
  /** A page of the offers of each of many brands in one statement, by `[startsAt, id]` descending, `first + 1` each. */
  giftOfferPagesByBrand(brandIds: readonly string[], page: Page): Promise<Owned<GiftOfferRow>[]>;
  /** Switches an offer on or off; the offer after it. */
  setOfferActive(id: string, active: boolean): Promise<GiftOfferRow | undefined>;
  /** Sets (or with null, removes) an offer's end; the offer after it. */
  setOfferEndsAt(id: string, endsAt: Date | null): Promise<GiftOfferRow | undefined>;
  insertCodes(offerId: string, codes: readonly string[]): Promise<void>;
  /**
   * Takes the offer's next unclaimed code: one UPDATE that only succeeds on a code still
   * unclaimed, so the same code can never be taken twice. Undefined when the pool is empty.
   */
  claimCode(offerId: string, now: Date): Promise<{ id: number; code: string } | undefined>;
  codeById(id: number): Promise<string | undefined>;

  // Small Gestures sent.
  smallGesturesByIds(ids: readonly string[]): Promise<SmallGestureSendRow[]>;
  /** Small Gestures counting against each sender's allowance at `now` (expired claim links do not); senders with none have no row. */
  smallGestureSentCounts(senderIds: readonly string[], now: Date): Promise<KeyCount[]>;
  /** The allowance slots a sender holds (after `releaseLapsedClaims`, inside a send's transaction). */
  senderSlotsTaken(senderId: string): Promise<number[]>;
  /**
   * Gives back what claim links that expired unclaimed still hold, of one sender or one offer:
   * their codes return to the pool, their slots to their senders. How many links it released.
   */
  releaseLapsedClaims(senderId: string, offerId: string, now: Date): Promise<number>;
  /** Makes `recipientId` the recipient of a claim link still unclaimed and not expired at `now`; undefined otherwise. */
  claimSmallGesture(id: string, recipientId: string, now: Date): Promise<SmallGestureSendRow | undefined>;
  /** A page of the Small Gestures each of many senders sent, by `[createdAt, id]` descending, `first + 1` each. */
  smallGestureSentPages(senderIds: readonly string[], page: Page): Promise<Owned<SmallGestureSendRow>[]>;
  /** A page of the inbox for each of many recipients in one statement, by `[createdAt, id]` descending, `first + 1` each. */
  inboxPages(recipientIds: readonly string[], page: Page): Promise<Owned<SmallGestureSendRow>[]>;
  insertSmallGesture(row: NewSmallGestureSend): Promise<SmallGestureSendRow>;
  /** Marks a gift redeemed if it was not yet; undefined when it already was. */
  markRedeemed(id: string, now: Date): Promise<SmallGestureSendRow | undefined>;

  // LIVE gifts: the catalog, sends, totals and leaderboards.
  /** The whole LIVE gift catalog, cheapest first: a dozen rows, so no paging. */
  liveGiftCatalog(): Promise<LiveGiftRow[]>;
  liveGiftsByIds(ids: readonly string[]): Promise<LiveGiftRow[]>;
  liveGiftSendsByIds(ids: readonly string[]): Promise<LiveGiftSendRow[]>;
  /**
   * Records a send and, in the same transaction, what it adds to the kept rows: its stream's
   * totals (one more gifter at the sender's first send to the stream), the sender's row on the
   * stream's and the creator's leaderboards, and the creator's balance (the diamonds it credits);
   * with `ledger`, the send's ledger transaction too. One round trip on Postgres (`together`).
   * The stream's totals right after it.
   */
  insertLiveGiftSend(row: NewLiveGiftSend, ledger?: LedgerTransactionRows): Promise<GiftTotals>;
  /** The latest `first` sends to each of many streams, newest first by `[createdAt, id]`: one indexed read per stream. */
  recentLiveGiftSends(liveStreamIds: readonly string[], first: number): Promise<Owned<LiveGiftSendRow>[]>;
  /** A page of the sends of each of many senders in one statement, by `[createdAt, id]` descending, `first + 1` each. */
  liveGiftSendPagesBySender(senderIds: readonly string[], page: Page): Promise<Owned<LiveGiftSendRow>[]>;
  /** A page of the sends each of many creators received, by `[createdAt, id]` descending, `first + 1` each; one stream's only when given. */
  liveGiftSendPagesByCreator(creatorIds: readonly string[], page: Page, liveStreamId: string | null): Promise<Owned<LiveGiftSendRow>[]>;
  /** A sender's last announced send to a stream, in commit order; undefined before their first. */
  lastSendTo(liveStreamId: string, senderId: string): Promise<LastStreamSend | undefined>;
  /** Diamonds received per creator, as kept (balance + in flight + paid out); creators never gifted have no row. */
  creatorDiamonds(creatorIds: readonly string[]): Promise<{ creatorId: string; diamonds: number }[]>;
  /** Gift totals per stream, as kept; streams without gifts have no row. */
  streamGiftTotals(liveStreamIds: readonly string[]): Promise<StreamGiftTotals[]>;
  /**
   * The top `first` gifters of each of many streams (or creators), by key: senders' kept coins
   * there, most first, ties going to whoever gifted first (then to the lower sender id). A page
   * down each board's rank index.
   */
  topGifters(by: 'liveStream' | 'creator', keys: readonly string[], first: number): Promise<TopGifterRow[]>;
  /**
   * Recounts every kept gift total and leaderboard row from the sends and answers each that
   * differs (none when they agree). Reads all history by nature: `npm run reconcile`, never a request.
   */
  keptCountDifferences(): Promise<KeptCountDifference[]>;

  // Wallets and coin purchases.
  walletsByUserIds(userIds: readonly string[]): Promise<{ userId: string; coins: number }[]>;
  /** Adds coins to a wallet, creating it on first credit. */
  creditWallet(userId: string, coins: number, now: Date): Promise<void>;
  /**
   * Takes coins from a wallet only if it holds enough, in one conditional UPDATE.
   * The new balance, or undefined (and nothing changed) when it does not.
   */
  debitWallet(userId: string, coins: number, now: Date): Promise<number | undefined>;
  coinPurchasesByIds(ids: readonly string[]): Promise<CoinPurchaseRow[]>;
  /** A page of the purchases of each of many buyers in one statement, by `[createdAt, id]` descending, `first + 1` each. */
  coinPurchasePages(userIds: readonly string[], page: Page): Promise<Owned<CoinPurchaseRow>[]>;
  insertCoinPurchase(row: NewCoinPurchase): Promise<CoinPurchaseRow>;
  /** Settles a purchase that is still pending; undefined when something settled it first. */
  settleCoinPurchase(id: string, outcome: PurchaseOutcome, now: Date): Promise<CoinPurchaseRow | undefined>;

  // Creators' own shares.
  creatorGiftSharesByIds(creatorIds: readonly string[]): Promise<CreatorGiftShareRow[]>;
  /** Every creator with a share of their own, by creator id. */
  allCreatorGiftShares(): Promise<CreatorGiftShareRow[]>;
  /** Sets a creator's own share, replacing the one they had. */
  upsertCreatorGiftShare(row: CreatorGiftShareRow): Promise<void>;
  /** Drops a creator's own share (they go back to the default); whether they had one. */
  deleteCreatorGiftShare(creatorId: string): Promise<boolean>;

  // Creators' diamond balances and gift payouts.
  /** Diamonds not yet paid out per creator; creators never gifted have no row. */
  creatorBalancesByIds(creatorIds: readonly string[]): Promise<{ creatorId: string; diamonds: number }[]>;
  /** Adds diamonds to a creator's balance, creating it on first credit. */
  creditCreatorBalance(creatorId: string, diamonds: number, now: Date): Promise<void>;
  /**
   * Takes diamonds from a creator's balance only if it holds enough, in one conditional UPDATE.
   * The new balance, or undefined (and nothing changed) when it does not.
   */
  debitCreatorBalance(creatorId: string, diamonds: number, now: Date): Promise<number | undefined>;
  giftPayoutsByIds(ids: readonly string[]): Promise<GiftPayoutRow[]>;
  insertGiftPayout(row: NewGiftPayout): Promise<GiftPayoutRow>;
  /** Settles a payout still REQUESTED; undefined when something settled it first. */
  settleGiftPayout(id: string, outcome: PayoutOutcome, now: Date): Promise<GiftPayoutRow | undefined>;
  /** Payouts in flight and paid out per creator, as kept with each request and settlement; a creator never gifted has no row. */
  giftPayoutTotals(creatorIds: readonly string[]): Promise<PayoutTotal[]>;
  /** A page of payouts for each of many creators in one statement, by `[createdAt, id]` descending, `first + 1` each. */
  giftPayoutPages(creatorIds: readonly string[], page: Page): Promise<Owned<GiftPayoutRow>[]>;

  // The ledger.
  /** One ledger transaction and its legs; balancing them is the ledger's rule (`ledger.ts`). */
  insertLedgerTransaction(row: LedgerTransactionHead, legs: readonly LedgerLeg[]): Promise<void>;

  // The seed step.
  isEmpty(): Promise<boolean>;
  insertSeedRows(rows: GiftsSeedRows): Promise<void>;
}
