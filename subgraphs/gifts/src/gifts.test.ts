import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { runOperation, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, liveStreamIds, SEED_TIME, smallGesturesBrands, userIds } from '@app/fixtures/world';
import { createContext } from './context.ts';
import { giftOfferCodes } from './db/tables.ts';
import { giftsSeed, seedGiftsStore, seedLiveGifts, seedOffers } from './db/seed.ts';
import { DEFAULT_RATES, diamondsToCents } from './rates.ts';
import { createServer } from './server.ts';
import { openGiftsStore } from './db/store.ts';

const { store, server, counter, run } = subgraphTestbed({ open: openGiftsStore, createServer, context: createContext, seed: seedGiftsStore });

const entities = (representations: { __typename: string; id: string }[], selection: string, viewer?: Viewer) =>
  run(`query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations }, viewer);
/** A creator's gift earnings, as the creator sees them (nobody else may). */
const earningsSeenBy = async (creatorId: string) =>
  (await entities([{ __typename: 'Creator', id: creatorId }], `... on Creator { ${GIFT_EARNINGS} }`, { ...anonymousViewer(), userId: creatorId })).data?._entities[0];

/** Codes of an offer's pool the seed's history already sent as Small Gestures. */
const takenBySeed = (offerId: string) => giftsSeed().history.smallGestures.filter((gesture) => gesture.offerId === offerId).length;
const GIFT_TOTALS = 'giftTotals { coins diamonds giftCount gifterCount }';
const GIFT_EARNINGS = 'giftEarnings { diamonds value { amount currencyCode formatted } }';

describe('gifts subgraph', () => {
  it('lists the LIVE gift catalog cheapest first, from a 1-coin Rose to a 44,999-coin top gift', async () => {
    const result = await run('{ liveGifts { id name coinPrice imageUrl } }');
    expect(result.errors).toBeUndefined();
    const gifts = result.data?.liveGifts as { id: string; name: string; coinPrice: number }[];
    expect(gifts).toHaveLength(seedLiveGifts.length);
    const prices = gifts.map((gift) => gift.coinPrice);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(gifts[0]).toMatchObject({ name: 'Rose', coinPrice: 1 });
    expect(gifts.at(-1)?.coinPrice).toBe(44_999);
  });

  it('pages through all offers, active first then by title, without repeats, each with its full code pool and US-only regions', async () => {
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await run(
        'query ($after: String) { giftOffers(first: 2, after: $after) { edges { node { id title active codesLeft regions brand { id } retailValue { amount currencyCode formatted } } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.giftOffers.edges.map((edge: any) => edge.node));
      if (!page.data.giftOffers.pageInfo.hasNextPage) break;
      after = page.data.giftOffers.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(seedOffers.length);
    expect(new Set(seen.map((offer) => offer.id)).size).toBe(seedOffers.length);

    // The ended offer's title sorts among the active ones; it still comes last.
    expect(seen.map((offer) => [offer.title, offer.active])).toEqual([
      ['1-month Dashway Delivery pass', true],
      ['2-month Learnly membership', true],
      ['90-day ClipForge Pro trial', true],
      ['90-day Tunewave Premium trial', true],
      ['6-month Tunewave Premium trial (launch week)', false],
    ]);

    const partnerIds = new Set(smallGesturesBrands.map((brand) => brand.id));
    for (const [i, seeded] of seedOffers.entries()) {
      const offer = seen.find((o) => o.id === seedId('gof', i));
      expect(offer).toMatchObject({ title: seeded.title, codesLeft: seeded.codeCount - takenBySeed(seedId('gof', i)), regions: ['US'], active: seeded.active });
      expect(partnerIds.has(offer.brand.id)).toBe(true);
      expect(offer.retailValue).toMatchObject({ amount: seeded.retailValueAmount, currencyCode: 'USD' });
    }
    const dashway = seen.find((o) => o.title === '1-month Dashway Delivery pass');
    expect(dashway.retailValue.formatted).toBe('$9.99');
  });

  it('counts only unclaimed codes in codesLeft', async () => {
    const own = openGiftsStore(':memory:');
    try {
      await seedGiftsStore(own);
      const offerId = seedId('gof', 0);
      expect(takenBySeed(offerId)).toBe(1);
      const [first, second] = own.db
        .select()
        .from(giftOfferCodes)
        .where(and(eq(giftOfferCodes.offerId, offerId), isNull(giftOfferCodes.claimedAt)))
        .limit(2)
        .all();
      for (const code of [first, second]) own.db.update(giftOfferCodes).set({ claimedAt: new Date(SEED_TIME) }).where(eq(giftOfferCodes.id, code!.id)).run();
      const result = await runOperation(server, createContext(own), 'query ($id: ID!) { giftOffer(id: $id) { codesLeft } }', { id: offerId });
      // The seed's history took one of this pool's codes; these two more.
      expect(result.data?.giftOffer.codesLeft).toBe((seedOffers[0]?.codeCount ?? 0) - 1 - 2);
    } finally {
      own.close();
    }
  });

  it('refuses a page above the cap and a malformed cursor with BAD_USER_INPUT', async () => {
    const tooMany = await run('{ giftOffers(first: 10000) { edges { cursor } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await run('{ giftOffers(after: "not-a-cursor") { edges { cursor } } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for an unknown offer and finds a known one', async () => {
    const unknown = await run('{ giftOffer(id: "gof_nope") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.data?.giftOffer).toBeNull();
    const known = await run('query ($id: ID!) { giftOffer(id: $id) { title endsAt } }', { id: seedId('gof', 3) });
    expect(known.data?.giftOffer.title).toBe('2-month Learnly membership');
  });

  it('gives zero gift earnings and zero stream totals, worth $0.00, where no gifts were sent', async () => {
    // Creator 10 and stream 10 have no seeded gifts (the seed's history is on streams 0–4).
    const result = await entities([{ __typename: 'LiveStream', id: liveStreamIds[10] as string }], `... on LiveStream { ${GIFT_TOTALS} }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ giftTotals: { coins: 0, diamonds: 0, giftCount: 0, gifterCount: 0 } }]);
    expect(await earningsSeenBy(creatorIds[10] as string)).toEqual({ giftEarnings: { diamonds: 0, value: { amount: 0, currencyCode: 'USD', formatted: '$0.00' } } });
  });

  it('sums sends into stream totals and creator earnings, rounding diamonds down to whole cents', async () => {
    const [creator, otherCreator] = [creatorIds[5] as string, creatorIds[6] as string];
    const [stream, otherStream] = [liveStreamIds[5] as string, liveStreamIds[6] as string];
    const [alice, bob] = [userIds[30] as string, userIds[31] as string];
    const send = (id: string, senderId: string, creatorId: string, liveStreamId: string, gift: number, quantity: number, diamonds: number) => ({
      id,
      senderId,
      creatorId,
      liveStreamId,
      giftId: seedId('lgf', gift),
      quantity,
      coins: (seedLiveGifts[gift]?.coinPrice ?? 0) * quantity,
      diamonds,
      createdAt: new Date(SEED_TIME),
    });
    const sends = [
      send('lgs_test_1', alice, creator, stream, 10, 1, 14_999), // a Lion: 29,999 coins
      send('lgs_test_2', bob, creator, stream, 0, 5, 2), // five Roses: 5 coins
      send('lgs_test_3', alice, creator, stream, 2, 2, 30), // two Doughnuts: 60 coins
      send('lgs_test_4', bob, otherCreator, otherStream, 0, 1, 1), // one Rose elsewhere
    ];
    // Through the store, which keeps the stream's totals with each send.
    await store.transaction(async (tx) => {
      for (const one of sends) await tx.insertLiveGiftSend(one);
    });

    const result = await entities([{ __typename: 'LiveStream', id: stream }], `... on LiveStream { ${GIFT_TOTALS} }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ giftTotals: { coins: 30_064, diamonds: 15_031, giftCount: 8, gifterCount: 2 } }]);
    // 15,031 diamonds at 200 per dollar are 7,515.5 cents: the half cent is not paid.
    expect(await earningsSeenBy(creator)).toEqual({ giftEarnings: { diamonds: 15_031, value: { amount: 7_515, currencyCode: 'USD', formatted: '$75.15' } } });
    expect(await earningsSeenBy(otherCreator)).toEqual({ giftEarnings: { diamonds: 1, value: { amount: 0, currencyCode: 'USD', formatted: '$0.00' } } });
    expect([0, 1, 199, 200, 201, 399, 400].map((diamonds) => diamondsToCents(diamonds, DEFAULT_RATES))).toEqual([0, 0, 99, 100, 100, 199, 200]);
  });

  it('runs the same number of statements for 5 and for 50 offers, creators and streams', async () => {
    const representations = (size: number) => {
      const ids = (known: readonly string[], madeUp: (i: number) => string) =>
        Array.from({ length: size }, (_, i) => (i < known.length ? (known[i] as string) : madeUp(i)));
      return [
        // Only the first few offers exist: the rest resolve to null, which still goes through the loaders.
        ...Array.from({ length: size }, (_, i) => ({ __typename: 'GiftOffer', id: seedId('gof', i) })),
        ...ids(creatorIds, (i) => `usr_madeup${i}`).map((id) => ({ __typename: 'Creator', id })),
        ...ids(liveStreamIds, (i) => `liv_madeup${i}`).map((id) => ({ __typename: 'LiveStream', id })),
      ];
    };
    const statementsFor = async (size: number) => {
      counter.reset();
      const result = await entities(
        representations(size),
        // A creator's public gift field: their earnings are theirs alone.
        `... on GiftOffer { title codesLeft brand { id } } ... on Creator { topGifters(first: 3) { rank coins } } ... on LiveStream { ${GIFT_TOTALS} }`,
      );
      expect(result.errors).toBeUndefined();
      const resolved: unknown[] = result.data?._entities ?? [];
      expect(resolved).toHaveLength(size * 3);
      expect(resolved.filter((entity) => entity !== null)).toHaveLength(Math.min(size, seedOffers.length) + size * 2);
      return counter.count;
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    // Each creator's leaderboard is one indexed read (a page costs the page, not the board's
    // length); everything else is one batch statement whatever the count.
    expect(fifty - 50).toBe(five - 5);
    expect(five - 5).toBeGreaterThan(0);
    expect(five - 5).toBeLessThanOrEqual(4);
  });
});
