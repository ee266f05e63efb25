/**
 * The explorer's ready example operations: one per step of the walk-throughs
 * (`docs/walkthroughs.md`, and the README's tour first), in their order, with the seeded ids filled in where the seed fixes them and a placeholder
 * where an earlier step's answer is needed. A unit test validates every operation and its
 * variables against `schema/api.graphql`.
 */

/** Who the caller must be: what goes in the headers editor first. */
export type Credentials = 'anyone' | 'user' | 'partner';

export interface ExampleOperation {
  /** Stable slug, also the operation's name in kebab case. */
  id: string;
  walkthrough: string;
  title: string;
  credentials: Credentials;
  /** One or two sentences: what the step shows and where its inputs come from. */
  hint: string;
  query: string;
  /** What the Variables tab gets; `FRESH_KEY` values are filled by `variablesFor` each time. */
  variables?: Record<string, unknown>;
}

/**
 * Stands for a new idempotency key in an example's variables. A fixed key would be spent by the
 * first run (the walk-throughs in `docs/` use the same ones): run again with other input it is
 * IDEMPOTENCY_KEY_REUSED, with the same input it only replays the first answer.
 */
export const FRESH_KEY = '<a fresh idempotency key>';

/**
 * Stand for the ends of the past year when an example is opened: the seed world is dated from
 * the stores' first start (packages/fixtures/src/seed-time.ts), so no fixed period covers it.
 */
export const A_YEAR_AGO = '<a year ago>';
export const TOMORROW = '<tomorrow>';
const DAY_MS = 86_400_000;

/** 16 hex digits; `getRandomValues` works on a plain-http page too, unlike `randomUUID`. */
function randomHex(): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** An example's variables as the explorer fills them when it is opened: a new key for each `FRESH_KEY`, dates for the period's ends. */
export function variablesFor(example: ExampleOperation, random: () => string = randomHex, now: number = Date.now()): Record<string, unknown> | undefined {
  if (!example.variables) return undefined;
  const filled = (value: unknown): unknown => {
    if (value === FRESH_KEY) return `${example.id}-${random()}`;
    if (value === A_YEAR_AGO) return new Date(now - 365 * DAY_MS).toISOString();
    if (value === TOMORROW) return new Date(now + DAY_MS).toISOString();
    return value;
  };
  return Object.fromEntries(Object.entries(example.variables).map(([name, value]) => [name, filled(value)]));
}

/** Seeded ids the walk-throughs use (stable: a hash of the seed index). */
export const SEEDED = {
  /** A live stream of another creator (noah.gaming's), so Maya may gift to it. */
  liveStreamId: 'liv_s1i5ISWc4Wm0',
  /** Its creator's handle: only they may pin products on it or end it. */
  liveStreamCreatorHandle: 'noah.gaming',
  roseGiftId: 'lgf_OWoKtmEQnz8x',
  coinPackageId: 'cpk_700',
  /** ava.beauty, a US user: the friend who receives a Small Gesture. */
  friendUserId: 'usr_D9EYn7MH22Mh',
  offerId: 'gof_HCfuNHKzITbz',
  brandId: 'brd_XUMDqD4HV8ye',
  productId: 'prd_QE3zNVss2-WP',
  /** A Creator Drops beanie on sale and not pinned yet: gaming merch for noah.gaming's stream. */
  pinProductId: 'prd_4j4s6hjnUDx8',
} as const;

export const EXAMPLES: readonly ExampleOperation[] = [
  {
    id: 'creator-profile',
    walkthrough: 'Quickstart',
    title: 'A creator’s profile, across all four subgraphs',
    credentials: 'anyone',
    hint: 'The README’s first query: the creator from users, videos and streams from content, products from commerce, gift totals and top gifters from gifts.',
    query: `query CreatorProfile {
  creator(handle: "maya.cooking") {
    displayName
    followerCount
    followers(first: 3) { edges { node { handle } } }
    videos(first: 5) {
      edges { node { caption products { title price { formatted } brand { name } } } }
      pageInfo { hasNextPage endCursor }
    }
    liveStreams(first: 3) {
      edges { node { title status pinnedProducts { title price { formatted } } giftTotals { coins diamonds } } }
    }
    topGifters(first: 3) { rank coins user { handle } }
    catalogs(first: 3) { edges { node { name brand { name } } } }
    showcase(first: 5) { edges { node { title price { formatted } } } }
  }
}`,
  },
  {
    id: 'creator-profile-deferred',
    walkthrough: 'Quickstart',
    title: 'The same profile, its slow parts deferred (@defer)',
    credentials: 'anyone',
    hint: 'The creator (users) comes at once; the videos with their products (content, then commerce), the streams with their gifts and the shop arrive after it, each as its own payload with its label and path (`multipart/mixed;deferSpec=20220824`), merged here as they come.',
    query: `query CreatorProfileDeferred {
  creator(handle: "maya.cooking") {
    displayName
    followerCount
    ... @defer(label: "videos") {
      videos(first: 5) {
        edges { node { caption products { title price { formatted } brand { name } } } }
      }
    }
    ... @defer(label: "live") {
      liveStreams(first: 3) { edges { node { title status giftTotals { coins diamonds } } } }
      topGifters(first: 3) { rank coins user { handle } }
    }
    ... @defer(label: "shop") {
      showcase(first: 5) { edges { node { title price { formatted } } } }
      catalogs(first: 3) { edges { node { name brand { name } } } }
    }
  }
}`,
  },
  {
    id: 'feed',
    walkthrough: 'Quickstart',
    title: 'The video feed',
    credentials: 'anyone',
    hint: 'Newest videos first, with each creator and tagged products; page on with `after: pageInfo.endCursor`.',
    query: `query Feed($first: Int = 10, $after: String) {
  feed(first: $first, after: $after) {
    edges {
      node {
        id
        caption
        creator { handle displayName }
        products { title price { formatted } brand { name } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { first: 10 },
  },
  {
    id: 'me',
    walkthrough: 'Acting as someone',
    title: 'Who am I (as a user)',
    credentials: 'user',
    hint: 'Needs a user token in the headers: `npm run token -- maya.cooking`.',
    query: `query Me {
  me { id handle followingCount wallet { coins } }
}`,
  },
  {
    id: 'my-brand',
    walkthrough: 'Acting as someone',
    title: 'Which brand am I (as a partner)',
    credentials: 'partner',
    hint: 'Needs a partner key in the headers (`x-api-key`): `npm run keys -- create --partner brd_XUMDqD4HV8ye --scopes catalog:read,catalog:write`.',
    query: `query MyBrand {
  myBrand { id name platform }
}`,
  },
  {
    id: 'buy-coins',
    walkthrough: 'Gifts',
    title: '1. Buy coins',
    credentials: 'user',
    hint: 'Pick a package from `coinPackages`; the test payment provider approves (set `paymentMethod: "test_decline"` to see PAYMENT_DECLINED). Opening an example fills in a new idempotency key: open it again to buy again (the same key only replays the first answer).',
    query: `query CoinPackages {
  coinPackages { id coins price { formatted } }
}

mutation PurchaseCoins($packageId: ID!, $idempotencyKey: String!) {
  purchaseCoins(input: { packageId: $packageId, idempotencyKey: $idempotencyKey }) {
    wallet { coins }
  }
}`,
    variables: { packageId: SEEDED.coinPackageId, idempotencyKey: FRESH_KEY },
  },
  {
    id: 'send-live-gift',
    walkthrough: 'Gifts',
    title: '2. Send a gift to a live stream',
    credentials: 'user',
    hint: 'Run LiveNowAndGifts for a stream and a gift, then SendLiveGift (buy coins first).',
    query: `query LiveNowAndGifts {
  liveNow(first: 5) { edges { node { id title creator { handle } } } }
  liveGifts { id name coinPrice }
}

mutation SendLiveGift($liveStreamId: ID!, $giftId: ID!, $quantity: Int!, $idempotencyKey: String!) {
  sendLiveGift(input: { liveStreamId: $liveStreamId, giftId: $giftId, quantity: $quantity, idempotencyKey: $idempotencyKey }) {
    send { coins diamonds creator { handle } }
    wallet { coins }
  }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId, giftId: SEEDED.roseGiftId, quantity: 2, idempotencyKey: FRESH_KEY },
  },
  {
    id: 'stream-earnings',
    walkthrough: 'Gifts',
    title: '3. What the stream was gifted',
    credentials: 'anyone',
    hint: 'The stream’s totals and leaderboard (gifts), public. What the creator earned is theirs alone: with their token, `me { creator { giftEarnings } }` (step 6); anyone else gets null with FORBIDDEN.',
    query: `query StreamEarnings($liveStreamId: ID!) {
  liveStream(id: $liveStreamId) {
    title
    giftTotals { coins diamonds giftCount gifterCount }
    topGifters { rank coins user { handle } }
    creator { handle }
  }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId },
  },
  {
    id: 'small-gesture-offers',
    walkthrough: 'Small Gestures',
    title: '4a. Offers you may send',
    credentials: 'user',
    hint: 'US users only (`unavailableReason` says why not); three sends per user, ever.',
    query: `query SmallGestureOffers {
  smallGestureOffers {
    offers { id title codesLeft }
    unavailableReason
  }
}`,
  },
  {
    id: 'send-small-gesture',
    walkthrough: 'Small Gestures',
    title: '4b. Send a Small Gesture to a friend',
    credentials: 'user',
    hint: 'The recipient is ava.beauty; the message may be up to 150 characters.',
    query: `mutation SendSmallGesture($offerId: ID!, $recipientId: ID!, $message: String!, $idempotencyKey: String!) {
  sendSmallGesture(input: { offerId: $offerId, recipientId: $recipientId, message: $message, idempotencyKey: $idempotencyKey }) {
    gift { id }
    allowance { remaining }
  }
}`,
    variables: { offerId: SEEDED.offerId, recipientId: SEEDED.friendUserId, message: 'For you!', idempotencyKey: FRESH_KEY },
  },
  {
    id: 'redeem-small-gesture',
    walkthrough: 'Small Gestures',
    title: '4c. The friend’s inbox, and redeeming',
    credentials: 'user',
    hint: 'With the friend’s token (`npm run token -- ava.beauty`): the inbox, then redeem a gift id from it (the code is shown once).',
    query: `query GiftInbox {
  me {
    giftInbox(first: 5) { edges { node { id message sender { handle } offer { title } } } }
  }
}

mutation RedeemSmallGesture($id: ID!) {
  redeemSmallGesture(id: $id) { code }
}`,
    variables: { id: '<a gift id from GiftInbox>' },
  },
  {
    id: 'claim-link',
    walkthrough: 'Small Gestures',
    title: '5. Send by claim link, and claim it',
    credentials: 'user',
    hint: 'Leave out the recipient: the answer has a one-time claim token. Whoever signs in first (another user’s token, e.g. `npm run token -- elenasilva26`) claims it; unclaimed after 72 h it expires and the send comes back.',
    query: `mutation SendByClaimLink($offerId: ID!, $message: String!, $idempotencyKey: String!) {
  sendSmallGesture(input: { offerId: $offerId, message: $message, idempotencyKey: $idempotencyKey }) {
    claimToken
    gift { id state claimExpiresAt }
  }
}

mutation ClaimSmallGesture($token: String!) {
  claimSmallGesture(token: $token) { gift { id state } }
}

query SmallGesturesSent {
  me { smallGesturesSent(first: 5) { edges { node { state message recipient { handle } } } } }
}`,
    variables: { offerId: SEEDED.offerId, message: 'Claim me!', idempotencyKey: FRESH_KEY, token: '<claimToken from SendByClaimLink>' },
  },
  {
    id: 'gift-payout',
    walkthrough: 'Gifts',
    title: '6. A creator withdraws gift earnings',
    credentials: 'user',
    hint: 'With a creator’s token (maya.cooking): the balance by state, then a payout of at least $10.00 (leave out `amount` for everything payable; `payoutMethod: "test_fail"` fails and gives the diamonds back).',
    query: `query GiftBalance {
  me {
    creator {
      giftEarnings { diamonds balance { available { formatted } inPayout { formatted } paidOut { formatted } } }
      giftPayouts(first: 5) { edges { node { status amount { formatted } } } }
    }
  }
}

mutation RequestGiftPayout($amount: Int, $idempotencyKey: String!) {
  requestGiftPayout(input: { amount: $amount, idempotencyKey: $idempotencyKey }) {
    payout { status amount { formatted } }
  }
}`,
    variables: { amount: 1000, idempotencyKey: FRESH_KEY },
  },
  {
    id: 'partner-gift-offers',
    walkthrough: 'Gifts',
    title: '7. A partner runs its Small Gestures offers',
    credentials: 'partner',
    hint: 'With a Tunewave key: `npm run keys -- create --partner brd_VauxgLWyZL6K --scopes offers:write,analytics:read`. List the offers, then pause, resume or add codes (unique per offer).',
    query: `query BrandOffers($brandId: ID!) {
  brand(id: $brandId) {
    name
    giftOffers(first: 5) { edges { node { id title status codesLeft endsAt stats { sent redeemed } } } }
  }
}

mutation PauseGiftOffer($id: ID!) {
  pauseGiftOffer(id: $id) { status }
}

mutation ResumeGiftOffer($id: ID!) {
  resumeGiftOffer(id: $id) { status }
}`,
    variables: { brandId: 'brd_VauxgLWyZL6K', id: '<offer id from BrandOffers>' },
  },
  {
    id: 'create-affiliate-link',
    walkthrough: 'Commerce',
    title: '1. A creator links a product',
    credentials: 'user',
    hint: 'With a creator’s token (maya.cooking): any product on sale, at its rate or a higher deal.',
    query: `mutation CreateAffiliateLink($productId: ID!) {
  createAffiliateLink(productId: $productId) {
    code
    commissionRate
    product { title }
  }
}`,
    variables: { productId: SEEDED.productId },
  },
  {
    id: 'affiliate-checkout',
    walkthrough: 'Commerce',
    title: '2. A buyer checks out through the link',
    credentials: 'user',
    hint: 'With another user’s token (`npm run token -- ava.beauty`) and the code from CreateAffiliateLink.',
    query: `mutation Checkout($productId: ID!, $quantity: Int!, $affiliateCode: String, $idempotencyKey: String!) {
  checkout(input: { lines: [{ productId: $productId, quantity: $quantity }], affiliateCode: $affiliateCode, idempotencyKey: $idempotencyKey }) {
    order { id status total { formatted } commission { formatted } }
  }
}`,
    variables: { productId: SEEDED.productId, quantity: 2, affiliateCode: '<code from CreateAffiliateLink>', idempotencyKey: FRESH_KEY },
  },
  {
    id: 'fulfill-order',
    walkthrough: 'Commerce',
    title: '3. The brand ships it',
    credentials: 'partner',
    hint: 'With a Glow Theory key holding `orders:write`: `npm run keys -- create --partner brd_XUMDqD4HV8ye --scopes orders:read,orders:write`.',
    query: `mutation FulfillOrder($orderId: ID!, $idempotencyKey: String!) {
  fulfillOrder(input: { orderId: $orderId, carrier: "UPS", trackingNumber: "1Z999AA10123456784", idempotencyKey: $idempotencyKey }) {
    id status returnsUntil shipment { carrier trackingNumber }
  }
}`,
    variables: { orderId: '<order id from Checkout>', idempotencyKey: FRESH_KEY },
  },
  {
    id: 'return-and-refund',
    walkthrough: 'Commerce',
    title: '4. A return, refunded with exact clawback',
    credentials: 'user',
    hint: 'The buyer asks (buyer’s token), then the brand approves with its `orders:write` key: the refunded unit’s commission, and only that, is clawed back.',
    query: `mutation RequestReturn($orderId: ID!, $productId: ID!, $idempotencyKey: String!) {
  requestReturn(input: { orderId: $orderId, lines: [{ productId: $productId, quantity: 1 }], reason: "Wrong shade", idempotencyKey: $idempotencyKey }) { id status }
}

mutation ApproveReturn($returnId: ID!, $approveKey: String!) {
  approveReturn(input: { returnId: $returnId, restock: true, idempotencyKey: $approveKey }) { status refund { formatted } restocked }
}`,
    variables: { orderId: '<order id from Checkout>', productId: SEEDED.productId, idempotencyKey: FRESH_KEY, returnId: '<return id from RequestReturn>', approveKey: FRESH_KEY },
  },
  {
    id: 'creator-earnings',
    walkthrough: 'Commerce',
    title: '5. The creator’s statement and earnings',
    credentials: 'user',
    hint: 'With the creator’s token: each commission line’s state (worked out from the clock when read), and the balance per source, commission and gifts (from the gifts subgraph through @requires).',
    query: `query CreatorEarnings {
  me {
    creator {
      commissionStatement {
        totals { pending { formatted } locked { formatted } payable { formatted } paid { formatted } reversed { formatted } }
        lines(first: 5) { edges { node { title units refundedUnits state amount { formatted } lockedUntil } } }
      }
      earnings {
        commissions { formatted }
        gifts { formatted }
        total { formatted }
        commissionBalance { available { formatted } locked { formatted } paidOut { formatted } }
        giftBalance { available { formatted } inPayout { formatted } paidOut { formatted } }
      }
    }
  }
}`,
  },
  {
    id: 'commission-payout',
    walkthrough: 'Commerce',
    title: '6. Withdraw payable commission',
    credentials: 'user',
    hint: 'The seeded creator yuki.music has payable commission (`npm run token -- yuki.music`); at least $10, and two requests at once never pay a line twice.',
    query: `mutation RequestCommissionPayout($idempotencyKey: String!) {
  requestCommissionPayout(input: { payoutMethod: "test_bank", idempotencyKey: $idempotencyKey }) { status amount { formatted } }
}`,
    variables: { idempotencyKey: FRESH_KEY },
  },
  {
    id: 'brand-runs-shop',
    walkthrough: 'Commerce',
    title: '7. The brand runs its shop',
    credentials: 'partner',
    hint: 'With a key holding `catalog:read,analytics:read`: what the key may do, archived products, deals and sales for a period.',
    query: `query BrandShop($from: DateTime!, $to: DateTime!) {
  viewerKey { name scopes tier expiresAt }
  myBrand {
    name
    allProducts(first: 5, status: ARCHIVED) { edges { node { title status } } }
    commissionDeals { edges { node { creator { handle } commissionRate } } }
    sales(from: $from, to: $to) {
      totals { orders units revenue { formatted } refunds { formatted } commission { formatted } }
      byCreator(first: 3) { creator { handle } sales { orders commission { formatted } } }
    }
  }
}`,
    variables: { from: A_YEAR_AGO, to: TOMORROW },
  },
  {
    id: 'import-product-feed',
    walkthrough: 'Merch feeds',
    title: 'Import a shop’s product feed',
    credentials: 'partner',
    hint: 'With a key holding `catalog:write` for the brand. Running it again changes nothing; FULL archives what the feed leaves out.',
    query: `mutation ImportProductFeed($brandId: ID!, $feed: ProductFeedInput!) {
  importProductFeed(brandId: $brandId, feed: $feed) {
    created
    updated
    unchanged
    archived
    failed
    errors { index field reason }
  }
}`,
    variables: {
      brandId: SEEDED.brandId,
      feed: { mode: 'FULL', items: [{ externalId: 'sku-1', title: 'Dewy Serum', priceAmount: 2499, inventory: 40, status: 'ACTIVE' }] },
    },
  },
  {
    id: 'publish-video',
    walkthrough: 'Shoppable videos',
    title: '1. A creator publishes a video tagging a product',
    credentials: 'user',
    hint: 'As a creator (`npm run token -- maya.cooking`). Up to 5 products, from any brand; a made-up id is BAD_USER_INPUT naming it. The video is first in the feed and counted in her `videoCount` by the same write.',
    query: `mutation PublishVideo($input: PublishVideoInput!) {
  publishVideo(input: $input) {
    id
    caption
    taggedProducts { title price { formatted } brand { name } }
    creator { handle videoCount }
  }
}`,
    variables: {
      input: {
        caption: 'Pasta night #recipe',
        hashtags: ['recipe'],
        durationSeconds: 45,
        playbackUrl: 'https://media.example.com/v/pasta.m3u8',
        thumbnailUrl: 'https://media.example.com/v/pasta.jpg',
        productIds: [SEEDED.productId],
      },
    },
  },
  {
    id: 'like-video',
    walkthrough: 'Shoppable videos',
    title: '2. A viewer likes it',
    credentials: 'user',
    hint: 'As a viewer (`npm run token -- ravichen55`), with the id step 1 answered. Liking twice counts once; `unlikeVideo` takes it back.',
    query: `mutation LikeVideo($id: ID!) {
  likeVideo(id: $id) { likeCount viewerHasLiked }
}`,
    variables: { id: '<video>' },
  },
  {
    id: 'live-gift-events',
    walkthrough: 'LIVE room',
    title: '1. Watch the gifts (subscription)',
    credentials: 'anyone',
    hint: 'Runs over WebSocket until you stop it or the stream ends. Send a gift in another tab (Gifts, step 2) and watch it arrive: `combo` is the "x3". Each event’s id is in `extensions.eventId`; pass the last one as `after` to resume.',
    query: `subscription LiveGiftEvents($liveStreamId: ID!, $after: ID) {
  liveGiftEvents(liveStreamId: $liveStreamId, after: $after) {
    id
    combo
    send { quantity coins gift { name coinPrice } sender { handle displayName } }
    totals { coins diamonds giftCount gifterCount }
    stream { topGifters(first: 3) { rank coins user { handle } } creator { handle } }
  }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId },
  },
  {
    id: 'live-shopping-events',
    walkthrough: 'LIVE room',
    title: '2. Watch the shopping overlay (subscription)',
    credentials: 'anyone',
    hint: 'Pins, unpins and purchases of pinned products, as they commit; never the buyer. Pin a product with step 4 in another tab.',
    query: `subscription LiveShoppingEvents($liveStreamId: ID!, $after: ID) {
  liveShoppingEvents(liveStreamId: $liveStreamId, after: $after) {
    id
    kind
    quantity
    product { id title inventory price { formatted } brand { name } }
  }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId },
  },
  {
    id: 'live-stream-updates',
    walkthrough: 'LIVE room',
    title: '3. Watch the stream’s status (subscription)',
    credentials: 'anyone',
    hint: 'SCHEDULED, LIVE, ENDED: the last event before every subscription to the stream completes.',
    query: `subscription LiveStreamUpdates($liveStreamId: ID!, $after: ID) {
  liveStreamUpdates(liveStreamId: $liveStreamId, after: $after) {
    id
    status
    stream { title startedAt endedAt }
  }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId },
  },
  {
    id: 'live-room-state',
    walkthrough: 'LIVE room',
    title: 'The room as it is now (query)',
    credentials: 'anyone',
    hint: 'What a client shows before the first event: status, gift totals and leaderboard, pinned products and sales.',
    query: `query LiveRoom($liveStreamId: ID!) {
  liveStream(id: $liveStreamId) {
    title
    status
    creator { handle }
    giftTotals { coins diamonds giftCount gifterCount }
    topGifters(first: 3) { rank coins user { handle } }
    pinnedProducts { id title inventory price { formatted } }
    sales { orders units revenue { formatted } }
  }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId },
  },
  {
    id: 'pin-product',
    walkthrough: 'LIVE room',
    title: '4. Pin and unpin a product (as the stream’s creator)',
    credentials: 'user',
    hint: 'With the creator’s token: `npm run token -- noah.gaming` for the seeded stream. A pin that changes nothing sends no event.',
    query: `mutation PinProduct($liveStreamId: ID!, $productId: ID!) {
  pinProduct(liveStreamId: $liveStreamId, productId: $productId) { pinnedProducts { title } }
}

mutation UnpinProduct($liveStreamId: ID!, $productId: ID!) {
  unpinProduct(liveStreamId: $liveStreamId, productId: $productId) { pinnedProducts { title } }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId, productId: SEEDED.pinProductId },
  },
  {
    id: 'live-stream-lifecycle',
    walkthrough: 'LIVE room',
    title: '5. Schedule, start and end your own stream',
    credentials: 'user',
    hint: 'With a creator’s token (`npm run token -- maya.cooking`): schedule, then start with the id it returns; subscribe to it, then end it and every subscription completes.',
    query: `mutation ScheduleLiveStream($title: String!, $scheduledFor: DateTime!, $idempotencyKey: String!) {
  scheduleLiveStream(input: { title: $title, scheduledFor: $scheduledFor, idempotencyKey: $idempotencyKey }) { id status scheduledFor }
}

mutation StartLiveStream($id: ID!) {
  startLiveStream(id: $id) { id status startedAt }
}

mutation EndLiveStream($id: ID!) {
  endLiveStream(id: $id) { id status endedAt }
}`,
    variables: { title: 'Cooking Q&A', scheduledFor: '<a time in the next 90 days, e.g. 2030-01-01T18:00:00Z>', idempotencyKey: FRESH_KEY, id: '<stream id from ScheduleLiveStream>' },
  },
  {
    id: 'register-webhook-endpoint',
    walkthrough: 'Commerce',
    title: '8. The brand hears of its orders (webhooks)',
    credentials: 'partner',
    hint: 'With a key holding `webhooks:write`: `npm run keys -- create --partner brd_XUMDqD4HV8ye --scopes webhooks:write`. The secret is shown this once; outside production a loopback http URL is allowed (docs/webhooks.md).',
    query: `mutation RegisterWebhookEndpoint($url: String!) {
  registerWebhookEndpoint(input: { url: $url, topics: [ORDER_CREATED, ORDER_PAID, ORDER_FULFILLED, PRODUCT_STOCK_LOW], description: "My shop's ERP" }) {
    secret
    endpoint { id url topics enabled }
  }
}`,
    variables: { url: 'http://127.0.0.1:8080/webhooks' },
  },
  {
    id: 'webhook-deliveries',
    walkthrough: 'Commerce',
    title: '9. What was delivered, and a replay',
    credentials: 'partner',
    hint: 'With the same `webhooks:write` key, after an order: each delivery’s status, attempts and last answer; replay one to send its event again with the same id.',
    query: `query WebhookDeliveries($brandId: ID!) {
  brand(id: $brandId) {
    webhookEndpoints {
      id url enabled disabledReason
      deliveries(first: 10) { edges { node { id eventId topic status attempts lastResponseCode lastError nextAttemptAt } } }
    }
  }
}

mutation ReplayWebhookDelivery($deliveryId: ID!) {
  replayWebhookDelivery(deliveryId: $deliveryId) { id eventId status }
}`,
    variables: { brandId: SEEDED.brandId, deliveryId: '<delivery id from WebhookDeliveries>' },
  },
  {
    id: 'start-flash-deal',
    walkthrough: 'LIVE room',
    title: '6. Start a flash deal on a pinned product (as the stream’s creator)',
    credentials: 'user',
    hint: 'With the stream creator’s token (`npm run token -- noah.gaming`), after pinning the product (4.): the deal price is below the product’s, the quantity leaves its stock now, and the room’s overlay hears DEAL_SCHEDULED and DEAL_STARTED (docs/flash-deals.md).',
    query: `mutation StartFlashDeal($liveStreamId: ID!, $productId: ID!, $idempotencyKey: String!) {
  startFlashDeal(input: { liveStreamId: $liveStreamId, productId: $productId, dealPrice: 799, startsIn: 10, durationMinutes: 5, quantity: 20, perBuyerLimit: 2, idempotencyKey: $idempotencyKey }) {
    id status dealPrice { amount currencyCode } startsAt endsAt quantity unitsLeft perBuyerLimit
    product { id title price { amount } inventory }
  }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId, productId: SEEDED.pinProductId, idempotencyKey: FRESH_KEY },
  },
  {
    id: 'buy-from-flash-deal',
    walkthrough: 'LIVE room',
    title: '7. Buy from the flash deal',
    credentials: 'user',
    hint: 'With a viewer’s token (`npm run token -- ava.beauty`) once the deal has started: the line pays the deal price; DEAL_NOT_STARTED, DEAL_ENDED, DEAL_SOLD_OUT and DEAL_LIMIT_REACHED (with `remaining`) say why not.',
    query: `mutation BuyFromFlashDeal($liveStreamId: ID!, $productId: ID!, $flashDealId: ID!, $idempotencyKey: String!) {
  checkout(input: { lines: [{ productId: $productId, quantity: 1 }], liveStreamId: $liveStreamId, flashDealId: $flashDealId, idempotencyKey: $idempotencyKey }) {
    order { id total { amount currencyCode } lines { unitPrice { amount } quantity } }
  }
}

query RoomFlashDeals($liveStreamId: ID!) {
  liveStream(id: $liveStreamId) { flashDeals { id status unitsLeft unitsSold endsAt } }
}`,
    variables: { liveStreamId: SEEDED.liveStreamId, productId: SEEDED.pinProductId, flashDealId: '<deal id from StartFlashDeal>', idempotencyKey: FRESH_KEY },
  },
  {
    id: 'end-flash-deal',
    walkthrough: 'LIVE room',
    title: '8. End the flash deal early (as the stream’s creator)',
    credentials: 'user',
    hint: 'With the stream creator’s token again: the units left go back to the product’s stock and the room hears DEAL_ENDED (`endedReason` ENDED_EARLY). The brand ends one with `endBrandFlashDeal` and a `catalog:write` key; ending the stream ends its deals too (STREAM_ENDED).',
    query: `mutation EndFlashDeal($dealId: ID!) {
  endFlashDeal(dealId: $dealId) {
    id status endedReason unitsSold
    product { id inventory }
  }
}`,
    variables: { dealId: '<deal id from StartFlashDeal>' },
  },
  {
    id: 'create-campaign',
    walkthrough: 'Campaigns',
    title: '1. A brand creates a campaign',
    credentials: 'partner',
    hint: 'With a key made with `--scopes campaigns:write` for Glow Theory Beauty. The rate must be above the product’s open rate (CAMPAIGN_RATE_TOO_LOW); the fee is in cents. Then invite a creator with `inviteCreators` (docs/campaigns.md).',
    query: `mutation CreateCampaign($input: CreateCampaignInput!) {
  createCampaign(input: $input) { id status commissionRate fixedFee { formatted } capacity acceptedCount }
}`,
    variables: {
      input: { name: 'Glow season', brief: 'A morning routine with the blush.', productIds: [SEEDED.productId], commissionRate: 0.2, fixedFee: 5000, contentDeadline: '2030-01-31T00:00:00Z', capacity: 10, idempotencyKey: FRESH_KEY },
    },
  },
  {
    id: 'accept-campaign-invitation',
    walkthrough: 'Campaigns',
    title: '2. The creator sees the invitation and accepts it',
    credentials: 'user',
    hint: 'As the invited creator (`npm run token -- maya.cooking`). Accepting takes one of the campaign’s places: CAMPAIGN_FULL when none is left, NOT_INVITED without an invitation.',
    query: `query MyInvitations {
  myCampaigns { edges { node { status campaign { id name commissionRate brand { name } } } } }
}

mutation AcceptCampaignInvitation($campaignId: ID!) {
  acceptCampaignInvitation(campaignId: $campaignId) { status campaign { acceptedCount capacity } }
}`,
    variables: { campaignId: '<campaign>' },
  },
  {
    id: 'request-campaign-sample',
    walkthrough: 'Campaigns',
    title: '3. The creator asks for a sample',
    credentials: 'user',
    hint: 'The brand then approves (`approveCampaignSample`) and ships it (`shipCampaignSample`) with its key, within 7 days or the request lapses; the creator confirms it arrived (`confirmCampaignSampleDelivered`).',
    query: `mutation RequestCampaignSample($campaignId: ID!, $productId: ID!) {
  requestCampaignSample(campaignId: $campaignId, productId: $productId) { id status decideBy }
}`,
    variables: { campaignId: '<campaign>', productId: SEEDED.productId },
  },
  {
    id: 'fulfil-campaign-sample',
    walkthrough: 'Campaigns',
    title: '4. Her video tagging the product fulfils the sample',
    credentials: 'user',
    hint: 'After publishing a video that tags the product (Shoppable videos, 1.). Within 14 days of delivery; the campaign’s fee becomes payable (her `earnings.commissionBalance.available`).',
    query: `mutation FulfilCampaignSample($sampleId: ID!, $videoId: ID!) {
  fulfilCampaignSample(input: { sampleId: $sampleId, videoId: $videoId }) { status contentKind fulfilledAt }
}`,
    variables: { sampleId: '<sample>', videoId: '<video>' },
  },
  {
    id: 'find-proven-creators',
    walkthrough: 'Campaigns',
    title: '5. A brand finds creators with a proven sample record',
    credentials: 'partner',
    hint: 'With the `campaigns:write` (or `campaigns:read`) key: the directory keeps creators whose sample fulfilment rate is at least the minimum; one with no settled sample has none and is left out. A page looks at most 500 creators, so it may be short with `hasNextPage` true: go on from `endCursor`.',
    query: `query ProvenCreators {
  searchCreators(minFulfilmentRate: 0.8, first: 10) {
    edges { node { handle followerCount sampleFulfilment { fulfilled missed rate } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  },
];

/**
 * The example the explorer opens with, and the one the browser test runs. It takes no variables:
 * GraphiQL 5 does not fill the first default tab's variables editor.
 */
export const FIRST_EXAMPLE = EXAMPLES[0]!;
