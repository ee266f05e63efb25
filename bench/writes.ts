/**
 * The writes of the `varied + writes` case and their freshness checks. Each write touches
 * entities reserved for writing (products, follow pairs, gift senders and streams, buyers),
 * which the case's random reads never show, so every random read keeps its exact reference.
 * Each reserved entity is locked while one write to it and its read-back run, so the model of
 * its state here is exact: after a write is acknowledged, reads through the same gateway must
 * show the model's new state (the entity's own page, and the pages that show it through another
 * entity), or they count as stale.
 *
 * Other workers meanwhile read the written entities concurrently (`watchRead`: a price, on the
 * product's page and through a video that tags it, a follower count, a creator's gift
 * earnings), racing the writes: such a read may show what held when it started or what a write
 * in flight during it made, but never a value a write acknowledged before it started had
 * replaced. That is where a cache that refills itself from a read overtaken by a write, or drops
 * entries after answering the write, shows up.
 */
import { dataOf } from './answers.ts';
import { type DocumentMode, requestBody } from './documents.ts';

export interface Account {
  id: string;
  token: string;
}

export interface WritesSpec {
  /** The share of iterations that write (then read back what they wrote). */
  share: number;
  /** The share of iterations that read a written entity while writes run (`watchRead`). */
  watchShare: number;
  /** The LIVE gift senders send (the cheapest), two at a time so that the creator earns a diamond. */
  giftId: string;
  /** Products whose price a partner key changes; `videoIds` tag the product (read back through them too). */
  priceProducts: { id: string; partnerKey: string; videoIds: string[] }[];
  /** Products checked out one unit at a time (stocked at setup). */
  checkoutProducts: string[];
  buyers: Account[];
  followPairs: { follower: Account; targetId: string }[];
  senders: Account[];
  /**
   * Live streams with distinct creators: a send changes the stream's totals and its creator's
   * earnings, which only the creator may read (`creatorToken`).
   */
  streams: { id: string; creatorId: string; creatorToken: string }[];
}

/** What the reserved entities hold now; carried from one run to the next. */
export interface WriteState {
  prices: Record<string, number>;
  inventories: Record<string, number>;
  following: Record<string, boolean>;
  followerCounts: Record<string, number>;
  followingCounts: Record<string, number>;
  streamTotals: Record<string, { coins: number; diamonds: number; giftCount: number }>;
  creatorDiamonds: Record<string, number>;
  walletCoins: Record<string, number>;
  lastOrders: Record<string, string | null>;
}

const PRODUCT_PRICE = 'query ProductPrice($id: ID!) { product(id: $id) { id price { amount } inventory } }';
/** Without the stock, which is never cached: the product page as the gateway's cache serves it. */
const PRODUCT_PRICE_ONLY = 'query ProductPriceOnly($id: ID!) { product(id: $id) { id price { amount } } }';
const VIDEO_PRODUCTS = 'query VideoProducts($id: ID!) { video(id: $id) { id products { id price { amount } } } }';
const USER_FOLLOWERS = 'query UserFollowers($id: ID!) { user(id: $id) { id followerCount followers(first: 1) { edges { node { id } } } } }';
const ME_FOLLOWING = 'query MeFollowing { me { id followingCount } }';
const STREAM_GIFTS = 'query StreamGifts($id: ID!) { liveStream(id: $id) { id giftTotals { coins diamonds giftCount } creator { id giftEarnings { diamonds } } } }';
const CREATOR_DIAMONDS = 'query CreatorDiamonds($id: ID!) { creator(id: $id) { id giftEarnings { diamonds } } }';
const ME_WALLET = 'query MeWallet { me { id wallet { coins } } }';
const ME_LAST_ORDER = 'query MeLastOrder { me { id orders(first: 1) { edges { node { id status } } } } }';

const UPDATE_PRICE = 'mutation UpdatePrice($id: ID!, $amount: Int!) { updateProduct(input: { id: $id, priceAmount: $amount }) { id price { amount } } }';
const FOLLOW = 'mutation Follow($id: ID!) { follow(userId: $id) { viewerFollows user { id followerCount } } }';
const UNFOLLOW = 'mutation Unfollow($id: ID!) { unfollow(userId: $id) { viewerFollows user { id followerCount } } }';
const SEND_GIFT =
  'mutation SendGift($stream: ID!, $gift: ID!, $key: String!) { sendLiveGift(input: { liveStreamId: $stream, giftId: $gift, quantity: 2, idempotencyKey: $key }) { send { id quantity coins diamonds } wallet { coins } } }';
const CHECKOUT = 'mutation Checkout($product: ID!, $key: String!) { checkout(input: { lines: [{ productId: $product, quantity: 1 }], idempotencyKey: $key }) { order { id status } } }';

/** Every document the writes and their read-backs send: they go into the trusted documents manifest. */
export const WRITE_OPERATIONS = [PRODUCT_PRICE, PRODUCT_PRICE_ONLY, VIDEO_PRODUCTS, USER_FOLLOWERS, ME_FOLLOWING, STREAM_GIFTS, CREATOR_DIAMONDS, ME_WALLET, ME_LAST_ORDER, UPDATE_PRICE, FOLLOW, UNFOLLOW, SEND_GIFT, CHECKOUT];

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Runs one operation and returns its data; throws with the reason when there is none. */
export type Run = (query: string, variables: Record<string, unknown>, headers?: Record<string, string>) => Promise<Data>;

const bearer = (account: Account) => ({ authorization: `Bearer ${account.token}` });

/** The state of every reserved entity, read once while nothing writes (at setup, through the reference gateway). */
export async function readWriteState(spec: WritesSpec, run: Run): Promise<WriteState> {
  const state: WriteState = { prices: {}, inventories: {}, following: {}, followerCounts: {}, followingCounts: {}, streamTotals: {}, creatorDiamonds: {}, walletCoins: {}, lastOrders: {} };
  for (const id of [...spec.priceProducts.map((product) => product.id), ...spec.checkoutProducts]) {
    const { product } = await run(PRODUCT_PRICE, { id });
    state.prices[id] = product.price.amount;
    state.inventories[id] = product.inventory;
  }
  for (const { follower, targetId } of spec.followPairs) {
    const { user } = await run('query ($id: ID!) { user(id: $id) { followerCount followers(first: 100) { edges { node { id } } } } }', { id: targetId });
    state.followerCounts[targetId] = user.followerCount;
    state.following[`${follower.id}>${targetId}`] = (user.followers.edges as { node: { id: string } }[]).some((edge) => edge.node.id === follower.id);
    state.followingCounts[follower.id] = (await run(ME_FOLLOWING, {}, bearer(follower))).me.followingCount;
  }
  for (const stream of spec.streams) {
    const { liveStream } = await run(STREAM_GIFTS, { id: stream.id }, { authorization: `Bearer ${stream.creatorToken}` });
    state.streamTotals[stream.id] = { coins: liveStream.giftTotals.coins, diamonds: liveStream.giftTotals.diamonds, giftCount: liveStream.giftTotals.giftCount };
    state.creatorDiamonds[stream.creatorId] = liveStream.creator.giftEarnings.diamonds;
  }
  for (const sender of spec.senders) state.walletCoins[sender.id] = (await run(ME_WALLET, {}, bearer(sender))).me.wallet.coins;
  for (const buyer of spec.buyers) state.lastOrders[buyer.id] = (await run(ME_LAST_ORDER, {}, bearer(buyer))).me.orders.edges[0]?.node.id ?? null;
  return state;
}

/**
 * What one watched value has been: each write's value, from when it was sent until it was
 * acknowledged (`ackedAt` is Infinity while in flight, and forever for a write whose outcome is
 * unknown; `value` is null until the answer says it, for a write whose result the model cannot
 * tell beforehand). Writes to one entity never overlap (it is locked), so the log is in order.
 */
export class History {
  private readonly log: { value: number | null; sentAt: number; ackedAt: number }[];

  constructor(initial: number) {
    this.log = [{ value: initial, sentAt: Number.NEGATIVE_INFINITY, ackedAt: Number.NEGATIVE_INFINITY }];
  }

  sent(value: number | null, at: number) {
    const entry = { value, sentAt: at, ackedAt: Number.POSITIVE_INFINITY };
    this.log.push(entry);
    // Reads take well under a second; a few dozen writes back is plenty to judge them by.
    if (this.log.length > 64) this.log.splice(0, this.log.length - 64);
    return entry;
  }

  acked(entry: { value: number | null; ackedAt: number }, value: number, at: number): void {
    entry.value = value;
    entry.ackedAt = at;
  }

  /** What a read that ran from `start` to `end` may show: what held when it started, and what writes in flight during it made (null: anything). */
  admitted(start: number, end: number): (number | null)[] {
    const held = this.log.filter((entry) => entry.ackedAt <= start).at(-1);
    return [...(held ? [held.value] : []), ...this.log.filter((entry) => entry.sentAt <= end && entry.ackedAt >= start).map((entry) => entry.value)];
  }

  admits(value: unknown, start: number, end: number): boolean {
    return this.admitted(start, end).some((admitted) => admitted === null || admitted === value);
  }
}

export interface WriteReport {
  /** Requests that failed: an error, a write not acknowledged as sent, a read-back with errors. */
  failures: string[];
  /** Read-backs that did not show an acknowledged write. */
  stale: string[];
}

type Exchange = (body: string, headers?: Record<string, string>) => Promise<{ status: number; text: string }>;

/**
 * Performs the writes of one load run against one gateway. `tryWrite` picks a write whose
 * entities are free, performs it, and reads it back; null when every candidate is busy (the
 * caller then reads instead).
 */
export class Writer {
  private readonly busy = new Set<string>();
  private readonly histories = new Map<string, History>();
  private count = 0;
  writes = 0;
  /** Reads of written entities made while writes ran (`watchRead`). */
  watchedReads = 0;

  constructor(
    private readonly spec: WritesSpec,
    readonly state: WriteState,
    private readonly exchange: Exchange,
    private readonly keyPrefix: string,
    private readonly documents: DocumentMode = 'text',
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The history of one watched value, starting from the model's state. */
  private history(key: string, initial: () => number): History {
    let history = this.histories.get(key);
    if (!history) this.histories.set(key, (history = new History(initial())));
    return history;
  }

  private priceHistory(productId: string): History {
    return this.history(`price:${productId}`, () => this.state.prices[productId]!);
  }

  private followersHistory(userId: string): History {
    return this.history(`followers:${userId}`, () => this.state.followerCounts[userId]!);
  }

  private diamondsHistory(creatorId: string): History {
    return this.history(`diamonds:${creatorId}`, () => this.state.creatorDiamonds[creatorId]!);
  }

  /**
   * Reads one written entity now, whatever writes are in flight (no lock), and checks the answer
   * against what that entity held during the read.
   */
  async watchRead(random: () => number = Math.random): Promise<WriteReport> {
    const report: WriteReport = { failures: [], stale: [] };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const kinds = ['price', 'video', 'followers', 'diamonds'] as const;
    const kind = pick(kinds);
    this.watchedReads++;
    const judge = (what: string, history: History, seen: unknown, start: number) => {
      const end = this.now();
      if (!history.admits(seen, start, end)) report.stale.push(`concurrent read of ${what}: saw ${JSON.stringify(seen)} where only ${JSON.stringify(history.admitted(start, end))} could be (what held when it began, and writes in flight)`);
    };
    if (kind === 'price' || kind === 'video') {
      const product = pick(this.spec.priceProducts);
      const history = this.priceHistory(product.id);
      const start = this.now();
      if (kind === 'price') {
        const page = await this.run(report, `product ${product.id} (concurrent)`, PRODUCT_PRICE_ONLY, { id: product.id });
        if (page) judge(`product ${product.id} price`, history, page.product?.price.amount, start);
      } else {
        const videoId = pick(product.videoIds);
        const video = await this.run(report, `video ${videoId} (concurrent)`, VIDEO_PRODUCTS, { id: videoId });
        const tagged = (video?.video?.products as { id: string; price: { amount: number } }[] | undefined)?.find((p) => p.id === product.id);
        if (video) judge(`video ${videoId}'s product ${product.id} price`, history, tagged?.price.amount, start);
      }
    } else if (kind === 'followers') {
      const { targetId } = pick(this.spec.followPairs);
      const history = this.followersHistory(targetId);
      const start = this.now();
      const target = await this.run(report, `user ${targetId} (concurrent)`, USER_FOLLOWERS, { id: targetId });
      if (target) judge(`user ${targetId} followerCount`, history, target.user?.followerCount, start);
    } else {
      const { creatorId, creatorToken } = pick(this.spec.streams);
      const history = this.diamondsHistory(creatorId);
      const start = this.now();
      const creator = await this.run(report, `creator ${creatorId} (concurrent)`, CREATOR_DIAMONDS, { id: creatorId }, { authorization: `Bearer ${creatorToken}` });
      if (creator) judge(`creator ${creatorId} diamonds`, history, creator.creator?.giftEarnings?.diamonds, start);
    }
    return report;
  }

  private lock(...keys: string[]): boolean {
    if (keys.some((key) => this.busy.has(key))) return false;
    for (const key of keys) this.busy.add(key);
    return true;
  }

  private unlock(...keys: string[]): void {
    for (const key of keys) this.busy.delete(key);
  }

  private async run(report: WriteReport, what: string, query: string, variables: Record<string, unknown>, headers?: Record<string, string>): Promise<Data | null> {
    let answer: { status: number; text: string };
    try {
      answer = await this.exchange(requestBody(query, variables, this.documents), headers);
    } catch (error) {
      report.failures.push(`${what}: ${(error as Error).message}`);
      return null;
    }
    const result = dataOf(answer.text);
    if ('problem' in result || answer.status !== 200) {
      report.failures.push(`${what}: HTTP ${answer.status} ${'problem' in result ? result.problem : ''}`);
      return null;
    }
    return result.data;
  }

  private expect(report: WriteReport, what: string, seen: unknown, wanted: unknown): void {
    if (seen !== wanted) report.stale.push(`${what}: saw ${JSON.stringify(seen)}, the write made it ${JSON.stringify(wanted)}`);
  }

  async tryWrite(random: () => number = Math.random): Promise<WriteReport | null> {
    const kinds = [this.changePrice, this.toggleFollow, this.sendGift, this.checkout];
    const first = Math.floor(random() * kinds.length);
    for (let i = 0; i < kinds.length; i++) {
      const report = await kinds[(first + i) % kinds.length]!.call(this, random);
      if (report) {
        this.writes++;
        return report;
      }
    }
    return null;
  }

  /** A write whose outcome is unknown leaves its entities locked: the model could not say what they hold. */
  private pick<T>(items: T[], keysOf: (item: T) => string[], random: () => number): T | null {
    const start = Math.floor(random() * items.length);
    for (let i = 0; i < items.length; i++) {
      const item = items[(start + i) % items.length]!;
      if (this.lock(...keysOf(item))) return item;
    }
    return null;
  }

  private async changePrice(random: () => number): Promise<WriteReport | null> {
    const product = this.pick(this.spec.priceProducts, (p) => [`product:${p.id}`], random);
    if (!product) return null;
    const report: WriteReport = { failures: [], stale: [] };
    const amount = this.state.prices[product.id]! + 1;
    const sent = this.priceHistory(product.id).sent(amount, this.now());
    const written = await this.run(report, `updateProduct ${product.id}`, UPDATE_PRICE, { id: product.id, amount }, { 'x-api-key': product.partnerKey });
    if (written?.updateProduct?.price.amount !== amount) {
      if (written) report.failures.push(`updateProduct ${product.id}: answered ${JSON.stringify(written)}`);
      return report;
    }
    this.priceHistory(product.id).acked(sent, amount, this.now());
    this.state.prices[product.id] = amount;
    const page = await this.run(report, `product ${product.id} after a price change`, PRODUCT_PRICE, { id: product.id });
    if (page) this.expect(report, `product ${product.id} price`, page.product?.price.amount, amount);
    const cached = await this.run(report, `product ${product.id} (price only) after a price change`, PRODUCT_PRICE_ONLY, { id: product.id });
    if (cached) this.expect(report, `product ${product.id} price (page without stock)`, cached.product?.price.amount, amount);
    for (const videoId of product.videoIds) {
      const video = await this.run(report, `video ${videoId} after a price change`, VIDEO_PRODUCTS, { id: videoId });
      const tagged = (video?.video?.products as { id: string; price: { amount: number } }[] | undefined)?.find((p) => p.id === product.id);
      if (video) this.expect(report, `video ${videoId}'s product ${product.id} price`, tagged?.price.amount, amount);
    }
    this.unlock(`product:${product.id}`);
    return report;
  }

  private async toggleFollow(random: () => number): Promise<WriteReport | null> {
    const pair = this.pick(this.spec.followPairs, (p) => [`user:${p.follower.id}`, `user:${p.targetId}`], random);
    if (!pair) return null;
    const report: WriteReport = { failures: [], stale: [] };
    const key = `${pair.follower.id}>${pair.targetId}`;
    const follow = !this.state.following[key];
    const sent = this.followersHistory(pair.targetId).sent(this.state.followerCounts[pair.targetId]! + (follow ? 1 : -1), this.now());
    const written = await this.run(report, `${follow ? 'follow' : 'unfollow'} ${pair.targetId}`, follow ? FOLLOW : UNFOLLOW, { id: pair.targetId }, bearer(pair.follower));
    const payload = written?.[follow ? 'follow' : 'unfollow'];
    if (payload?.viewerFollows !== follow) {
      if (written) report.failures.push(`follow ${pair.targetId}: answered ${JSON.stringify(written)}`);
      return report;
    }
    const step = follow ? 1 : -1;
    this.state.following[key] = follow;
    this.state.followerCounts[pair.targetId]! += step;
    this.followersHistory(pair.targetId).acked(sent, this.state.followerCounts[pair.targetId]!, this.now());
    this.state.followingCounts[pair.follower.id]! += step;
    this.expect(report, `follow payload's followerCount of ${pair.targetId}`, payload.user.followerCount, this.state.followerCounts[pair.targetId]);
    const target = await this.run(report, `user ${pair.targetId} after a follow`, USER_FOLLOWERS, { id: pair.targetId });
    if (target) {
      this.expect(report, `user ${pair.targetId} followerCount`, target.user?.followerCount, this.state.followerCounts[pair.targetId]);
      if (follow) this.expect(report, `user ${pair.targetId} newest follower`, target.user?.followers.edges[0]?.node.id, pair.follower.id);
    }
    const me = await this.run(report, `me (${pair.follower.id}) after a follow`, ME_FOLLOWING, {}, bearer(pair.follower));
    if (me) this.expect(report, `${pair.follower.id} followingCount`, me.me?.followingCount, this.state.followingCounts[pair.follower.id]);
    this.unlock(`user:${pair.follower.id}`, `user:${pair.targetId}`);
    return report;
  }

  private async sendGift(random: () => number): Promise<WriteReport | null> {
    const sender = this.pick(this.spec.senders, (s) => [`user:${s.id}`], random);
    if (!sender) return null;
    const stream = this.pick(this.spec.streams, (s) => [`stream:${s.id}`], random);
    if (!stream) {
      this.unlock(`user:${sender.id}`);
      return null;
    }
    const report: WriteReport = { failures: [], stale: [] };
    // How many diamonds a send earns is the gifts subgraph's rule: known from its answer.
    const sent = this.diamondsHistory(stream.creatorId).sent(null, this.now());
    const written = await this.run(report, `sendLiveGift to ${stream.id}`, SEND_GIFT, { stream: stream.id, gift: this.spec.giftId, key: `${this.keyPrefix}-g-${this.count++}` }, bearer(sender));
    const send = written?.sendLiveGift?.send as { quantity: number; coins: number; diamonds: number } | undefined;
    if (!send) {
      if (written) report.failures.push(`sendLiveGift: answered ${JSON.stringify(written)}`);
      return report;
    }
    const totals = this.state.streamTotals[stream.id]!;
    totals.coins += send.coins;
    totals.diamonds += send.diamonds;
    // A send of several of the same gift counts each one.
    totals.giftCount += send.quantity;
    this.state.creatorDiamonds[stream.creatorId]! += send.diamonds;
    this.diamondsHistory(stream.creatorId).acked(sent, this.state.creatorDiamonds[stream.creatorId]!, this.now());
    this.state.walletCoins[sender.id]! -= send.coins;
    this.expect(report, `sendLiveGift's wallet of ${sender.id}`, written!.sendLiveGift.wallet.coins, this.state.walletCoins[sender.id]);
    const asCreator = { authorization: `Bearer ${stream.creatorToken}` };
    const page = await this.run(report, `live stream ${stream.id} after a gift`, STREAM_GIFTS, { id: stream.id }, asCreator);
    if (page) {
      this.expect(report, `live stream ${stream.id} gift totals`, JSON.stringify(page.liveStream?.giftTotals), JSON.stringify(totals));
      this.expect(report, `live stream ${stream.id}'s creator diamonds`, page.liveStream?.creator.giftEarnings?.diamonds, this.state.creatorDiamonds[stream.creatorId]);
    }
    const creator = await this.run(report, `creator ${stream.creatorId} after a gift`, CREATOR_DIAMONDS, { id: stream.creatorId }, asCreator);
    if (creator) this.expect(report, `creator ${stream.creatorId} diamonds`, creator.creator?.giftEarnings?.diamonds, this.state.creatorDiamonds[stream.creatorId]);
    const wallet = await this.run(report, `wallet of ${sender.id} after a gift`, ME_WALLET, {}, bearer(sender));
    if (wallet) this.expect(report, `wallet of ${sender.id}`, wallet.me?.wallet?.coins, this.state.walletCoins[sender.id]);
    this.unlock(`user:${sender.id}`, `stream:${stream.id}`);
    return report;
  }

  private async checkout(random: () => number): Promise<WriteReport | null> {
    const buyer = this.pick(this.spec.buyers, (b) => [`user:${b.id}`], random);
    if (!buyer) return null;
    const productId = this.pick(this.spec.checkoutProducts, (id) => [`product:${id}`], random);
    if (!productId) {
      this.unlock(`user:${buyer.id}`);
      return null;
    }
    const report: WriteReport = { failures: [], stale: [] };
    const written = await this.run(report, `checkout ${productId}`, CHECKOUT, { product: productId, key: `${this.keyPrefix}-c-${this.count++}` }, bearer(buyer));
    const order = written?.checkout?.order as { id: string } | undefined;
    if (!order) {
      if (written) report.failures.push(`checkout: answered ${JSON.stringify(written)}`);
      return report;
    }
    this.state.inventories[productId]! -= 1;
    this.state.lastOrders[buyer.id] = order.id;
    const product = await this.run(report, `product ${productId} after a checkout`, PRODUCT_PRICE, { id: productId });
    if (product) this.expect(report, `product ${productId} inventory`, product.product?.inventory, this.state.inventories[productId]);
    const orders = await this.run(report, `orders of ${buyer.id} after a checkout`, ME_LAST_ORDER, {}, bearer(buyer));
    if (orders) this.expect(report, `newest order of ${buyer.id}`, orders.me?.orders?.edges[0]?.node.id, order.id);
    this.unlock(`user:${buyer.id}`, `product:${productId}`);
    return report;
  }
}
