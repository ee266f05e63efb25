/**
 * The operations a client of the app sends, screen by screen, built from the seeded world: feed
 * pages after real cursors, creator profiles, product, video, live-stream, brand and catalog
 * pages, directories; and, for a signed-in viewer, their own home, orders and earnings. The
 * bench's `varied` and `signed-in` cases pick one of these at random for every request.
 */
import { brands, liveStreamIds, productIds, videoIds } from '../packages/fixtures/src/world.ts';

export interface Operation {
  /** The screen and the thing shown, for failure reports: `product prd_…`. */
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export const FEED_PAGE = `query FeedPage($after: String) { feed(first: 6, after: $after) { edges { cursor node { id caption thumbnailUrl viewCount likeCount publishedAt
  creator { id handle displayName verified } products { id title price { amount currencyCode } inStock } } } pageInfo { hasNextPage endCursor } } }`;

export const CREATOR_PROFILE = `query CreatorProfile($handle: String!) { creator(handle: $handle) { id handle displayName bio verified followerCount followingCount videoCount
  followers(first: 3) { edges { node { id handle } } }
  videos(first: 5) { edges { node { id caption products { id title price { amount currencyCode formatted } brand { id name } } } } pageInfo { hasNextPage endCursor } }
  liveStreams(first: 3) { edges { node { id title status pinnedProducts { id title price { formatted } } giftTotals { coins diamonds } } } }
  topGifters(first: 3) { rank coins user { id handle } }
  catalogs(first: 3) { edges { node { id name brand { id name } } } } showcase(first: 5) { edges { node { id title price { formatted } } } } } }`;

/**
 * The creator profile with its slow parts deferred (issue 22; the explorer's example): the creator
 * (users) at once, its videos with their products, its streams and gifts, and its shop each as a
 * later payload. Same fields as CREATOR_PROFILE.
 */
export const DEFERRED_PROFILE = `query CreatorProfileDeferred($handle: String!) { creator(handle: $handle) { id handle displayName bio verified followerCount followingCount videoCount
  followers(first: 3) { edges { node { id handle } } }
  ... @defer(label: "videos") { videos(first: 5) { edges { node { id caption products { id title price { amount currencyCode formatted } brand { id name } } } } pageInfo { hasNextPage endCursor } } }
  ... @defer(label: "live") { liveStreams(first: 3) { edges { node { id title status pinnedProducts { id title price { formatted } } giftTotals { coins diamonds } } } } topGifters(first: 3) { rank coins user { id handle } } }
  ... @defer(label: "shop") { catalogs(first: 3) { edges { node { id name brand { id name } } } } showcase(first: 5) { edges { node { id title price { formatted } } } } } } }`;

/** The same query with every `@defer` taken off (its fragments stay, inline and unconditional). */
export const withoutDefer = (query: string) => query.replace(/\.\.\. @defer(\([^)]*\))? \{/g, '... {');

/** Every order `searchProducts` can sort by. */
export const PRODUCT_SORTS = ['RELEVANCE', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST', 'BEST_SELLING'] as const;

export const PRODUCT_PAGE = `query ProductPage($id: ID!) { product(id: $id) { id title description price { amount currencyCode formatted } inventory inStock status imageUrl commissionRate
  brand { id name slug logoUrl products(first: 4) { edges { node { id title price { amount currencyCode } } } } } } }`;

export const VIDEO_PAGE = `query VideoPage($id: ID!) { video(id: $id) { id caption hashtags durationSeconds thumbnailUrl playbackUrl viewCount likeCount publishedAt
  creator { id handle displayName verified followerCount videos(first: 4) { edges { node { id thumbnailUrl } } } }
  products { id title price { amount currencyCode formatted } inStock brand { id name } } } }`;

export const LIVE_STREAM_PAGE = `query LiveStreamPage($id: ID!) { liveStream(id: $id) { id title status isLive viewerCount scheduledFor startedAt endedAt
  creator { id handle displayName followerCount }
  pinnedProducts { id title price { amount currencyCode formatted } inStock brand { id name } }
  giftTotals { coins diamonds giftCount gifterCount } topGifters(first: 5) { rank coins user { id handle } } } }`;

export const BRAND_PAGE = `query BrandPage($id: ID!) { brand(id: $id) { id name slug description platform logoUrl
  products(first: 10) { edges { node { id title price { amount currencyCode formatted } inStock } } pageInfo { hasNextPage endCursor } }
  catalogs(first: 5) { edges { node { id name description } } } } }`;

export const CATALOG_PAGE = `query CatalogPage($id: ID!) { catalog(id: $id) { id name description brand { id name logoUrl }
  products(first: 10) { edges { node { id title price { amount currencyCode formatted } inStock } } } } }`;

export const CREATORS_PAGE = `query Creators($after: String) { creators(first: 5, after: $after) { edges { cursor node { id handle displayName verified followerCount videoCount } } pageInfo { hasNextPage endCursor } } }`;

export const LIVE_NOW = `query LiveNow { liveNow(first: 10) { edges { node { id title viewerCount creator { id handle displayName } giftTotals { coins } pinnedProducts { id title } } } } }`;

export const BRANDS = `query Brands { brands(first: 20) { edges { node { id name slug platform logoUrl } } } }`;

export const SHOP_BASICS = `query ShopBasics { liveGifts { id name coinPrice imageUrl } coinPackages { id coins price { amount formatted } } }`;

/** The signed-in viewer's own screens; each answer differs per viewer. */
export const ME_HOME = `query MeHome { me { id handle displayName followerCount followingCount wallet { coins } smallGestures { sent remaining limit }
  giftInbox(first: 5) { edges { node { id message sentAt redeemed sender { id handle } offer { id title brand { id name } } } } } } }`;

export const ME_ORDERS = `query MeOrders { me { id orders(first: 5) { edges { node { id status createdAt total { amount currencyCode } brand { id name }
  lines { title quantity unitPrice { amount } product { id title } } } } } } }`;

export const ME_EARNINGS = `query MeEarnings { me { id following(first: 5) { edges { node { id handle } } }
  creator { id handle earnings { commissions { amount } gifts { amount } total { amount } pending { amount } }
  affiliateLinks(first: 5) { edges { node { id code clicks orderCount product { id title } } } } } } }`;

/** Every document the bench's screens send: they go into the trusted documents manifest (`npm run documents`). */
export const SCREEN_OPERATIONS = [FEED_PAGE, CREATOR_PROFILE, PRODUCT_PAGE, VIDEO_PAGE, LIVE_STREAM_PAGE, BRAND_PAGE, CATALOG_PAGE, CREATORS_PAGE, LIVE_NOW, BRANDS, SHOP_BASICS, ME_HOME, ME_ORDERS, ME_EARNINGS];

export const VIEWER_SCREENS = [
  { name: 'me: home', query: ME_HOME },
  { name: 'me: orders', query: ME_ORDERS },
  { name: 'me: earnings', query: ME_EARNINGS },
];

type Graphql = (query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface Edge {
  cursor: string;
  node: { id: string };
}

/** Every cursor of a connection, page by page. */
async function cursorsOf(graphql: Graphql, field: 'feed' | 'creators'): Promise<string[]> {
  const cursors: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await graphql(`query ($after: String) { ${field}(first: 100, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
    const page = data[field] as { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    cursors.push(...page.edges.map((edge) => edge.cursor));
    if (!page.pageInfo.hasNextPage) return cursors;
    after = page.pageInfo.endCursor;
  }
}

/** Pages of `size` after real cursors: the first page, then after the last item of each page before. */
function pageCursors(cursors: string[], size: number, pages: number): (string | null)[] {
  const afters: (string | null)[] = [null];
  for (let page = 1; page < pages && page * size - 1 < cursors.length; page++) afters.push(cursors[page * size - 1]!);
  return afters;
}

/**
 * The anonymous screens: about 230 distinct operations. Ids come from the seed world; cursors,
 * handles and catalog ids are read through the graph, as a client would get them.
 */
export async function publicScreens(graphql: Graphql): Promise<Operation[]> {
  const operations: Operation[] = [];
  const feedCursors = await cursorsOf(graphql, 'feed');
  for (const after of pageCursors(feedCursors, 6, 50)) operations.push({ name: `feed after ${after ?? 'start'}`, query: FEED_PAGE, variables: { after } });

  const creators = (await graphql('{ creators(first: 100) { edges { node { id handle } } } }', {})).creators as { edges: { node: { id: string; handle: string } }[] };
  for (const { node } of creators.edges) operations.push({ name: `creator ${node.handle}`, query: CREATOR_PROFILE, variables: { handle: node.handle } });
  const creatorCursors = await cursorsOf(graphql, 'creators');
  for (const after of pageCursors(creatorCursors, 5, 4)) operations.push({ name: `creators after ${after ?? 'start'}`, query: CREATORS_PAGE, variables: { after } });

  // Two in five products and one in five videos: enough that the same page rarely repeats back to back.
  productIds.forEach((id, i) => {
    if (i % 5 === 0 || i % 5 === 2) operations.push({ name: `product ${id}`, query: PRODUCT_PAGE, variables: { id } });
  });
  videoIds.forEach((id, i) => {
    if (i % 5 === 0) operations.push({ name: `video ${id}`, query: VIDEO_PAGE, variables: { id } });
  });
  for (const id of liveStreamIds) operations.push({ name: `live stream ${id}`, query: LIVE_STREAM_PAGE, variables: { id } });
  for (const brand of brands) operations.push({ name: `brand ${brand.slug}`, query: BRAND_PAGE, variables: { id: brand.id } });

  const catalogIds = new Set<string>();
  for (const brand of brands) {
    const data = await graphql('query ($id: ID!) { brand(id: $id) { catalogs(first: 100) { edges { node { id } } } } }', { id: brand.id });
    for (const { node } of (data.brand as { catalogs: { edges: { node: { id: string } }[] } }).catalogs.edges) catalogIds.add(node.id);
  }
  for (const id of catalogIds) operations.push({ name: `catalog ${id}`, query: CATALOG_PAGE, variables: { id } });

  operations.push({ name: 'live now', query: LIVE_NOW, variables: {} });
  operations.push({ name: 'brands', query: BRANDS, variables: {} });
  operations.push({ name: 'gifts and coin packages', query: SHOP_BASICS, variables: {} });
  return operations;
}
