import { describe, expect, it } from 'vitest';
import { History, type WritesSpec, Writer } from './writes.ts';

/**
 * A gateway in miniature for the writes' operations, keyed by operation name. With `cached`,
 * reads answer from the first answer they gave for the same request (a cache that no write
 * invalidates): every read-back after a write is then stale.
 */
function fakeGateway(options: { cached: boolean }) {
  const world = {
    prices: { p1: 1000, p2: 2000 } as Record<string, number>,
    inventories: { c1: 50 } as Record<string, number>,
    followers: { t1: ['someone'] } as Record<string, string[]>,
    following: { f1: 3 } as Record<string, number>,
    stream: { coins: 10, diamonds: 5, giftCount: 10 },
    diamonds: 5,
    wallet: { s1: 100 } as Record<string, number>,
    orders: { b1: ['ord_0'] } as Record<string, string[]>,
  };
  const cache = new Map<string, string>();
  let orderCount = 0;
  const viewerOf = (headers: Record<string, string> = {}) => headers.authorization?.replace('Bearer token-', '') ?? null;

  function answer(name: string, variables: Record<string, any>, viewer: string | null): unknown {
    switch (name) {
      case 'ProductPrice':
        return { product: { id: variables.id, price: { amount: world.prices[variables.id] ?? 0 }, inventory: world.inventories[variables.id] ?? 0 } };
      case 'ProductPriceOnly':
        return { product: { id: variables.id, price: { amount: world.prices[variables.id] ?? 0 } } };
      case 'VideoProducts':
        return { video: { id: variables.id, products: [{ id: 'p1', price: { amount: world.prices.p1 } }] } };
      case 'UserFollowers': {
        const followers = world.followers[variables.id] ?? [];
        return { user: { id: variables.id, followerCount: followers.length, followers: { edges: followers.slice(0, 1).map((id) => ({ node: { id } })) } } };
      }
      case 'MeFollowing':
        return { me: { id: viewer, followingCount: world.following[viewer!] } };
      case 'StreamGifts':
        return { liveStream: { id: variables.id, giftTotals: { ...world.stream }, creator: { id: 'c', giftEarnings: { diamonds: world.diamonds } } } };
      case 'CreatorDiamonds':
        return { creator: { id: variables.id, giftEarnings: { diamonds: world.diamonds } } };
      case 'MeWallet':
        return { me: { id: viewer, wallet: { coins: world.wallet[viewer!] } } };
      case 'MeLastOrder':
        return { me: { id: viewer, orders: { edges: world.orders[viewer!]!.slice(0, 1).map((id) => ({ node: { id, status: 'PAID' } })) } } };
      case 'UpdatePrice':
        world.prices[variables.id] = variables.amount;
        return { updateProduct: { id: variables.id, price: { amount: variables.amount } } };
      case 'Follow':
      case 'Unfollow': {
        const follow = name === 'Follow';
        const list = (world.followers[variables.id] ??= []);
        world.followers[variables.id] = follow ? [viewer!, ...list] : list.filter((id) => id !== viewer);
        world.following[viewer!]! += follow ? 1 : -1;
        return { [follow ? 'follow' : 'unfollow']: { viewerFollows: follow, user: { id: variables.id, followerCount: world.followers[variables.id]!.length } } };
      }
      case 'SendGift':
        world.stream.coins += 2;
        world.stream.diamonds += 1;
        world.stream.giftCount += 2;
        world.diamonds += 1;
        world.wallet[viewer!]! -= 2;
        return { sendLiveGift: { send: { id: 'send', quantity: 2, coins: 2, diamonds: 1 }, wallet: { coins: world.wallet[viewer!] } } };
      case 'Checkout': {
        const id = `ord_${++orderCount}`;
        world.inventories[variables.product]! -= 1;
        world.orders[viewer!]!.unshift(id);
        return { checkout: { order: { id, status: 'PAID' } } };
      }
      default:
        throw new Error(`the fake gateway does not know ${name}`);
    }
  }

  const exchange = async (body: string, headers?: Record<string, string>) => {
    const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
    const name = /^(?:query|mutation) (\w+)/.exec(query)![1]!;
    const key = `${body}\n${headers?.authorization ?? ''}`;
    if (options.cached && query.startsWith('query') && cache.has(key)) return { status: 200, text: cache.get(key)! };
    const text = JSON.stringify({ data: answer(name, variables, viewerOf(headers)) });
    if (query.startsWith('query')) cache.set(key, text);
    return { status: 200, text };
  };
  return { exchange, world };
}

const spec: WritesSpec = {
  share: 1,
  watchShare: 0,
  giftId: 'rose',
  priceProducts: [{ id: 'p1', partnerKey: 'key', videoIds: ['v1'] }],
  checkoutProducts: ['c1'],
  buyers: [{ id: 'b1', token: 'token-b1' }],
  followPairs: [{ follower: { id: 'f1', token: 'token-f1' }, targetId: 't1' }],
  senders: [{ id: 's1', token: 'token-s1' }],
  streams: [{ id: 'l1', creatorId: 'c', creatorToken: 'token-c' }],
};

/** What the writer starts from: the fake world as it is. */
async function stateOf(gateway: ReturnType<typeof fakeGateway>) {
  return {
    prices: { p1: gateway.world.prices.p1!, c1: 0 },
    inventories: { p1: 0, c1: gateway.world.inventories.c1! },
    following: { 'f1>t1': false },
    followerCounts: { t1: gateway.world.followers.t1!.length },
    followingCounts: { f1: gateway.world.following.f1! },
    streamTotals: { l1: { ...gateway.world.stream } },
    creatorDiamonds: { c: gateway.world.diamonds },
    walletCoins: { s1: gateway.world.wallet.s1! },
    lastOrders: { b1: 'ord_0' },
  };
}

describe('Writer', () => {
  it('writes each kind, reads every write back as the model expects, and tracks the state', async () => {
    const gateway = fakeGateway({ cached: false });
    const writer = new Writer(spec, await stateOf(gateway), gateway.exchange, 'test');
    // Each kind of write three times, in turn.
    for (let i = 0; i < 12; i++) {
      const report = await writer.tryWrite(() => (i % 4) / 4 + 0.01);
      expect(report).toEqual({ failures: [], stale: [] });
    }
    expect(writer.writes).toBe(12);
    expect(writer.state.prices.p1).toBe(1003);
    expect(writer.state.following['f1>t1']).toBe(true);
    expect(writer.state.walletCoins.s1).toBe(94);
    expect(writer.state.inventories.c1).toBe(47);
  });

  it('counts a read-back that does not show the acknowledged write as stale, for every kind of write', async () => {
    const gateway = fakeGateway({ cached: true });
    const writer = new Writer(spec, await stateOf(gateway), gateway.exchange, 'test');
    const stale: string[] = [];
    // Each kind twice: the first read-back fills the cache, the second is answered from it.
    for (let i = 0; i < 8; i++) stale.push(...(await writer.tryWrite(() => (i % 4) / 4 + 0.01))!.stale);
    expect(stale.some((what) => what.includes('p1 price'))).toBe(true);
    expect(stale.some((what) => what.includes('p1 price (page without stock)'))).toBe(true);
    expect(stale.some((what) => what.includes("video v1's product p1 price"))).toBe(true);
    expect(stale.some((what) => what.includes('t1 followerCount'))).toBe(true);
    expect(stale.some((what) => what.includes('gift totals'))).toBe(true);
    expect(stale.some((what) => what.includes('wallet of s1'))).toBe(true);
    expect(stale.some((what) => what.includes('c1 inventory'))).toBe(true);
    expect(stale.some((what) => what.includes('newest order of b1'))).toBe(true);
  });

  it('leaves an entity alone once a write to it failed: what it holds is no longer known', async () => {
    const gateway = fakeGateway({ cached: false });
    const failing = async (body: string, headers?: Record<string, string>) =>
      body.includes('UpdatePrice') ? { status: 200, text: '{"errors":[{"message":"boom","extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}' } : gateway.exchange(body, headers);
    const writer = new Writer({ ...spec, followPairs: [], senders: [], buyers: [] }, await stateOf(gateway), failing, 'test');
    expect((await writer.tryWrite(() => 0))!.failures).toHaveLength(1);
    // Only the price product could be written, and it is now locked.
    expect(await writer.tryWrite(() => 0)).toBeNull();
  });
});

describe('History', () => {
  it('admits what held when a read began and what a write in flight during it made, never a value replaced before it began', () => {
    const history = new History(10);
    const first = history.sent(11, 5);
    history.acked(first, 11, 8);
    expect(history.admits(10, 0, 4)).toBe(true);
    expect(history.admits(11, 0, 4)).toBe(false);
    // Overlapping the write: either.
    expect(history.admits(10, 6, 7)).toBe(true);
    expect(history.admits(11, 6, 7)).toBe(true);
    // After it was acknowledged: only the new value.
    expect(history.admits(10, 9, 10)).toBe(false);
    expect(history.admits(11, 9, 10)).toBe(true);
    // A write whose value is known only from its answer admits anything while in flight.
    const second = history.sent(null, 12);
    expect(history.admits(99, 13, 14)).toBe(true);
    history.acked(second, 13, 15);
    expect(history.admits(99, 16, 17)).toBe(false);
    expect(history.admits(11, 16, 17)).toBe(false);
    expect(history.admits(13, 16, 17)).toBe(true);
  });
});

describe('concurrent reads of written entities', () => {
  it('find nothing stale on a gateway that always reads fresh', async () => {
    const gateway = fakeGateway({ cached: false });
    const writer = new Writer(spec, await stateOf(gateway), gateway.exchange, 'test');
    let turn = 0;
    const report = { failures: [] as string[], stale: [] as string[] };
    for (let i = 0; i < 40; i++) {
      const write = await writer.tryWrite(() => (i % 4) / 4 + 0.01);
      const read = await writer.watchRead(() => (turn++ % 4) / 4 + 0.01);
      report.failures.push(...write!.failures, ...read.failures);
      report.stale.push(...write!.stale, ...read.stale);
    }
    expect(report).toEqual({ failures: [], stale: [] });
    expect(writer.watchedReads).toBe(40);
  });

  it('count a read that shows what an earlier acknowledged write replaced as stale, for each watched value', async () => {
    const gateway = fakeGateway({ cached: true });
    const writer = new Writer(spec, await stateOf(gateway), gateway.exchange, 'test');
    // Fill the fake's never-invalidated cache with every watched read, then write each kind once.
    for (let kind = 0; kind < 4; kind++) await writer.watchRead(() => kind / 4 + 0.01);
    for (let i = 0; i < 4; i++) await writer.tryWrite(() => i / 4 + 0.01);
    const stale: string[] = [];
    for (let kind = 0; kind < 4; kind++) stale.push(...(await writer.watchRead(() => kind / 4 + 0.01)).stale);
    expect(stale).toHaveLength(4);
    expect(stale.some((what) => what.includes('product p1 price'))).toBe(true);
    expect(stale.some((what) => what.includes("video v1's product p1 price"))).toBe(true);
    expect(stale.some((what) => what.includes('user t1 followerCount'))).toBe(true);
    expect(stale.some((what) => what.includes('creator c diamonds'))).toBe(true);
  });
});
