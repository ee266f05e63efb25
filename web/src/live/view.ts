/**
 * What the page shows: small functions that put data into the elements of live.html. Text goes
 * in with `textContent`, never as HTML, so nothing a user typed (a title, a handle) can run.
 */
import type { GiftEventsSubscription, LiveRoomQuery, LiveStreamStatus } from './__generated__/graphql.ts';
import { GiftFeed } from './gift-feed.ts';
import { PinnedShelf, type BuyOutcome, type Deal, type Product } from './pinned.ts';
import type { ConnectionState } from './room-socket.ts';

export type Stream = NonNullable<LiveRoomQuery['liveStream']>;
export type GiftEvent = GiftEventsSubscription['liveGiftEvents'];
export type Totals = GiftEvent['totals'];
export type TopGifters = NonNullable<NonNullable<GiftEvent['stream']>['topGifters']>;
export type Sales = NonNullable<Stream['sales']>;

export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`live.html has no #${id}`);
  return found as T;
}

function item(text: string, className?: string): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  if (className) li.className = className;
  return li;
}

/** Newest first, at most `max` rows. */
function prepend(list: HTMLElement, row: HTMLElement, max = 50): void {
  list.querySelector('.empty')?.remove();
  list.prepend(row);
  while (list.children.length > max) list.lastElementChild?.remove();
}

const time = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleTimeString() : '');
const count = (n: number, noun: string) => `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;
/** Users and creators come from the users subgraph: null while it is unavailable, and the rest still shows. */
const handle = (user: { handle: string } | null | undefined) => (user ? `@${user.handle}` : 'someone');

/** The gift feed (gift-feed.ts): each event once, combos in place, what it does not show. */
export const giftFeed = new GiftFeed(element('gift-feed'), element('gift-earlier'));

/** Pinned products with Buy (pinned.ts); main.ts sets what Buy does. */
let buy: (product: Product, deal: Deal | null) => Promise<BuyOutcome> = () => Promise.resolve({ text: 'Not ready yet.', ok: false });
export const pinnedShelf = new PinnedShelf(element('pinned'), (product, deal) => buy(product, deal));

export function onBuy(handler: (product: Product, deal: Deal | null) => Promise<BuyOutcome>): void {
  buy = handler;
}

/** The gift count the totals show: a replayed event carries the totals of its moment, older than the snapshot's. */
let shownGiftCount = -1;

export function showMessage(id: 'page-message' | 'viewer-message', text: string, kind: 'info' | 'error' = 'info'): void {
  const message = element(id);
  message.textContent = text;
  message.dataset.kind = kind;
}

export function showConnection(state: ConnectionState): void {
  const badge = element('connection');
  badge.dataset.state = state.kind;
  badge.textContent = {
    idle: 'Not connected',
    connecting: 'Connecting…',
    connected: 'Connected',
    waiting: state.kind === 'waiting' ? `Connection lost: retrying in ${Math.ceil(state.retryInMs / 1000)} s (attempt ${state.attempt})` : '',
    paused: 'Disconnected',
  }[state.kind];
  element('toggle-connection').textContent = state.kind === 'paused' ? 'Reconnect' : 'Disconnect';
}

export function showStreamOptions(streams: { id: string; title: string; creator?: { handle: string } | null; viewerCount: number }[], selected: string | null): void {
  const picker = element<HTMLSelectElement>('stream-picker');
  picker.replaceChildren(new Option(streams.length ? 'Pick a live stream…' : 'No stream is live right now', ''));
  for (const stream of streams) picker.add(new Option(`${stream.title} · ${handle(stream.creator)} · ${stream.viewerCount.toLocaleString()} watching`, stream.id));
  // A stream given in the URL that is not live (any more) still opens: it shows as ended.
  if (selected && !streams.some((stream) => stream.id === selected)) picker.add(new Option(selected, selected));
  picker.value = selected ?? '';
}

/**
 * The room as the snapshot query found it. `fresh` (a stream just picked) also empties the feeds;
 * a reload after EVENTS_EXPIRED keeps them, and the replay that follows adds only what is new.
 */
export function showStream(stream: Stream, fresh: boolean): void {
  element('room').hidden = false;
  element('stream-title').textContent = stream.title;
  element('stream-creator').textContent = stream.creator ? `by @${stream.creator.handle} (${stream.creator.displayName})` : '';
  showStatus(stream.status, stream.status === 'ENDED' ? stream.endedAt : stream.startedAt);
  if (fresh) {
    shownGiftCount = -1;
    giftFeed.reset(stream.giftTotals?.giftCount ?? 0);
    giftFeed.showRecent(stream.recentGifts);
    element('shopping-feed').replaceChildren(item('Pins, unpins and purchases show here.', 'empty'));
  }
  if (stream.giftTotals) showTotals(stream.giftTotals);
  showTopGifters(stream.topGifters ?? []);
  pinnedShelf.show(stream.pinnedProducts ?? [], stream.flashDeals);
  showSales(stream.sales ?? null);
}

export function showStatus(status: LiveStreamStatus, at: string | null | undefined): void {
  const badge = element('stream-status');
  badge.dataset.status = status;
  badge.textContent = { LIVE: `LIVE since ${time(at)}`, ENDED: `Ended at ${time(at)}`, SCHEDULED: 'Scheduled' }[status];
  element('room').dataset.status = status;
}

/** The stream's totals, unless they are older than those shown (every send adds at least one gift). */
export function showTotals(totals: Totals): void {
  if (totals.giftCount < shownGiftCount) return;
  shownGiftCount = totals.giftCount;
  giftFeed.setStreamGifts(totals.giftCount);
  element('total-coins').textContent = totals.coins.toLocaleString();
  element('total-diamonds').textContent = totals.diamonds.toLocaleString();
  element('total-gifts').textContent = totals.giftCount.toLocaleString();
  element('total-gifters').textContent = totals.gifterCount.toLocaleString();
}

export function showTopGifters(gifters: TopGifters): void {
  const list = element('top-gifters');
  list.replaceChildren(...gifters.map((gifter) => item(`${handle(gifter.user)} · ${count(gifter.coins, 'coin')}`)));
  if (gifters.length === 0) list.append(item('Nobody yet', 'empty'));
}

export function showShopping(text: string): void {
  prepend(element('shopping-feed'), item(text));
}

export function showSales(sales: Sales | null): void {
  element('sales').textContent = sales ? `${count(sales.orders, 'order')} · ${count(sales.units, 'unit')} · ${sales.revenue.formatted}` : 'not available';
}

export function showEventIds(ids: Record<string, string | null>): void {
  element('event-ids').textContent = Object.entries(ids)
    .map(([name, id]) => `${name} ${id ? `#${id}` : '–'}`)
    .join(' · ');
}
