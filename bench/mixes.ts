/**
 * The request mixes of the `varied`, `signed-in` and `varied + writes` cases, with their
 * reference answers, taken at setup through the reference gateway while nothing else runs.
 */
import { liveStreamCreatorId, liveStreamIds, productBrandId, productIds, userIds } from '../packages/fixtures/src/world.ts';
import { stringsIn } from './answers.ts';
import { type DocumentMode, requestBody } from './documents.ts';
import type { DriverRead } from './driver.ts';
import { type Operation, VIEWER_SCREENS } from './screens.ts';
import type { Account, Run, WritesSpec } from './writes.ts';

export interface Reference extends DriverRead {
  /** Every string the answer shows (ids above all): which writes could change it. */
  shows: Set<string>;
  /** The request body with the operation's text, for a gateway that does not know its id (the peers). */
  textBody: string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Each operation with its reference answer. */
export async function withReferences(operations: Operation[], run: Run, mode: DocumentMode, token?: string): Promise<Reference[]> {
  const references: Reference[] = [];
  for (const operation of operations) {
    const data = await run(operation.query, operation.variables, token ? bearer(token) : {});
    references.push({ name: operation.name, body: requestBody(operation.query, operation.variables, mode), textBody: requestBody(operation.query, operation.variables, 'text'), expect: JSON.stringify(data), shows: stringsIn(data), ...(token ? { token } : {}) });
  }
  return references;
}

/** The signed-in viewers' own screens, one read per viewer and screen, each with that viewer's token. */
export async function viewerReads(viewers: Account[], run: Run, mode: DocumentMode): Promise<Reference[]> {
  const references: Reference[] = [];
  for (const viewer of viewers) {
    references.push(...(await withReferences(VIEWER_SCREENS.map((screen) => ({ name: `${screen.name} (${viewer.id})`, query: screen.query, variables: {} })), run, mode, viewer.token)));
  }
  return references;
}

export interface WritesSetup {
  /** Everything the writes touch. */
  spec: WritesSpec;
  /** Each gateway's share of it, in the order the gateways were counted. */
  specs: WritesSpec[];
  /** Ids of everything the writes change: reads showing any of them are left out of the case's random reads. */
  reserved: Set<string>;
}

/**
 * Chooses what the writes touch and prepares it. Products: among those shown by the fewest
 * screens, price changes on products tagged in a video (read back through the video too) and
 * checkouts on others, stocked up. Follows between users no screen shows; gifts from three
 * senders with coins to three live streams of different creators; checkouts by six buyers.
 * `avoid` are ids another case writes to.
 *
 * The entities are dealt out among `gateways` (ours, stock, a compared build): each gateway
 * writes and watches only its own. Gateways that take turns on the same subgraphs are replicas
 * that share no entity cache (the memory store is one process's); a write through stock would
 * leave ours showing the old price for up to its max age, which says nothing of either gateway
 * (replicas share the cache in Postgres: see "Beyond one machine").
 */
export async function prepareWrites(options: {
  run: Run;
  references: Reference[];
  tokenFor: (userId: string) => Promise<string>;
  partnerKeyFor: (brandId: string) => string;
  avoid: string[];
  share: number;
  watchShare: number;
  /** How many gateways take turns: each gets its own share of the entities. */
  gateways: number;
}): Promise<WritesSetup> {
  const { run, references } = options;
  const taggedIn = new Map<string, string[]>();
  for (let after: string | null = null; ; ) {
    const data = await run('query ($after: String) { feed(first: 100, after: $after) { edges { node { id products { id } } } pageInfo { hasNextPage endCursor } } }', { after });
    const feed = data.feed as { edges: { node: { id: string; products: { id: string }[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    for (const { node } of feed.edges) for (const product of node.products) taggedIn.set(product.id, [...(taggedIn.get(product.id) ?? []), node.id]);
    if (!feed.pageInfo.hasNextPage) break;
    after = feed.pageInfo.endCursor;
  }
  const shownBy = (id: string) => references.filter((reference) => reference.shows.has(id)).length;
  const candidates = productIds.filter((id) => !options.avoid.includes(id)).sort((a, b) => shownBy(a) - shownBy(b));
  const priceProducts = candidates.filter((id) => taggedIn.has(id)).slice(0, 8);
  const checkoutProducts = candidates.filter((id) => !priceProducts.includes(id)).slice(0, 8);
  const brandOf = (id: string) => productBrandId(productIds.indexOf(id));
  for (const id of checkoutProducts) {
    await run('mutation ($id: ID!) { updateProduct(input: { id: $id, inventory: 1000000, status: ACTIVE }) { id } }', { id }, { 'x-api-key': options.partnerKeyFor(brandOf(id)) });
  }

  const account = async (id: string): Promise<Account> => ({ id, token: await options.tokenFor(id) });
  const accounts = (ids: string[]) => Promise.all(ids.map(account));
  const buyers = await accounts(userIds.slice(40, 46));
  const followers = await accounts(userIds.slice(46, 51));
  const targets = userIds.slice(51, 56);
  const senders = await accounts(userIds.slice(57, 60));
  for (const sender of senders) {
    for (let i = 0; i < 4; i++) {
      await run('mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_17500", idempotencyKey: $key }) { wallet { coins } } }', { key: `bench-writes-coins-${sender.id}-${i}` }, bearer(sender.token));
    }
  }
  const streams = await Promise.all([2, 3, 4].map(async (index) => ({ id: liveStreamIds[index]!, creatorId: liveStreamCreatorId(index), creatorToken: await options.tokenFor(liveStreamCreatorId(index)) })));
  const { liveGifts } = await run('{ liveGifts { id coinPrice } }', {});
  const giftId = [...(liveGifts as { id: string; coinPrice: number }[])].sort((a, b) => a.coinPrice - b.coinPrice)[0]!.id;

  const everything: WritesSpec = {
    share: options.share,
    watchShare: options.watchShare,
    giftId,
    priceProducts: priceProducts.map((id) => ({ id, partnerKey: options.partnerKeyFor(brandOf(id)), videoIds: taggedIn.get(id)!.slice(0, 2) })),
    checkoutProducts,
    buyers,
    followPairs: followers.map((follower, i) => ({ follower, targetId: targets[i]! })),
    senders,
    streams,
  };
  const dealt = <T>(items: readonly T[], gateway: number) => items.filter((_, i) => i % options.gateways === gateway);
  const specs = Array.from({ length: options.gateways }, (_, gateway) => ({
    ...everything,
    priceProducts: dealt(everything.priceProducts, gateway),
    checkoutProducts: dealt(everything.checkoutProducts, gateway),
    buyers: dealt(everything.buyers, gateway),
    followPairs: dealt(everything.followPairs, gateway),
    senders: dealt(everything.senders, gateway),
    streams: dealt(everything.streams, gateway),
  }));
  const reserved = new Set([
    ...priceProducts,
    ...checkoutProducts,
    ...followers.map((f) => f.id),
    ...targets,
    ...senders.map((s) => s.id),
    ...buyers.map((b) => b.id),
    ...streams.flatMap((s) => [s.id, s.creatorId]),
  ]);
  return { spec: everything, specs, reserved };
}
