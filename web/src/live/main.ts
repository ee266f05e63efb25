/**
 * The LIVE room page (`/examples/live`): the reference client for frontend teams. Plain
 * TypeScript and graphql-ws, no framework: pick a stream that is live, watch its recent and new
 * gifts (sender and combo), totals and top gifters, pinned products and purchases, and its end;
 * paste a user token to buy coins, send a gift and buy from a pinned product. Operations are typed from `schema/api.graphql` by GraphQL
 * Codegen (operations.ts); the socket and its resume logic are room-socket.ts and resumable.ts.
 */
import './live.css';
import { GraphQLRequestError, execute } from './graphql-http.ts';
import { checkoutFromStreamMutation, liveNowQuery, meQuery, purchaseCoinsMutation, sendLiveGiftMutation, shopQuery } from './operations.ts';
import type { BuyOutcome, Deal, Product } from './pinned.ts';
import { Room } from './room.ts';
import { RoomSocket } from './room-socket.ts';
import { element, onBuy, showConnection, showMessage, showStreamOptions } from './view.ts';

/** The signed-in viewer's token, kept in memory only: it does not outlive the tab. */
let token: string | null = null;
let room: Room | null = null;

const socketUrl = new URL('/graphql', window.location.href);
socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';

const socket = new RoomSocket({
  url: socketUrl.href,
  // The gateway reads the credential from `connection_init`, as it reads headers over HTTP. The
  // room's subscriptions are public; a signed-in socket is what a subscription selecting
  // viewer-only fields would need.
  credentials: () => (token ? { authorization: `Bearer ${token}` } : undefined),
  onState: showConnection,
  onCredentialRefused: () => {
    signOut();
    showMessage('viewer-message', 'The gateway refused that token (expired, or pasted wrong): you are watching anonymously.', 'error');
  },
});

async function watch(streamId: string): Promise<void> {
  room?.stop();
  room = null;
  // Picking a stream connects, also after Disconnect.
  socket.resume();
  showMessage('page-message', '');
  const url = new URL(window.location.href);
  url.searchParams.set('stream', streamId);
  window.history.replaceState(null, '', url);
  const next = new Room(socket, streamId);
  room = next;
  try {
    await next.open();
  } catch (error) {
    showMessage('page-message', `Could not open the stream: ${(error as Error).message}`, 'error');
  }
}

async function loadStreams(): Promise<void> {
  const selected = new URL(window.location.href).searchParams.get('stream');
  const { liveNow } = await execute(liveNowQuery, {});
  showStreamOptions(
    liveNow.edges.map((edge) => edge.node),
    selected,
  );
  if (selected) await watch(selected);
}

/* Signing in: a token from `npm run token -- <handle>`, checked with `me`. */

async function signIn(pasted: string): Promise<void> {
  const { me } = await execute(meQuery, {}, pasted);
  if (!me) throw new GraphQLRequestError('That token does not sign anyone in.', 'UNAUTHENTICATED');
  token = pasted;
  element('me-handle').textContent = `@${me.handle}`;
  showCoins(me.wallet?.coins ?? 0);
  element('sign-in').hidden = true;
  element('signed-in').hidden = false;
  // The next socket carries the token; the subscriptions resume on it where they were.
  socket.reconnect();
  await loadShop();
}

function signOut(): void {
  token = null;
  element('sign-in').hidden = false;
  element('signed-in').hidden = true;
  element<HTMLInputElement>('token').value = '';
}

function showCoins(coins: number): void {
  element('me-coins').textContent = coins.toLocaleString();
}

async function loadShop(): Promise<void> {
  const { liveGifts, coinPackages } = await execute(shopQuery, {});
  element<HTMLSelectElement>('gift').replaceChildren(...liveGifts.map((gift) => new Option(`${gift.name} · ${gift.coinPrice} coins`, gift.id)));
  element<HTMLSelectElement>('coin-package').replaceChildren(...coinPackages.map((pack) => new Option(`${pack.coins.toLocaleString()} coins · ${pack.price.formatted}`, pack.id)));
}

/**
 * A fresh key per click: the API returns the first result for a key it has seen, so a retry of
 * the same intent (after a network error) should reuse its key, and a new intent needs a new one.
 */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** What a refusal's code means to a viewer; anything else shows the gateway's message. */
const REFUSALS: Record<string, string> = {
  INSUFFICIENT_COINS: 'Not enough coins: buy some below.',
  STREAM_NOT_LIVE: 'The stream is not live.',
  CANNOT_GIFT_OWN_STREAM: 'You cannot send gifts to your own stream.',
  PAYMENT_DECLINED: 'The payment was declined.',
  UNAUTHENTICATED: 'Sign in again: the token is not valid any more.',
};

/** A Buy's refusals: the same codes, worded for a product. */
const BUY_REFUSALS: Record<string, string> = {
  OUT_OF_STOCK: 'Sold out: none left to buy.',
  PRODUCT_NOT_AVAILABLE: 'No longer on sale.',
  PRODUCT_NOT_PINNED: 'No longer pinned on this stream.',
  STREAM_NOT_LIVE: 'The stream is not live any more.',
  PAYMENT_DECLINED: 'The payment was declined.',
  DEAL_NOT_STARTED: 'The flash deal has not started yet.',
  DEAL_ENDED: 'The flash deal has ended.',
  DEAL_SOLD_OUT: 'The flash deal has sold out.',
};

function refusalText(error: unknown, words: Record<string, string>): string {
  const code = error instanceof GraphQLRequestError ? error.code : undefined;
  return (code && words[code]) ?? (error as Error).message;
}

async function run(action: () => Promise<string>): Promise<void> {
  try {
    showMessage('viewer-message', await action());
  } catch (error) {
    showMessage('viewer-message', refusalText(error, REFUSALS), 'error');
  }
}

/**
 * Buy from a pinned product: one unit, checked out through the API as the signed-in viewer,
 * attributed to the stream, with a new idempotency key per click. Anonymous, the API answers
 * UNAUTHENTICATED and the row says to sign in.
 */
async function buy(product: Product, deal: Deal | null): Promise<BuyOutcome> {
  if (!room) return { text: 'Pick a stream first.', ok: false };
  try {
    const { checkout } = await execute(checkoutFromStreamMutation, { liveStreamId: room.streamId, productId: product.id, flashDealId: deal?.id ?? null, idempotencyKey: idempotencyKey() }, token);
    if (!checkout) throw new Error('Nothing was bought.');
    const left = checkout.order.lines?.find((line) => line.product.id === product.id)?.product.inventory;
    const paid = checkout.order.total?.formatted ?? (deal ? deal.dealPrice.formatted : product.price.formatted);
    return { text: `Bought 1 for ${paid}${deal ? ' at the flash deal price' : ''} (order ${checkout.order.id}).`, ok: true, left };
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'DEAL_LIMIT_REACHED') {
      return { text: `The flash deal allows ${deal?.perBuyerLimit ?? 'only a few'} a buyer: you have bought your share.`, ok: false };
    }
    // OUT_OF_STOCK says how many are left (`available`): the row's stock catches up at once.
    const available = error instanceof GraphQLRequestError && error.code === 'OUT_OF_STOCK' ? Number(error.extensions.available) : NaN;
    const words = { ...BUY_REFUSALS, UNAUTHENTICATED: token ? 'Sign in again: the token is not valid any more.' : 'Sign in to buy (under You).' };
    return { text: refusalText(error, words), ok: false, left: Number.isInteger(available) ? available : undefined };
  }
}

/* Wiring. */

onBuy(buy);

element<HTMLSelectElement>('stream-picker').addEventListener('change', (event) => {
  const streamId = (event.target as HTMLSelectElement).value;
  if (streamId) void watch(streamId);
});

element('toggle-connection').addEventListener('click', () => (socket.paused ? socket.resume() : socket.pause()));

element('sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  const pasted = element<HTMLInputElement>('token')
    .value.trim()
    .replace(/^Bearer\s+/i, '');
  void run(async () => {
    await signIn(pasted);
    return 'Signed in.';
  });
});

element('sign-out').addEventListener('click', () => {
  signOut();
  socket.reconnect();
  showMessage('viewer-message', 'Signed out.');
});

element('send-gift').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!room) return;
  const liveStreamId = room.streamId;
  void run(async () => {
    const { sendLiveGift } = await execute(
      sendLiveGiftMutation,
      { liveStreamId, giftId: element<HTMLSelectElement>('gift').value, quantity: Number(element<HTMLInputElement>('quantity').value), idempotencyKey: idempotencyKey() },
      token,
    );
    if (!sendLiveGift) throw new Error('The gift was not sent.');
    showCoins(sendLiveGift.wallet.coins);
    // The page shows the gift when its event arrives, as every other viewer sees it.
    return 'Sent.';
  });
});

element('buy-coins').addEventListener('submit', (event) => {
  event.preventDefault();
  void run(async () => {
    const { purchaseCoins } = await execute(purchaseCoinsMutation, { packageId: element<HTMLSelectElement>('coin-package').value, idempotencyKey: idempotencyKey() }, token);
    if (!purchaseCoins) throw new Error('No coins were bought.');
    showCoins(purchaseCoins.wallet.coins);
    return 'Coins bought (the test payment provider approves).';
  });
});

loadStreams().catch((error: unknown) => showMessage('page-message', `Could not load the streams live now: ${(error as Error).message}`, 'error'));
