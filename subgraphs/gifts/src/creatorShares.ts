/**
 * Creator shares: how much of a LIVE gift's coins its creator is credited, as diamonds.
 *
 * - Every creator gets the default share, GIFT_DIAMONDS_PER_COIN (1 diamond per 2 coins), unless
 *   they have a share of their own: a row in `creator_gift_shares` (e.g. 53 per 100 for a creator
 *   a program has moved "up to 53 %"). A creator program decides those, not the creator nor a
 *   brand, so an operator sets them (`npm run gift-shares`, `shares-cli.ts`), never the API.
 * - A send takes the share in force inside its own transaction and keeps it on the send with the
 *   diamonds it credited: changing a share changes the next send, never a past one.
 * - A share is a fraction above 0 and at most 1: a creator is never credited more diamonds than
 *   the sender spent coins.
 */
import { requireOwner } from '@app/kit/access';
import type { Context } from './context.ts';
import type { CreatorGiftShareRow } from './db/tables.ts';
import type { GiftsStore, GiftsTx } from './db/store.ts';
import type { GiftRates, Share } from './rates.ts';

/** The share a send to `creatorId` is credited at now, inside the send's transaction. */
export async function shareAtSend(tx: GiftsTx, creatorId: string, rates: GiftRates): Promise<Share> {
  const [own] = await tx.creatorGiftSharesByIds([creatorId]);
  return own ? { diamonds: own.diamonds, coins: own.coins } : rates.diamondsPerCoin;
}

/** The creator's share for their next gift, as a fraction (0.5, 0.53); theirs alone to see. */
export async function currentShare(context: Context, creatorId: string): Promise<number> {
  requireOwner(context.viewer, creatorId, 'Only the creator can see their share of gifts.', 'NOT_THE_CREATOR');
  const share = (await context.loaders.creatorGiftShare.load(creatorId)) ?? context.settings.rates.diamondsPerCoin;
  return share.diamonds / share.coins;
}

/** Gives a creator a share of their own (replacing any they had), from their next send on. */
export async function setCreatorShare(store: GiftsStore, creatorId: string, share: Share, note: string | null, now: Date): Promise<void> {
  if (!/^\S{1,100}$/.test(creatorId)) throw new RangeError(`A creator id is 1 to 100 characters without spaces, got ${JSON.stringify(creatorId)}.`);
  if (!(Number.isSafeInteger(share.diamonds) && Number.isSafeInteger(share.coins) && share.diamonds > 0 && share.diamonds <= share.coins)) {
    throw new RangeError(`A share is a fraction above 0 and at most 1, got ${share.diamonds}/${share.coins}.`);
  }
  await store.transaction((tx) => tx.upsertCreatorGiftShare({ creatorId, diamonds: share.diamonds, coins: share.coins, note, updatedAt: now }));
}

/** Sends a creator back to the default share; whether they had one of their own. */
export function clearCreatorShare(store: GiftsStore, creatorId: string): Promise<boolean> {
  return store.transaction((tx) => tx.deleteCreatorGiftShare(creatorId));
}

/** Every creator with a share of their own. */
export function creatorsWithOwnShares(store: GiftsStore): Promise<CreatorGiftShareRow[]> {
  return store.allCreatorGiftShares();
}
