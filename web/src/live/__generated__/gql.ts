/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment LiveGiftTotals on LiveStreamGiftTotals {\n    coins\n    diamonds\n    giftCount\n    gifterCount\n  }\n": typeof types.LiveGiftTotalsFragmentDoc,
    "\n  fragment LiveTopGifter on TopGifter {\n    rank\n    coins\n    user {\n      handle\n    }\n  }\n": typeof types.LiveTopGifterFragmentDoc,
    "\n  fragment LivePinnedProduct on Product {\n    id\n    title\n    inventory\n    imageUrl\n    price {\n      formatted\n    }\n  }\n": typeof types.LivePinnedProductFragmentDoc,
    "\n  fragment LiveFlashDeal on FlashDeal {\n    id\n    status\n    startsAt\n    endsAt\n    unitsLeft\n    perBuyerLimit\n    dealPrice {\n      formatted\n    }\n    product {\n      id\n    }\n  }\n": typeof types.LiveFlashDealFragmentDoc,
    "\n  query LiveNow {\n    liveNow(first: 20) {\n      edges {\n        node {\n          id\n          title\n          viewerCount\n          creator {\n            handle\n          }\n        }\n      }\n    }\n  }\n": typeof types.LiveNowDocument,
    "\n  query LiveRoom($id: ID!) {\n    liveStream(id: $id) {\n      id\n      title\n      status\n      startedAt\n      endedAt\n      creator {\n        handle\n        displayName\n      }\n      giftTotals {\n        ...LiveGiftTotals\n      }\n      topGifters(first: 3) {\n        ...LiveTopGifter\n      }\n      recentGifts(first: 20) {\n        id\n        eventId\n        quantity\n        combo\n        gift {\n          name\n        }\n        sender {\n          handle\n        }\n      }\n      pinnedProducts {\n        ...LivePinnedProduct\n      }\n      flashDeals {\n        ...LiveFlashDeal\n      }\n      sales {\n        orders\n        units\n        revenue {\n          formatted\n        }\n      }\n    }\n  }\n": typeof types.LiveRoomDocument,
    "\n  query LiveSales($id: ID!) {\n    liveStream(id: $id) {\n      id\n      sales {\n        orders\n        units\n        revenue {\n          formatted\n        }\n      }\n    }\n  }\n": typeof types.LiveSalesDocument,
    "\n  query LiveStatus($id: ID!) {\n    liveStream(id: $id) {\n      id\n      status\n      startedAt\n      endedAt\n    }\n  }\n": typeof types.LiveStatusDocument,
    "\n  query Shop {\n    liveGifts {\n      id\n      name\n      coinPrice\n    }\n    coinPackages {\n      id\n      coins\n      price {\n        formatted\n      }\n    }\n  }\n": typeof types.ShopDocument,
    "\n  query Me {\n    me {\n      id\n      handle\n      wallet {\n        coins\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation PurchaseCoins($packageId: ID!, $idempotencyKey: String!) {\n    purchaseCoins(input: { packageId: $packageId, idempotencyKey: $idempotencyKey }) {\n      wallet {\n        coins\n      }\n    }\n  }\n": typeof types.PurchaseCoinsDocument,
    "\n  mutation SendLiveGift($liveStreamId: ID!, $giftId: ID!, $quantity: Int!, $idempotencyKey: String!) {\n    sendLiveGift(input: { liveStreamId: $liveStreamId, giftId: $giftId, quantity: $quantity, idempotencyKey: $idempotencyKey }) {\n      send {\n        id\n      }\n      wallet {\n        coins\n      }\n    }\n  }\n": typeof types.SendLiveGiftDocument,
    "\n  mutation CheckoutFromStream($liveStreamId: ID!, $productId: ID!, $flashDealId: ID, $idempotencyKey: String!) {\n    checkout(input: { lines: [{ productId: $productId, quantity: 1 }], liveStreamId: $liveStreamId, flashDealId: $flashDealId, idempotencyKey: $idempotencyKey }) {\n      order {\n        id\n        total {\n          formatted\n        }\n        lines {\n          product {\n            id\n            inventory\n          }\n        }\n      }\n      replayed\n    }\n  }\n": typeof types.CheckoutFromStreamDocument,
    "\n  subscription GiftEvents($id: ID!, $after: ID) {\n    liveGiftEvents(liveStreamId: $id, after: $after) {\n      id\n      combo\n      send {\n        id\n        quantity\n        gift {\n          name\n        }\n        sender {\n          handle\n        }\n      }\n      totals {\n        ...LiveGiftTotals\n      }\n      stream {\n        id\n        topGifters(first: 3) {\n          ...LiveTopGifter\n        }\n      }\n    }\n  }\n": typeof types.GiftEventsDocument,
    "\n  subscription ShoppingEvents($id: ID!, $after: ID) {\n    liveShoppingEvents(liveStreamId: $id, after: $after) {\n      id\n      kind\n      quantity\n      product {\n        ...LivePinnedProduct\n      }\n      deal {\n        ...LiveFlashDeal\n      }\n    }\n  }\n": typeof types.ShoppingEventsDocument,
    "\n  subscription StreamUpdates($id: ID!, $after: ID) {\n    liveStreamUpdates(liveStreamId: $id, after: $after) {\n      id\n      status\n      stream {\n        id\n        startedAt\n        endedAt\n      }\n    }\n  }\n": typeof types.StreamUpdatesDocument,
};
const documents: Documents = {
    "\n  fragment LiveGiftTotals on LiveStreamGiftTotals {\n    coins\n    diamonds\n    giftCount\n    gifterCount\n  }\n": types.LiveGiftTotalsFragmentDoc,
    "\n  fragment LiveTopGifter on TopGifter {\n    rank\n    coins\n    user {\n      handle\n    }\n  }\n": types.LiveTopGifterFragmentDoc,
    "\n  fragment LivePinnedProduct on Product {\n    id\n    title\n    inventory\n    imageUrl\n    price {\n      formatted\n    }\n  }\n": types.LivePinnedProductFragmentDoc,
    "\n  fragment LiveFlashDeal on FlashDeal {\n    id\n    status\n    startsAt\n    endsAt\n    unitsLeft\n    perBuyerLimit\n    dealPrice {\n      formatted\n    }\n    product {\n      id\n    }\n  }\n": types.LiveFlashDealFragmentDoc,
    "\n  query LiveNow {\n    liveNow(first: 20) {\n      edges {\n        node {\n          id\n          title\n          viewerCount\n          creator {\n            handle\n          }\n        }\n      }\n    }\n  }\n": types.LiveNowDocument,
    "\n  query LiveRoom($id: ID!) {\n    liveStream(id: $id) {\n      id\n      title\n      status\n      startedAt\n      endedAt\n      creator {\n        handle\n        displayName\n      }\n      giftTotals {\n        ...LiveGiftTotals\n      }\n      topGifters(first: 3) {\n        ...LiveTopGifter\n      }\n      recentGifts(first: 20) {\n        id\n        eventId\n        quantity\n        combo\n        gift {\n          name\n        }\n        sender {\n          handle\n        }\n      }\n      pinnedProducts {\n        ...LivePinnedProduct\n      }\n      flashDeals {\n        ...LiveFlashDeal\n      }\n      sales {\n        orders\n        units\n        revenue {\n          formatted\n        }\n      }\n    }\n  }\n": types.LiveRoomDocument,
    "\n  query LiveSales($id: ID!) {\n    liveStream(id: $id) {\n      id\n      sales {\n        orders\n        units\n        revenue {\n          formatted\n        }\n      }\n    }\n  }\n": types.LiveSalesDocument,
    "\n  query LiveStatus($id: ID!) {\n    liveStream(id: $id) {\n      id\n      status\n      startedAt\n      endedAt\n    }\n  }\n": types.LiveStatusDocument,
    "\n  query Shop {\n    liveGifts {\n      id\n      name\n      coinPrice\n    }\n    coinPackages {\n      id\n      coins\n      price {\n        formatted\n      }\n    }\n  }\n": types.ShopDocument,
    "\n  query Me {\n    me {\n      id\n      handle\n      wallet {\n        coins\n      }\n    }\n  }\n": types.MeDocument,
    "\n  mutation PurchaseCoins($packageId: ID!, $idempotencyKey: String!) {\n    purchaseCoins(input: { packageId: $packageId, idempotencyKey: $idempotencyKey }) {\n      wallet {\n        coins\n      }\n    }\n  }\n": types.PurchaseCoinsDocument,
    "\n  mutation SendLiveGift($liveStreamId: ID!, $giftId: ID!, $quantity: Int!, $idempotencyKey: String!) {\n    sendLiveGift(input: { liveStreamId: $liveStreamId, giftId: $giftId, quantity: $quantity, idempotencyKey: $idempotencyKey }) {\n      send {\n        id\n      }\n      wallet {\n        coins\n      }\n    }\n  }\n": types.SendLiveGiftDocument,
    "\n  mutation CheckoutFromStream($liveStreamId: ID!, $productId: ID!, $flashDealId: ID, $idempotencyKey: String!) {\n    checkout(input: { lines: [{ productId: $productId, quantity: 1 }], liveStreamId: $liveStreamId, flashDealId: $flashDealId, idempotencyKey: $idempotencyKey }) {\n      order {\n        id\n        total {\n          formatted\n        }\n        lines {\n          product {\n            id\n            inventory\n          }\n        }\n      }\n      replayed\n    }\n  }\n": types.CheckoutFromStreamDocument,
    "\n  subscription GiftEvents($id: ID!, $after: ID) {\n    liveGiftEvents(liveStreamId: $id, after: $after) {\n      id\n      combo\n      send {\n        id\n        quantity\n        gift {\n          name\n        }\n        sender {\n          handle\n        }\n      }\n      totals {\n        ...LiveGiftTotals\n      }\n      stream {\n        id\n        topGifters(first: 3) {\n          ...LiveTopGifter\n        }\n      }\n    }\n  }\n": types.GiftEventsDocument,
    "\n  subscription ShoppingEvents($id: ID!, $after: ID) {\n    liveShoppingEvents(liveStreamId: $id, after: $after) {\n      id\n      kind\n      quantity\n      product {\n        ...LivePinnedProduct\n      }\n      deal {\n        ...LiveFlashDeal\n      }\n    }\n  }\n": types.ShoppingEventsDocument,
    "\n  subscription StreamUpdates($id: ID!, $after: ID) {\n    liveStreamUpdates(liveStreamId: $id, after: $after) {\n      id\n      status\n      stream {\n        id\n        startedAt\n        endedAt\n      }\n    }\n  }\n": types.StreamUpdatesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveGiftTotals on LiveStreamGiftTotals {\n    coins\n    diamonds\n    giftCount\n    gifterCount\n  }\n"): typeof import('./graphql').LiveGiftTotalsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveTopGifter on TopGifter {\n    rank\n    coins\n    user {\n      handle\n    }\n  }\n"): typeof import('./graphql').LiveTopGifterFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LivePinnedProduct on Product {\n    id\n    title\n    inventory\n    imageUrl\n    price {\n      formatted\n    }\n  }\n"): typeof import('./graphql').LivePinnedProductFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveFlashDeal on FlashDeal {\n    id\n    status\n    startsAt\n    endsAt\n    unitsLeft\n    perBuyerLimit\n    dealPrice {\n      formatted\n    }\n    product {\n      id\n    }\n  }\n"): typeof import('./graphql').LiveFlashDealFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveNow {\n    liveNow(first: 20) {\n      edges {\n        node {\n          id\n          title\n          viewerCount\n          creator {\n            handle\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LiveNowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveRoom($id: ID!) {\n    liveStream(id: $id) {\n      id\n      title\n      status\n      startedAt\n      endedAt\n      creator {\n        handle\n        displayName\n      }\n      giftTotals {\n        ...LiveGiftTotals\n      }\n      topGifters(first: 3) {\n        ...LiveTopGifter\n      }\n      recentGifts(first: 20) {\n        id\n        eventId\n        quantity\n        combo\n        gift {\n          name\n        }\n        sender {\n          handle\n        }\n      }\n      pinnedProducts {\n        ...LivePinnedProduct\n      }\n      flashDeals {\n        ...LiveFlashDeal\n      }\n      sales {\n        orders\n        units\n        revenue {\n          formatted\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LiveRoomDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveSales($id: ID!) {\n    liveStream(id: $id) {\n      id\n      sales {\n        orders\n        units\n        revenue {\n          formatted\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LiveSalesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveStatus($id: ID!) {\n    liveStream(id: $id) {\n      id\n      status\n      startedAt\n      endedAt\n    }\n  }\n"): typeof import('./graphql').LiveStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shop {\n    liveGifts {\n      id\n      name\n      coinPrice\n    }\n    coinPackages {\n      id\n      coins\n      price {\n        formatted\n      }\n    }\n  }\n"): typeof import('./graphql').ShopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      handle\n      wallet {\n        coins\n      }\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PurchaseCoins($packageId: ID!, $idempotencyKey: String!) {\n    purchaseCoins(input: { packageId: $packageId, idempotencyKey: $idempotencyKey }) {\n      wallet {\n        coins\n      }\n    }\n  }\n"): typeof import('./graphql').PurchaseCoinsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendLiveGift($liveStreamId: ID!, $giftId: ID!, $quantity: Int!, $idempotencyKey: String!) {\n    sendLiveGift(input: { liveStreamId: $liveStreamId, giftId: $giftId, quantity: $quantity, idempotencyKey: $idempotencyKey }) {\n      send {\n        id\n      }\n      wallet {\n        coins\n      }\n    }\n  }\n"): typeof import('./graphql').SendLiveGiftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckoutFromStream($liveStreamId: ID!, $productId: ID!, $flashDealId: ID, $idempotencyKey: String!) {\n    checkout(input: { lines: [{ productId: $productId, quantity: 1 }], liveStreamId: $liveStreamId, flashDealId: $flashDealId, idempotencyKey: $idempotencyKey }) {\n      order {\n        id\n        total {\n          formatted\n        }\n        lines {\n          product {\n            id\n            inventory\n          }\n        }\n      }\n      replayed\n    }\n  }\n"): typeof import('./graphql').CheckoutFromStreamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription GiftEvents($id: ID!, $after: ID) {\n    liveGiftEvents(liveStreamId: $id, after: $after) {\n      id\n      combo\n      send {\n        id\n        quantity\n        gift {\n          name\n        }\n        sender {\n          handle\n        }\n      }\n      totals {\n        ...LiveGiftTotals\n      }\n      stream {\n        id\n        topGifters(first: 3) {\n          ...LiveTopGifter\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').GiftEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ShoppingEvents($id: ID!, $after: ID) {\n    liveShoppingEvents(liveStreamId: $id, after: $after) {\n      id\n      kind\n      quantity\n      product {\n        ...LivePinnedProduct\n      }\n      deal {\n        ...LiveFlashDeal\n      }\n    }\n  }\n"): typeof import('./graphql').ShoppingEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StreamUpdates($id: ID!, $after: ID) {\n    liveStreamUpdates(liveStreamId: $id, after: $after) {\n      id\n      status\n      stream {\n        id\n        startedAt\n        endedAt\n      }\n    }\n  }\n"): typeof import('./graphql').StreamUpdatesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
