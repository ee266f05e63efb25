/**
 * Gifts' objects found by id alone (entity references: what commerce's `node` asks, and what the
 * gateway fetches after it): the public ones for anyone, the private ones for the people whose
 * lists show them, null for everyone else, exactly as an id nobody has.
 */
import { describe, expect, it } from 'vitest';
import { subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { userIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { giftsSeed, seedGiftsStore } from './db/seed.ts';
import { openGiftsStore } from './db/store.ts';
import { createServer } from './server.ts';

const { entities } = subgraphTestbed({ open: openGiftsStore, createServer, context: createContext, seed: seedGiftsStore });
const seed = giftsSeed();
const { history } = seed;

const as = (userId: string): Viewer => ({ ...anonymousViewer(), userId });
const partner: Viewer = { ...anonymousViewer(), partnerId: 'brd_partner', keyId: 'key_1', scopes: ['analytics:read', 'offers:write'] };

/** The ids the owner resolves for this viewer, in order, null where it answers null. */
async function seenBy(typename: string, ids: readonly string[], viewer: Viewer): Promise<(string | null)[]> {
  const result = await entities(typename, ids, 'id', viewer);
  expect(result.errors).toBeUndefined();
  return (result.data?._entities ?? []).map((entity) => (entity ? (entity.id as string) : null));
}

describe('gifts objects by id (entity references)', () => {
  it('gives a Small Gesture to its sender and its recipient, null to anyone else and for an unknown id', async () => {
    const gesture = history.smallGestures[0];
    if (!gesture?.recipientId) throw new Error('the seed has a Small Gesture sent to a user');
    const stranger = userIds.find((id) => id !== gesture.senderId && id !== gesture.recipientId) as string;
    const ids = [gesture.id, 'sgs_unknown'];
    expect(await seenBy('SmallGesture', ids, as(gesture.senderId))).toEqual([gesture.id, null]);
    expect(await seenBy('SmallGesture', ids, as(gesture.recipientId))).toEqual([gesture.id, null]);
    for (const viewer of [as(stranger), anonymousViewer(), partner]) expect(await seenBy('SmallGesture', ids, viewer)).toEqual([null, null]);
  });

  it("gives a LIVE gift send to its sender and the credited creator, a coin purchase to its buyer and a payout to its creator, null to anyone else", async () => {
    const send = history.liveGiftSends[0];
    const purchase = history.coinPurchases[0];
    const payout = history.giftPayouts[0];
    if (!send || !purchase || !payout) throw new Error('the seed has a send, a purchase and a payout');
    const stranger = userIds.find((id) => ![send.senderId, send.creatorId, purchase.userId, payout.creatorId].includes(id)) as string;
    expect(await seenBy('LiveGiftSend', [send.id, 'lgs_unknown'], as(send.senderId))).toEqual([send.id, null]);
    expect(await seenBy('LiveGiftSend', [send.id], as(send.creatorId))).toEqual([send.id]);
    expect(await seenBy('CoinPurchase', [purchase.id, 'cpu_unknown'], as(purchase.userId))).toEqual([purchase.id, null]);
    expect(await seenBy('GiftPayout', [payout.id, 'gpo_unknown'], as(payout.creatorId))).toEqual([payout.id, null]);
    for (const viewer of [as(stranger), anonymousViewer(), partner]) {
      expect(await seenBy('LiveGiftSend', [send.id], viewer)).toEqual([null]);
      expect(await seenBy('CoinPurchase', [purchase.id], viewer)).toEqual([null]);
      expect(await seenBy('GiftPayout', [payout.id], viewer)).toEqual([null]);
    }
  });

  it('gives offers and LIVE gifts to anyone, null for an unknown id', async () => {
    const offer = seed.giftOffers[0]?.id as string;
    const gift = seed.liveGifts[0]?.id as string;
    expect(await seenBy('GiftOffer', [offer, 'gof_unknown'], anonymousViewer())).toEqual([offer, null]);
    expect(await seenBy('LiveGift', [gift, 'lgf_unknown'], anonymousViewer())).toEqual([gift, null]);
  });
});
