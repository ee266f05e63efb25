/**
 * Every operation the LIVE room page sends, written once here. `npm run codegen` turns each into
 * a typed document (src/live/__generated__/): its result and variables are checked by
 * TypeScript wherever it is used, and a schema change that breaks one fails the build.
 */
import { graphql } from './__generated__/gql.ts';

/** A stream's gift totals as the room shows them: in its first read and in each gift event. */
export const liveGiftTotalsFragment = graphql(`
  fragment LiveGiftTotals on LiveStreamGiftTotals {
    coins
    diamonds
    giftCount
    gifterCount
  }
`);

/** A leaderboard row as the room shows it (the top three): in its first read and in each gift event. */
export const liveTopGifterFragment = graphql(`
  fragment LiveTopGifter on TopGifter {
    rank
    coins
    user {
      handle
    }
  }
`);

/** A product as the room's shelf shows it: in the room's first read and in each shopping event. */
export const livePinnedProductFragment = graphql(`
  fragment LivePinnedProduct on Product {
    id
    title
    inventory
    imageUrl
    price {
      formatted
    }
  }
`);

/** A flash deal as the shelf shows it: in the room's first read and in each shopping event. */
export const liveFlashDealFragment = graphql(`
  fragment LiveFlashDeal on FlashDeal {
    id
    status
    startsAt
    endsAt
    unitsLeft
    perBuyerLimit
    dealPrice {
      formatted
    }
    product {
      id
    }
  }
`);

/** The streams to pick from. */
export const liveNowQuery = graphql(`
  query LiveNow {
    liveNow(first: 20) {
      edges {
        node {
          id
          title
          viewerCount
          creator {
            handle
          }
        }
      }
    }
  }
`);

/**
 * The room as it is now: what the page shows before the first event. Subscribing after reading
 * it (without `after`) is what the API asks of a client that has no event id yet.
 */
export const liveRoomQuery = graphql(`
  query LiveRoom($id: ID!) {
    liveStream(id: $id) {
      id
      title
      status
      startedAt
      endedAt
      creator {
        handle
        displayName
      }
      giftTotals {
        ...LiveGiftTotals
      }
      topGifters(first: 3) {
        ...LiveTopGifter
      }
      recentGifts(first: 20) {
        id
        eventId
        quantity
        combo
        gift {
          name
        }
        sender {
          handle
        }
      }
      pinnedProducts {
        ...LivePinnedProduct
      }
      flashDeals {
        ...LiveFlashDeal
      }
      sales {
        orders
        units
        revenue {
          formatted
        }
      }
    }
  }
`);

/** A purchase changes the stream's sales; the event carries the units, not the money. */
export const liveSalesQuery = graphql(`
  query LiveSales($id: ID!) {
    liveStream(id: $id) {
      id
      sales {
        orders
        units
        revenue {
          formatted
        }
      }
    }
  }
`);

/** Whether a completed subscription means the stream is over (or only the gateway restarting). */
export const liveStatusQuery = graphql(`
  query LiveStatus($id: ID!) {
    liveStream(id: $id) {
      id
      status
      startedAt
      endedAt
    }
  }
`);

/** The gift catalog and coin packages: what a signed-in viewer can send and buy. */
export const shopQuery = graphql(`
  query Shop {
    liveGifts {
      id
      name
      coinPrice
    }
    coinPackages {
      id
      coins
      price {
        formatted
      }
    }
  }
`);

export const meQuery = graphql(`
  query Me {
    me {
      id
      handle
      wallet {
        coins
      }
    }
  }
`);

export const purchaseCoinsMutation = graphql(`
  mutation PurchaseCoins($packageId: ID!, $idempotencyKey: String!) {
    purchaseCoins(input: { packageId: $packageId, idempotencyKey: $idempotencyKey }) {
      wallet {
        coins
      }
    }
  }
`);

export const sendLiveGiftMutation = graphql(`
  mutation SendLiveGift($liveStreamId: ID!, $giftId: ID!, $quantity: Int!, $idempotencyKey: String!) {
    sendLiveGift(input: { liveStreamId: $liveStreamId, giftId: $giftId, quantity: $quantity, idempotencyKey: $idempotencyKey }) {
      send {
        id
      }
      wallet {
        coins
      }
    }
  }
`);

/**
 * Buying one unit of a pinned product from the stream, as the signed-in viewer: `liveStreamId`
 * attributes the sale to the stream (its creator's commission, its `sales`, a PURCHASED event
 * every viewer sees). Commerce prices the line itself; the page sends only what and where, and
 * the flash deal it buys from when one is selling (the line then pays the deal price).
 */
export const checkoutFromStreamMutation = graphql(`
  mutation CheckoutFromStream($liveStreamId: ID!, $productId: ID!, $flashDealId: ID, $idempotencyKey: String!) {
    checkout(input: { lines: [{ productId: $productId, quantity: 1 }], liveStreamId: $liveStreamId, flashDealId: $flashDealId, idempotencyKey: $idempotencyKey }) {
      order {
        id
        total {
          formatted
        }
        lines {
          product {
            id
            inventory
          }
        }
      }
      replayed
    }
  }
`);

/*
 * The room's three subscriptions. Each takes `after`: the last event id the page saw of it, so a
 * page that lost its socket subscribes again from there and misses nothing (resumable.ts).
 */

export const giftEventsSubscription = graphql(`
  subscription GiftEvents($id: ID!, $after: ID) {
    liveGiftEvents(liveStreamId: $id, after: $after) {
      id
      combo
      send {
        id
        quantity
        gift {
          name
        }
        sender {
          handle
        }
      }
      totals {
        ...LiveGiftTotals
      }
      stream {
        id
        topGifters(first: 3) {
          ...LiveTopGifter
        }
      }
    }
  }
`);

export const shoppingEventsSubscription = graphql(`
  subscription ShoppingEvents($id: ID!, $after: ID) {
    liveShoppingEvents(liveStreamId: $id, after: $after) {
      id
      kind
      quantity
      product {
        ...LivePinnedProduct
      }
      deal {
        ...LiveFlashDeal
      }
    }
  }
`);

export const streamUpdatesSubscription = graphql(`
  subscription StreamUpdates($id: ID!, $after: ID) {
    liveStreamUpdates(liveStreamId: $id, after: $after) {
      id
      status
      stream {
        id
        startedAt
        endedAt
      }
    }
  }
`);
