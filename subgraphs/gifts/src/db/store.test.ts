/** The gifts store's contract, on SQLite and on Postgres: every statement answers the same on both. */
import { expect, it } from 'vitest';
import { describeOnEachEngine } from '@app/kit/db/testing';
import { seedId } from '@app/fixtures/ids';
import { HOUR, SEED_TIME, liveStreamCreatorId, liveStreamIds, userIds } from '@app/fixtures/world';
import { expectPagesBothWays } from '@app/kit/db/paging-testing';
import type { CursorKey, ListPaging } from '@app/kit/pagination';
import { giftOfferSortKey } from '../smallGestures/rules.ts';
import type { GiftOfferRow } from '../mappers.ts';
import { giftsSeed, seedGiftsStore, seedLiveGifts, seedOffers } from './seed.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from './store.ts';

const seed = giftsSeed();
const at = (ms: number) => new Date(ms);
/** A `[time, id]` cursor after a row of a newest-first list. */
const after = (row: { createdAt: Date; id: string }): CursorKey => [row.createdAt.getTime(), row.id];

/** How the newest-first lists page: by `[createdAt, id]`. */
const newestFirst: ListPaging<{ createdAt: Date; id: string }> = { arity: 2, keyOf: (row) => [row.createdAt.getTime(), row.id] };

/** Users no seeded row and no other test here names. */
const fresh = (n: number) => `usr_contract_${n}`;

describeOnEachEngine<GiftsStore>(
  'gifts store',
  { sqlite: openGiftsStore, postgres: openGiftsPgStore },
  (store) => {
    it('pages every offer active first, then by title and id, with a [flag, title, id] cursor: no repeats or gaps', async () => {
      const seen: string[] = [];
      let cursor: CursorKey | null = null;
      for (;;) {
        const rows = await store().giftOffersPage({ first: 2, after: cursor });
        const page = rows.slice(0, 2);
        seen.push(...page.map((row) => row.id));
        if (rows.length <= 2) break;
        const last = page[page.length - 1]!;
        cursor = [last.active ? 1 : 0, last.title, last.id];
      }
      expect(seen).toHaveLength(seedOffers.length);
      expect(new Set(seen).size).toBe(seedOffers.length);
      const offers = await store().giftOffersByIds(seen);
      const byId = new Map(offers.map((offer) => [offer.id, offer]));
      const ordered = seen.map((id) => byId.get(id)!);
      // Every active offer before every paused one.
      expect(ordered.map((offer) => offer.active)).toEqual([...ordered.map((offer) => offer.active)].sort((a, b) => Number(b) - Number(a)));
      expect(ordered[0]!.regions).toEqual(['US']);
      expect(ordered[0]!.startsAt).toBeInstanceOf(Date);
    });

    it("lists the offers open at a moment, and pages a brand's offers newest first by a time cursor", async () => {
      const open = await store().offersOpenAt(at(SEED_TIME));
      expect(open.map((offer) => offer.title)).toEqual(
        seedOffers
          .filter((offer) => offer.active && offer.startsAt <= SEED_TIME && (offer.endsAt === null || SEED_TIME < offer.endsAt))
          .map((offer) => offer.title)
          .sort(),
      );
      // Before the offer that started last, it is not open yet.
      expect((await store().offersOpenAt(at(SEED_TIME - 15 * 24 * HOUR))).map((offer) => offer.id)).not.toContain(seedId('gof', 3));

      const brandId = seedOffers[2]!.brand.id;
      const ofBrand = seedOffers.filter((offer) => offer.brand.id === brandId);
      expect(ofBrand.length).toBeGreaterThan(1);
      const first = await store().giftOfferPagesByBrand([brandId, 'brd_none'], { first: 1, after: null });
      expect(first.map((row) => row.ownerId)).toEqual([brandId, brandId]);
      expect(first[0]!.node.startsAt.getTime()).toBe(Math.max(...ofBrand.map((offer) => offer.startsAt)));
      const next = await store().giftOfferPagesByBrand([brandId], { first: 1, after: [first[0]!.node.startsAt.getTime(), first[0]!.node.id] });
      expect(next[0]!.node.id).toBe(first[1]!.node.id);
      expect(next[0]!.node.startsAt.getTime()).toBeLessThan(first[0]!.node.startsAt.getTime());
    });

    it('counts codes left per offer as numbers, adds codes, and claims each code once, lowest id first', async () => {
      const offerId = seedId('gof', 3);
      const taken = seed.history.smallGestures.filter((gesture) => gesture.offerId === offerId).length;
      const [left] = await store().unclaimedCodeCounts([offerId], at(SEED_TIME));
      expect(left).toEqual({ key: offerId, count: seedOffers[3]!.codeCount - taken });
      expect(await store().unclaimedCodeCounts([], at(SEED_TIME))).toEqual([]);

      const offer = await store().insertOffer({ id: 'gof_contract_codes', brandId: 'brd_contract', title: 'Codes', description: '', retailValueAmount: 100, regions: ['US'], startsAt: at(SEED_TIME) });
      expect(offer).toMatchObject({ active: true, currency: 'USD', endsAt: null });
      await store().insertCodes(offer.id, ['CODE-0001', 'CODE-0002', 'CODE-0003']);
      expect((await store().existingCodes(offer.id, ['CODE-0002', 'CODE-9999'])).sort()).toEqual(['CODE-0002']);
      // Another offer's pool is not asked.
      expect(await store().existingCodes(seedId('gof', 0), ['CODE-0002'])).toEqual([]);

      const claimed = await store().transaction((tx) => tx.claimCode(offer.id, at(SEED_TIME)));
      expect(claimed?.code).toBe('CODE-0001');
      expect(await store().codeById(claimed!.id)).toBe('CODE-0001');
      expect(await store().unclaimedCodeCounts([offer.id], at(SEED_TIME))).toEqual([{ key: offer.id, count: 2 }]);
      await store().claimCode(offer.id, at(SEED_TIME));
      await store().claimCode(offer.id, at(SEED_TIME));
      expect(await store().claimCode(offer.id, at(SEED_TIME))).toBeUndefined();
      expect(await store().unclaimedCodeCounts([offer.id], at(SEED_TIME))).toEqual([]);
    });

    it('pauses and ends an offer, answering the offer after the change', async () => {
      const offer = await store().insertOffer({ id: 'gof_contract_life', brandId: 'brd_contract', title: 'Life', description: '', retailValueAmount: 0, regions: ['US'], startsAt: at(SEED_TIME) });
      expect(await store().setOfferActive(offer.id, false)).toMatchObject({ id: offer.id, active: false });
      const end = at(SEED_TIME + HOUR);
      expect((await store().setOfferEndsAt(offer.id, end))?.endsAt).toEqual(end);
      expect((await store().setOfferEndsAt(offer.id, null))?.endsAt).toBeNull();
      expect(await store().setOfferActive('gof_missing', true)).toBeUndefined();
    });

    it('counts a claim link against its sender and its pool until it lapses, then gives code and slot back once', async () => {
      const offer = await store().insertOffer({ id: 'gof_contract_links', brandId: 'brd_contract', title: 'Links', description: '', retailValueAmount: 0, regions: ['US'], startsAt: at(SEED_TIME) });
      await store().insertCodes(offer.id, ['LINK-0001', 'LINK-0002']);
      const sender = fresh(1);
      const sentAt = SEED_TIME + HOUR;
      const expiresAt = sentAt + 72 * HOUR;
      const link = await store().transaction(async (tx) => {
        const code = await tx.claimCode(offer.id, at(sentAt));
        return tx.insertSmallGesture({ id: 'sgs_contract_link', offerId: offer.id, codeId: code!.id, senderId: sender, senderSlot: 1, recipientId: null, message: 'for you', createdAt: at(sentAt), claimExpiresAt: at(expiresAt) });
      });
      expect(link).toMatchObject({ recipientId: null, redeemedAt: null, claimExpiresAt: at(expiresAt) });

      const before = at(expiresAt - 1);
      const lapsed = at(expiresAt);
      expect(await store().smallGestureSentCounts([sender], before)).toEqual([{ key: sender, count: 1 }]);
      expect(await store().unclaimedCodeCounts([offer.id], before)).toEqual([{ key: offer.id, count: 1 }]);
      expect(await store().offerStats([offer.id], before)).toEqual([{ offerId: offer.id, sent: 1, redeemed: 0 }]);
      // Expired by its timestamp alone: reads count it given back before any write does.
      expect(await store().smallGestureSentCounts([sender], lapsed)).toEqual([]);
      expect(await store().unclaimedCodeCounts([offer.id], lapsed)).toEqual([{ key: offer.id, count: 2 }]);
      expect(await store().offerStats([offer.id], lapsed)).toEqual([]);
      expect(await store().claimSmallGesture(link.id, fresh(2), lapsed)).toBeUndefined();

      expect(await store().senderSlotsTaken(sender)).toEqual([1]);
      expect(await store().transaction((tx) => tx.releaseLapsedClaims(sender, offer.id, before))).toBe(0);
      expect(await store().transaction((tx) => tx.releaseLapsedClaims('nobody', offer.id, lapsed))).toBe(1);
      expect(await store().senderSlotsTaken(sender)).toEqual([]);
      expect((await store().smallGesturesByIds([link.id]))[0]).toMatchObject({ codeId: null, senderSlot: null });
      expect(await store().releaseLapsedClaims(sender, offer.id, lapsed)).toBe(0);
      // The code is back in the pool: the next claim takes it again.
      expect((await store().claimCode(offer.id, lapsed))?.code).toBe('LINK-0001');
    });

    it('claims a link once, redeems a gift once, and pages inboxes and sent lists newest first by a time cursor', async () => {
      const offerId = seedId('gof', 0);
      const sender = fresh(3);
      const recipient = fresh(4);
      const sent = await store().transaction(async (tx) => {
        const rows = [];
        for (let i = 0; i < 3; i++) {
          const code = await tx.claimCode(offerId, at(SEED_TIME + i * HOUR));
          rows.push(
            await tx.insertSmallGesture({
              id: `sgs_contract_${i}`,
              offerId,
              codeId: code!.id,
              senderId: sender,
              senderSlot: i + 1,
              recipientId: i === 2 ? null : recipient,
              message: `gift ${i}`,
              createdAt: at(SEED_TIME + i * HOUR),
              claimExpiresAt: i === 2 ? at(SEED_TIME + 100 * HOUR) : null,
            }),
          );
        }
        return rows;
      });
      const claimAt = at(SEED_TIME + 5 * HOUR);
      expect(await store().claimSmallGesture(sent[2]!.id, recipient, claimAt)).toMatchObject({ recipientId: recipient, claimedAt: claimAt });
      expect(await store().claimSmallGesture(sent[2]!.id, fresh(5), claimAt)).toBeUndefined();

      const inbox = await store().inboxPages([recipient, fresh(5)], { first: 2, after: null });
      expect(inbox.map((row) => [row.ownerId, row.node.id])).toEqual([
        [recipient, sent[2]!.id],
        [recipient, sent[1]!.id],
        [recipient, sent[0]!.id],
      ]);
      const rest = await store().inboxPages([recipient], { first: 2, after: after(inbox[1]!.node) });
      expect(rest.map((row) => row.node.id)).toEqual([sent[0]!.id]);
      const own = await store().smallGestureSentPages([sender], { first: 1, after: after(sent[2]!) });
      expect(own.map((row) => row.node.id)).toEqual([sent[1]!.id, sent[0]!.id]);

      const redeemedAt = at(SEED_TIME + 6 * HOUR);
      expect(await store().markRedeemed(sent[0]!.id, redeemedAt)).toMatchObject({ redeemedAt });
      expect(await store().markRedeemed(sent[0]!.id, at(SEED_TIME + 7 * HOUR))).toBeUndefined();
      expect((await store().smallGesturesByIds([sent[0]!.id]))[0]!.redeemedAt).toEqual(redeemedAt);
    });

    it("refuses a send past the sender's slots and a message past the limit: the table's own last line", async () => {
      const offerId = seedId('gof', 1);
      const sender = fresh(6);
      let sends = 0;
      const gesture = (slot: number, message = 'hi') =>
        store().transaction(async (tx) => {
          const code = await tx.claimCode(offerId, at(SEED_TIME));
          return tx.insertSmallGesture({ id: `sgs_contract_slot_${++sends}`, offerId, codeId: code!.id, senderId: sender, senderSlot: slot, recipientId: fresh(7), message, createdAt: at(SEED_TIME) });
        });
      const left = async () => (await store().unclaimedCodeCounts([offerId], at(SEED_TIME)))[0]!.count;
      const before = await left();
      await gesture(1);
      await expect(gesture(1)).rejects.toThrow();
      await expect(gesture(4)).rejects.toThrow();
      await expect(gesture(2, 'x'.repeat(151))).rejects.toThrow();
      // Each refused insert rolled its claimed code back with it.
      expect(await left()).toBe(before - 1);
    });

    it("answers each stream's latest sends, newest first, a few per stream in one call", async () => {
      const streams = [liveStreamIds[0]!, liveStreamIds[1]!];
      const rows = await store().recentLiveGiftSends([...streams, 'liv_none'], 3);
      for (const stream of streams) {
        const newest = seed.history.liveGiftSends
          .filter((send) => send.liveStreamId === stream)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
          .slice(0, 3)
          .map((send) => send.id);
        expect(newest.length).toBe(3);
        expect(rows.filter((row) => row.ownerId === stream).map((row) => row.node.id)).toEqual(newest);
      }
      expect(rows.filter((row) => row.ownerId === 'liv_none')).toEqual([]);
      expect(await store().recentLiveGiftSends([streams[0]!], 0)).toEqual([]);
    });

    it("answers the catalog cheapest first, and a stream's totals, a creator's diamonds and leaderboards as numbers", async () => {
      const catalog = await store().liveGiftCatalog();
      expect(catalog.map((gift) => gift.name)).toEqual(seedLiveGifts.map((gift) => gift.name));
      expect(await store().liveGiftsByIds([seedId('lgf', 0), 'lgf_none'])).toEqual([catalog[0]]);

      const stream = liveStreamIds[0]!;
      const sends = seed.history.liveGiftSends.filter((send) => send.liveStreamId === stream);
      const [totals] = await store().streamGiftTotals([stream, 'liv_none']);
      expect(totals).toEqual({
        liveStreamId: stream,
        coins: sends.reduce((sum, send) => sum + send.coins, 0),
        diamonds: sends.reduce((sum, send) => sum + send.diamonds, 0),
        giftCount: sends.reduce((sum, send) => sum + send.quantity, 0),
        gifterCount: new Set(sends.map((send) => send.senderId)).size,
      });
      const creator = liveStreamCreatorId(0);
      expect(await store().creatorDiamonds([creator, 'usr_none'])).toEqual([
        { creatorId: creator, diamonds: seed.history.liveGiftSends.filter((send) => send.creatorId === creator).reduce((sum, send) => sum + send.diamonds, 0) },
      ]);

      const board = await store().topGifters('liveStream', [stream], 10);
      expect(board.map((row) => row.rank)).toEqual(sends.map((_, i) => i + 1));
      expect(board.every((row) => typeof row.coins === 'number' && typeof row.rank === 'number')).toBe(true);
      for (let i = 1; i < board.length; i++) expect(board[i]!.coins).toBeLessThanOrEqual(board[i - 1]!.coins);
      expect(board[0]).toMatchObject({ key: stream, coins: Math.max(...sends.map((send) => send.coins)) });
      expect(await store().topGifters('liveStream', [stream], 2)).toEqual(board.slice(0, 2));
      expect((await store().topGifters('creator', [creator], 1))[0]).toEqual({ ...board[0], key: creator });
    });

    it("keeps a stream's totals and leaderboards with each send, ties to who gifted first, then to the lower sender id, and pages receipts by a time cursor", async () => {
      const creator = fresh(10);
      const stream = 'liv_contract_board';
      const send = (n: number, senderId: string, coins: number, liveStreamId = stream) =>
        store().insertLiveGiftSend({ id: `lgs_contract_${n}`, senderId, creatorId: creator, liveStreamId, giftId: seedId('lgf', 0), quantity: coins, coins, diamonds: Math.floor(coins / 2), createdAt: at(SEED_TIME + n * 1000) });
      // Each send answers its stream's totals right after it.
      expect(await send(1, fresh(12), 10)).toEqual({ coins: 10, diamonds: 5, giftCount: 10, gifterCount: 1 });
      expect(await send(2, fresh(11), 10)).toEqual({ coins: 20, diamonds: 10, giftCount: 20, gifterCount: 2 });
      await send(3, fresh(13), 4);
      await send(4, fresh(13), 8, 'liv_contract_other');
      // A sender's second send to the stream adds to the totals, not to its gifters.
      expect(await send(5, fresh(13), 2)).toEqual({ coins: 26, diamonds: 13, giftCount: 26, gifterCount: 3 });
      expect(await store().streamGiftTotals([stream, 'liv_contract_other', 'liv_none'])).toEqual(
        expect.arrayContaining([
          { liveStreamId: stream, coins: 26, diamonds: 13, giftCount: 26, gifterCount: 3 },
          { liveStreamId: 'liv_contract_other', coins: 8, diamonds: 4, giftCount: 8, gifterCount: 1 },
        ]),
      );
      expect(await store().streamGiftTotals([stream, 'liv_contract_other', 'liv_none'])).toHaveLength(2);
      // 12 and 11 tie on coins: 12 gifted first.
      expect((await store().topGifters('liveStream', [stream], 10)).map((row) => [row.userId, row.coins, row.rank])).toEqual([
        [fresh(12), 10, 1],
        [fresh(11), 10, 2],
        [fresh(13), 6, 3],
      ]);
      // A tie on coins and on the moment goes to the lower sender id.
      const tie = 'liv_contract_tie';
      for (const senderId of [fresh(15), fresh(14)]) {
        await store().insertLiveGiftSend({ id: `lgs_contract_tie_${senderId}`, senderId, creatorId: fresh(16), liveStreamId: tie, giftId: seedId('lgf', 0), quantity: 1, coins: 5, diamonds: 2, createdAt: at(SEED_TIME) });
      }
      expect((await store().topGifters('liveStream', [tie], 10)).map((row) => [row.userId, row.rank])).toEqual([
        [fresh(14), 1],
        [fresh(15), 2],
      ]);
      expect((await store().topGifters('liveStream', [stream, 'liv_contract_other'], 1)).map((row) => [row.key, row.userId, row.rank])).toEqual([
        [stream, fresh(12), 1],
        ['liv_contract_other', fresh(13), 1],
      ]);
      expect(await store().topGifters('liveStream', [stream], 0)).toEqual([]);
      expect((await store().topGifters('creator', [creator], 1)).map((row) => [row.userId, row.coins])).toEqual([[fresh(13), 14]]);

      const all = await store().liveGiftSendPagesByCreator([creator], { first: 2, after: null }, null);
      expect(all.map((row) => row.node.id)).toEqual(['lgs_contract_5', 'lgs_contract_4', 'lgs_contract_3']);
      const later = await store().liveGiftSendPagesByCreator([creator], { first: 2, after: after(all[1]!.node) }, null);
      expect(later.map((row) => row.node.id)).toEqual(['lgs_contract_3', 'lgs_contract_2', 'lgs_contract_1']);
      const ofStream = await store().liveGiftSendPagesByCreator([creator], { first: 5, after: null }, stream);
      expect(ofStream.map((row) => row.node.id)).toEqual(['lgs_contract_5', 'lgs_contract_3', 'lgs_contract_2', 'lgs_contract_1']);
      const bySender = await store().liveGiftSendPagesBySender([fresh(13)], { first: 1, after: after(all[1]!.node) });
      expect(bySender.map((row) => row.node.id)).toEqual(['lgs_contract_3']);
    });

    it("keeps exact totals and gifters when many senders' sends to one stream race, each in a transaction of its own", async () => {
      const stream = 'liv_contract_race';
      const creator = fresh(30);
      const senders = [31, 32, 33, 34, 35, 36].map(fresh);
      // Each sender sends three times at once, as quick taps would; no send waits for another.
      const sends = senders.flatMap((senderId, s) => [1, 2, 3].map((n) => ({ senderId, coins: (s + 1) * n, quantity: n, id: `lgs_contract_race_${s}_${n}` })));
      await Promise.all(
        sends.map((one) =>
          store().transaction((tx) =>
            tx.insertLiveGiftSend({ id: one.id, senderId: one.senderId, creatorId: creator, liveStreamId: stream, giftId: seedId('lgf', 0), quantity: one.quantity, coins: one.coins, diamonds: one.coins, createdAt: at(SEED_TIME) }),
          ),
        ),
      );
      const coins = sends.reduce((sum, one) => sum + one.coins, 0);
      expect(await store().streamGiftTotals([stream])).toEqual([{ liveStreamId: stream, coins, diamonds: coins, giftCount: senders.length * 6, gifterCount: senders.length }]);
      const board = await store().topGifters('liveStream', [stream], senders.length);
      expect(board.map((row) => [row.userId, row.coins])).toEqual(senders.map((senderId, s) => [senderId, (s + 1) * 6]).reverse());
      expect(await store().topGifters('creator', [creator], senders.length)).toEqual(board.map((row) => ({ ...row, key: creator })));
      // Every kept row agrees with a recount of the sends, the seeded ones' included.
      expect(await store().keptCountDifferences()).toEqual([]);
    });

    it("finds a sender's last announced send to a stream by its event number, not its time", async () => {
      const stream = 'liv_contract_combo';
      const sender = fresh(20);
      expect(await store().lastSendTo(stream, sender)).toBeUndefined();
      const send = (n: number, giftIndex: number, createdAt: number, combo: number, eventSeq: number | null) =>
        store().insertLiveGiftSend({ id: `lgs_contract_combo_${n}`, senderId: sender, creatorId: fresh(21), liveStreamId: stream, giftId: seedId('lgf', giftIndex), quantity: 1, coins: 1, diamonds: 0, createdAt: at(createdAt), combo, eventSeq });
      // Never announced (a send from before gift events, as the large world's bulk): no send counts.
      await send(0, 2, SEED_TIME + 9_000, 5, null);
      expect(await store().lastSendTo(stream, sender)).toBeUndefined();
      // Recorded with their event numbers, the later number with the earlier time.
      await send(1, 0, SEED_TIME + 5_000, 1, 1);
      await send(2, 1, SEED_TIME, 2, 2);
      expect(await store().lastSendTo(stream, sender)).toEqual({ senderId: sender, giftId: seedId('lgf', 1), createdAt: at(SEED_TIME), combo: 2 });
      expect((await store().liveGiftSendsByIds(['lgs_contract_combo_2']))[0]!.eventSeq).toBe(2);
    });

    it('credits a wallet, debits it only while it covers the debit, and rolls a failed write back whole', async () => {
      const user = fresh(30);
      expect(await store().walletsByUserIds([user])).toEqual([]);
      await store().creditWallet(user, 70, at(SEED_TIME));
      await store().creditWallet(user, 30, at(SEED_TIME));
      expect(await store().debitWallet(user, 101, at(SEED_TIME))).toBeUndefined();
      expect(await store().debitWallet(user, 40, at(SEED_TIME))).toBe(60);
      expect(await store().debitWallet('usr_no_wallet', 1, at(SEED_TIME))).toBeUndefined();
      await expect(
        store().transaction(async (tx) => {
          await tx.debitWallet(user, 60, at(SEED_TIME));
          await tx.creditCreatorBalance(fresh(31), 30, at(SEED_TIME));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store().walletsByUserIds([user])).toEqual([{ userId: user, coins: 60 }]);
      expect(await store().creatorBalancesByIds([fresh(31)])).toEqual([]);
    });

    it('lets exactly one of two transactions racing for the last coins win', async () => {
      const user = fresh(32);
      await store().creditWallet(user, 50, at(SEED_TIME));
      const spend = (n: number) =>
        store().transaction(async (tx) => {
          const [wallet] = await tx.walletsByUserIds([user]);
          // Both read the balance before either debits: the debit's guard decides.
          await new Promise((resolve) => setTimeout(resolve, 10));
          const left = await tx.debitWallet(user, 50, at(SEED_TIME));
          if (left === undefined) return `refused ${n} (saw ${wallet?.coins})`;
          await tx.insertLedgerTransaction({ id: `ltx_contract_race_${n}`, kind: 'LIVE_GIFT', referenceId: `lgs_contract_race_${n}`, createdAt: at(SEED_TIME) }, [
            { account: `wallet:${user}`, unit: 'COIN', amount: -50 },
            { account: 'platform:gift-revenue', unit: 'COIN', amount: 50 },
          ]);
          return 'won';
        });
      const outcomes = await Promise.all([spend(1), spend(2)]);
      expect(outcomes.filter((outcome) => outcome === 'won')).toHaveLength(1);
      expect(await store().walletsByUserIds([user])).toEqual([{ userId: user, coins: 0 }]);
    });

    it('lets exactly one of two transactions racing for the last code of a pool claim it', async () => {
      const offer = await store().insertOffer({ id: 'gof_contract_race', brandId: 'brd_contract', title: 'Race', description: '', retailValueAmount: 0, regions: ['US'], startsAt: at(SEED_TIME) });
      await store().insertCodes(offer.id, ['LAST-0001']);
      const take = (n: number) =>
        store().transaction(async (tx) => {
          const [left] = await tx.unclaimedCodeCounts([offer.id], at(SEED_TIME));
          await new Promise((resolve) => setTimeout(resolve, 10));
          const code = await tx.claimCode(offer.id, at(SEED_TIME));
          if (!code) return { n, left: left?.count ?? 0, code: null };
          await tx.insertSmallGesture({ id: `sgs_contract_race_${n}`, offerId: offer.id, codeId: code.id, senderId: fresh(40 + n), senderSlot: 1, recipientId: fresh(50), message: 'last one', createdAt: at(SEED_TIME) });
          return { n, left: left?.count ?? 0, code: code.code };
        });
      const outcomes = await Promise.all([take(1), take(2)]);
      expect(outcomes.map((outcome) => outcome.code).filter(Boolean)).toEqual(['LAST-0001']);
      expect(await store().unclaimedCodeCounts([offer.id], at(SEED_TIME))).toEqual([]);
      expect(await store().offerStats([offer.id], at(SEED_TIME))).toEqual([{ offerId: offer.id, sent: 1, redeemed: 0 }]);
    });

    it('records a coin purchase pending, settles it once, and pages purchases newest first', async () => {
      const user = fresh(60);
      const purchase = (n: number) =>
        store().insertCoinPurchase({ id: `cpu_contract_${n}`, userId: user, packageId: 'cpk_70', coins: 70, priceAmount: 99, currency: 'USD', status: 'PENDING', createdAt: at(SEED_TIME + n * 1000) });
      const first = await purchase(1);
      await purchase(2);
      expect(first).toMatchObject({ status: 'PENDING', settledAt: null, paymentMethod: null });
      const settledAt = at(SEED_TIME + HOUR);
      expect(await store().settleCoinPurchase(first.id, { status: 'COMPLETED', providerChargeId: 'ch_contract_1' }, settledAt)).toMatchObject({ status: 'COMPLETED', providerChargeId: 'ch_contract_1', settledAt });
      expect(await store().settleCoinPurchase(first.id, { status: 'DECLINED', declineReason: 'late' }, settledAt)).toBeUndefined();
      expect(await store().settleCoinPurchase('cpu_contract_2', { status: 'DECLINED', declineReason: 'card_declined' }, settledAt)).toMatchObject({ status: 'DECLINED', declineReason: 'card_declined' });

      const page = await store().coinPurchasePages([user], { first: 1, after: null });
      expect(page.map((row) => row.node.id)).toEqual(['cpu_contract_2', 'cpu_contract_1']);
      expect((await store().coinPurchasePages([user], { first: 1, after: after(page[0]!.node) })).map((row) => row.node.id)).toEqual(['cpu_contract_1']);
      expect((await store().coinPurchasesByIds([first.id]))[0]!.status).toBe('COMPLETED');
    });

    it("sets, replaces and clears a creator's own share", async () => {
      const creator = fresh(70);
      await store().upsertCreatorGiftShare({ creatorId: creator, diamonds: 53, coins: 100, note: 'program', updatedAt: at(SEED_TIME) });
      await store().upsertCreatorGiftShare({ creatorId: creator, diamonds: 3, coins: 5, note: null, updatedAt: at(SEED_TIME + HOUR) });
      expect(await store().creatorGiftSharesByIds([creator])).toEqual([{ creatorId: creator, diamonds: 3, coins: 5, note: null, updatedAt: at(SEED_TIME + HOUR) }]);
      expect((await store().allCreatorGiftShares()).map((row) => row.creatorId)).toContain(creator);
      await expect(store().upsertCreatorGiftShare({ creatorId: fresh(71), diamonds: 6, coins: 5, note: null, updatedAt: at(SEED_TIME) })).rejects.toThrow();
      expect(await store().deleteCreatorGiftShare(creator)).toBe(true);
      expect(await store().deleteCreatorGiftShare(creator)).toBe(false);
      expect(await store().creatorGiftSharesByIds([creator])).toEqual([]);
    });

    it('takes diamonds for a payout only while the balance covers them, settles it once, and sums payouts per status as numbers', async () => {
      const creator = fresh(80);
      // Earned as a creator earns: a gift send credits the balance (and the kept earnings agree with it at the end).
      await store().transaction((tx) =>
        tx.insertLiveGiftSend({ id: 'lgs_contract_payouts', senderId: fresh(81), creatorId: creator, liveStreamId: 'liv_contract_payouts', giftId: seedId('lgf', 0), quantity: 1, coins: 10_000, diamonds: 5_000, combo: 1, createdAt: at(SEED_TIME), shareDiamonds: 1, shareCoins: 2 }),
      );
      expect(await store().debitCreatorBalance(creator, 5_001, at(SEED_TIME))).toBeUndefined();
      expect(await store().debitCreatorBalance(creator, 4_000, at(SEED_TIME))).toBe(1_000);
      const payout = (n: number, diamonds: number, amount: number) =>
        store().insertGiftPayout({ id: `gpo_contract_${n}`, creatorId: creator, diamonds, amount, currency: 'USD', diamondsPerDollar: 200, status: 'REQUESTED', createdAt: at(SEED_TIME + n * 1000) });
      await payout(1, 2_000, 1_000);
      await payout(2, 1_000, 500);
      await payout(3, 1_000, 500);
      const settledAt = at(SEED_TIME + HOUR);
      expect(await store().settleGiftPayout('gpo_contract_1', { status: 'PAID', providerPayoutId: 'po_contract_1' }, settledAt)).toMatchObject({ status: 'PAID', settledAt });
      expect(await store().settleGiftPayout('gpo_contract_1', { status: 'FAILED', failureReason: 'late' }, settledAt)).toBeUndefined();
      await store().settleGiftPayout('gpo_contract_3', { status: 'FAILED', failureReason: 'closed' }, settledAt);
      // A failed payout's diamonds go back to the balance, as the payouts module does in the same transaction.
      await store().creditCreatorBalance(creator, 1_000, settledAt);

      const totals = await store().giftPayoutTotals([creator]);
      expect(totals.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
        { creatorId: creator, status: 'PAID', diamonds: 2_000, amount: 1_000 },
        { creatorId: creator, status: 'REQUESTED', diamonds: 1_000, amount: 500 },
      ]);
      const page = await store().giftPayoutPages([creator], { first: 2, after: null });
      expect(page.map((row) => row.node.id)).toEqual(['gpo_contract_3', 'gpo_contract_2', 'gpo_contract_1']);
      expect((await store().giftPayoutPages([creator], { first: 2, after: after(page[1]!.node) })).map((row) => row.node.id)).toEqual(['gpo_contract_1']);
      expect((await store().giftPayoutsByIds(['gpo_contract_3']))[0]).toMatchObject({ status: 'FAILED', failureReason: 'closed' });
    });

    it('posts a ledger transaction once per reference, and a rolled-back one leaves nothing behind', async () => {
      const legs = [
        { account: 'system:coin-sales', unit: 'COIN' as const, amount: -70 },
        { account: `wallet:${fresh(90)}`, unit: 'COIN' as const, amount: 70 },
      ];
      const head = (id: string) => ({ id, kind: 'COIN_PURCHASE' as const, referenceId: 'cpu_contract_ledger', createdAt: at(SEED_TIME) });
      await expect(
        store().transaction(async (tx) => {
          await tx.insertLedgerTransaction(head('ltx_contract_a'), legs);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      // The reference is free again: the rolled-back transaction took its legs with it.
      await store().transaction((tx) => tx.insertLedgerTransaction(head('ltx_contract_b'), legs));
      await expect(store().transaction((tx) => tx.insertLedgerTransaction(head('ltx_contract_c'), legs))).rejects.toThrow();
      // A leg of nothing is refused by the table.
      await expect(
        store().transaction((tx) => tx.insertLedgerTransaction({ ...head('ltx_contract_d'), referenceId: 'cpu_contract_zero' }, [{ account: 'system:coin-sales', unit: 'COIN', amount: 0 }])),
      ).rejects.toThrow();
    });

    it('seeds an empty store once: the history, and the codes its Small Gestures took', async () => {
      expect(await store().isEmpty()).toBe(false);
      await seedGiftsStore(store());
      const gestures = await store().smallGesturesByIds(seed.history.smallGestures.map((gesture) => gesture.id));
      expect(gestures).toHaveLength(seed.history.smallGestures.length);
      for (const gesture of gestures) {
        const named = seed.history.smallGestures.find((row) => row.id === gesture.id)!;
        expect(await store().codeById(gesture.codeId!)).toBe(named.code);
      }
      expect(await store().walletsByUserIds(seed.history.wallets.map((wallet) => wallet.userId))).toHaveLength(seed.history.wallets.length);
      expect((await store().giftPayoutsByIds([seedId('gpo', 0)]))[0]).toMatchObject({ status: 'PAID', creatorId: liveStreamCreatorId(0) });
      expect(userIds).toContain(seed.history.wallets[0]!.userId);
    });

    it('pages every list both ways: read backward (`last`/`before`) it is the list read forward, no row twice, pageInfo right at both ends', async () => {
      const nodes = <R>(rows: readonly { node: R }[]) => rows.map((row) => row.node);
      /** The owner with the most rows of a seeded list: the longest walk. */
      const busiest = <R>(rows: readonly R[], owner: (row: R) => string) => {
        const counts = new Map<string, number>();
        for (const row of rows) counts.set(owner(row), (counts.get(owner(row)) ?? 0) + 1);
        return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      };
      const history = seed.history;
      for (const size of [1, 2, 5]) {
        const offers = await expectPagesBothWays({ arity: 3, keyOf: giftOfferSortKey }, (page) => store().giftOffersPage(page), size);
        expect(offers.length).toBeGreaterThanOrEqual(seedOffers.length);
        const brandId = seedOffers[2]!.brand.id;
        const ofBrand = await expectPagesBothWays({ arity: 2, keyOf: (offer: GiftOfferRow) => [offer.startsAt.getTime(), offer.id] }, async (page) => nodes(await store().giftOfferPagesByBrand([brandId], page)), size);
        expect(ofBrand.length).toBeGreaterThanOrEqual(seedOffers.filter((offer) => offer.brand.id === brandId).length);

        const sender = busiest(history.smallGestures, (row) => row.senderId);
        const recipient = busiest(history.smallGestures.filter((row) => row.recipientId !== null), (row) => row.recipientId!);
        expect(await expectPagesBothWays(newestFirst, async (page) => nodes(await store().smallGestureSentPages([sender], page)), size)).not.toHaveLength(0);
        expect(await expectPagesBothWays(newestFirst, async (page) => nodes(await store().inboxPages([recipient], page)), size)).not.toHaveLength(0);

        const gifter = busiest(history.liveGiftSends, (row) => row.senderId);
        const creator = busiest(history.liveGiftSends, (row) => row.creatorId);
        const stream = busiest(history.liveGiftSends.filter((row) => row.creatorId === creator), (row) => row.liveStreamId);
        expect(await expectPagesBothWays(newestFirst, async (page) => nodes(await store().liveGiftSendPagesBySender([gifter], page)), size)).toHaveLength(history.liveGiftSends.filter((row) => row.senderId === gifter).length);
        const received = await expectPagesBothWays(newestFirst, async (page) => nodes(await store().liveGiftSendPagesByCreator([creator], page, null)), size);
        expect(received.length).toBeGreaterThanOrEqual(history.liveGiftSends.filter((row) => row.creatorId === creator).length);
        const ofStream = await expectPagesBothWays(newestFirst, async (page) => nodes(await store().liveGiftSendPagesByCreator([creator], page, stream)), size);
        expect(ofStream.every((send) => send.liveStreamId === stream)).toBe(true);

        const buyer = busiest(history.coinPurchases, (row) => row.userId);
        expect(await expectPagesBothWays(newestFirst, async (page) => nodes(await store().coinPurchasePages([buyer], page)), size)).not.toHaveLength(0);
        const paid = busiest(history.giftPayouts, (row) => row.creatorId);
        expect(await expectPagesBothWays(newestFirst, async (page) => nodes(await store().giftPayoutPages([paid], page)), size)).not.toHaveLength(0);
      }
    });

    // Last: it leaves the store with a send its kept rows never saw.
    it('finds the kept totals and leaderboard rows that disagree with the sends behind them', async () => {
      const stream = liveStreamIds[0]!;
      const creator = liveStreamCreatorId(0);
      const [totals] = await store().streamGiftTotals([stream]);
      const [earned] = await store().creatorDiamonds([creator]);
      const sender = fresh(40);
      // The seed step inserts sends with kept rows it worked out itself: a send slipped in that way is not kept.
      const stray = { id: 'lgs_contract_stray', senderId: sender, creatorId: creator, liveStreamId: stream, giftId: seedId('lgf', 0), quantity: 2, coins: 10, diamonds: 5, createdAt: at(SEED_TIME) };
      await store().transaction((tx) =>
        tx.insertSeedRows({ giftOffers: [], giftOfferCodes: [], liveGifts: [], coinPurchases: [], wallets: [], liveGiftSends: [stray], liveStreamGiftTotals: [], liveStreamGifters: [], creatorGifters: [], creatorBalances: [], giftPayouts: [], ledgerTransactions: [], ledgerEntries: [], smallGestures: [] }),
      );
      const differences = await store().keptCountDifferences();
      expect(differences).toHaveLength(11);
      expect(differences).toEqual(
        expect.arrayContaining([
          { count: 'LiveStream.giftTotals.coins', key: stream, kept: totals!.coins, recounted: totals!.coins + 10 },
          { count: 'LiveStream.giftTotals.diamonds', key: stream, kept: totals!.diamonds, recounted: totals!.diamonds + 5 },
          { count: 'LiveStream.giftTotals.giftCount', key: stream, kept: totals!.giftCount, recounted: totals!.giftCount + 2 },
          { count: 'LiveStream.giftTotals.gifterCount', key: stream, kept: totals!.gifterCount, recounted: totals!.gifterCount + 1 },
          { count: 'LiveStream.topGifters.coins', key: `${stream}/${sender}`, kept: 0, recounted: 10 },
          { count: 'LiveStream.topGifters.giftCount', key: `${stream}/${sender}`, kept: 0, recounted: 2 },
          { count: 'Creator.topGifters.diamonds', key: `${creator}/${sender}`, kept: 0, recounted: 5 },
          { count: 'GiftEarnings.diamonds', key: creator, kept: earned!.diamonds, recounted: earned!.diamonds + 5 },
        ]),
      );
    });
  },
  {
    seed: seedGiftsStore,
    plans: {
      exceptions: {
        insertSeedRows: 'the seed step, once, into an empty store',
        giftOffersPage: 'gift offers are a catalogue of brands\' offers (hundreds), not history',
        offersOpenAt: 'gift offers are a catalogue of brands\' offers (hundreds), not history',
        keptCountDifferences: 'a recount of all history, by nature (npm run reconcile, never a request)',
        // Not yet independent of history (issue 21): it aggregates a creator's payouts on read.
      },
    },
  },
);
