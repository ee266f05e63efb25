/**
 * Watching one stream: read the room as it is, then follow its three subscriptions (gifts from
 * the gifts subgraph, pins and purchases from commerce, status from content), all on the page's
 * one socket, each resuming from its own last event id.
 */
import { execute } from './graphql-http.ts';
import { giftEventsSubscription, liveRoomQuery, liveSalesQuery, liveStatusQuery, shoppingEventsSubscription, streamUpdatesSubscription } from './operations.ts';
import type { Deal } from './pinned.ts';
import { ResumableSubscription, type Resumable } from './resumable.ts';
import type { RoomSocket } from './room-socket.ts';
import * as view from './view.ts';

export class Room {
  private ended = false;
  /** Set when the viewer picks another stream, possibly while this one is still loading. */
  private stopped = false;
  private subscriptions: Record<'gifts' | 'shopping' | 'status', Resumable> | null = null;

  constructor(
    private readonly socket: RoomSocket,
    readonly streamId: string,
  ) {}

  /**
   * The state first, then the subscriptions. The room query brings the stream's recent gifts
   * (`recentGifts`, one indexed read however busy the stream), and the gifts subscription starts
   * after the newest event among them (or the stream's first, `"0"`, when none has one), so a gift
   * committed in between arrives and none shows twice. Shopping and status start with the next
   * event, which is what the API asks of a client that has no event id yet; the snapshot has their state.
   */
  async open(): Promise<void> {
    await this.load(true);
    if (this.stopped) return;
    const variables = { id: this.streamId };
    const failed = (what: string) => (message: string) => view.showMessage('page-message', `${what}: ${message}`, 'error');
    const common = { completed: () => this.isOver(), expired: () => this.load(false) };

    const gifts = new ResumableSubscription(this.socket, giftEventsSubscription, variables, {
      ...common,
      from: view.giftFeed.startAfter(),
      failed: failed('Gifts'),
      next: ({ liveGiftEvents: event }) => {
        if (!view.giftFeed.add(event)) return;
        view.showTotals(event.totals);
        // Null when content could not complete the stream: the leaderboard shown stays.
        if (event.stream) view.showTopGifters(event.stream.topGifters ?? []);
        this.showEventIds();
      },
    });

    const shopping = new ResumableSubscription(this.socket, shoppingEventsSubscription, variables, {
      ...common,
      failed: failed('Shopping'),
      next: ({ liveShoppingEvents: event }) => {
        const { product } = event;
        switch (event.kind) {
          case 'PRODUCT_PINNED':
            view.pinnedShelf.pin(product);
            view.showShopping(`Pinned: ${product.title} (${product.price.formatted})`);
            break;
          case 'PRODUCT_UNPINNED':
            view.pinnedShelf.unpin(product.id);
            view.showShopping(`Unpinned: ${product.title}`);
            break;
          case 'PURCHASED':
            view.pinnedShelf.update(product);
            view.showShopping(`Someone bought ${event.quantity ?? 1} × ${product.title}`);
            void this.refreshSales();
            break;
          case 'DEAL_SCHEDULED':
          case 'DEAL_STARTED':
          case 'DEAL_UNITS_LEFT':
          case 'DEAL_ENDED':
            if (event.deal) this.showDeal(event.kind, event.deal, product.title, event.quantity);
            break;
        }
        this.showEventIds();
      },
    });

    const status = new ResumableSubscription(this.socket, streamUpdatesSubscription, variables, {
      ...common,
      failed: failed('Status'),
      next: ({ liveStreamUpdates: update }) => {
        view.showStatus(update.status, update.status === 'ENDED' ? update.stream.endedAt : update.stream.startedAt);
        if (update.status === 'ENDED') {
          this.ended = true;
          view.showMessage('page-message', 'The stream has ended.');
        }
        this.showEventIds();
      },
    });

    // Three subscribe messages on the one socket (graphql-ws multiplexes them).
    this.subscriptions = { gifts, shopping, status };
    for (const subscription of Object.values(this.subscriptions)) subscription.start();
    this.showEventIds();
  }

  /**
   * A deal's news: the deal as the event carries it, with the units left the event says (a
   * DEAL_UNITS_LEFT's count is the one announced; `deal` is the deal when the event was sent).
   */
  private showDeal(kind: 'DEAL_SCHEDULED' | 'DEAL_STARTED' | 'DEAL_UNITS_LEFT' | 'DEAL_ENDED', deal: Deal, title: string, count: number | null | undefined): void {
    const unitsLeft = (kind === 'DEAL_STARTED' || kind === 'DEAL_UNITS_LEFT') && typeof count === 'number' ? count : deal.unitsLeft;
    view.pinnedShelf.setDeal(kind === 'DEAL_ENDED' ? { ...deal, status: 'ENDED' } : { ...deal, unitsLeft });
    const words = {
      DEAL_SCHEDULED: `Flash deal on ${title}: ${deal.dealPrice.formatted}, starting soon`,
      DEAL_STARTED: `Flash deal on ${title} started: ${deal.dealPrice.formatted}, ${unitsLeft} at this price`,
      DEAL_UNITS_LEFT: `Flash deal on ${title}: ${unitsLeft} left`,
      DEAL_ENDED: `Flash deal on ${title} ended: ${count ?? 0} sold`,
    };
    if (kind !== 'DEAL_UNITS_LEFT') view.showShopping(words[kind]);
  }

  stop(): void {
    this.stopped = true;
    for (const subscription of Object.values(this.subscriptions ?? {})) subscription.stop();
  }

  /** Where each subscription would resume: the last event id it handled. */
  private showEventIds(): void {
    const subscriptions: Record<string, Resumable> = this.subscriptions ?? {};
    view.showEventIds(Object.fromEntries(Object.entries(subscriptions).map(([name, subscription]) => [name, subscription.lastEventId])));
  }

  /** The room as it is now; also after EVENTS_EXPIRED, when the events missed are gone. */
  private async load(fresh: boolean): Promise<void> {
    const { liveStream } = await execute(liveRoomQuery, { id: this.streamId });
    if (this.stopped) return;
    if (!liveStream) throw new Error(`No stream ${this.streamId}.`);
    this.ended = liveStream.status === 'ENDED';
    view.showStream(liveStream, fresh);
    this.showEventIds();
  }

  private async refreshSales(): Promise<void> {
    const { liveStream } = await execute(liveSalesQuery, { id: this.streamId });
    if (this.stopped) return;
    view.showSales(liveStream?.sales ?? null);
  }

  /** A subscription completed: over if the stream ended, else the gateway was going away. */
  private async isOver(): Promise<boolean> {
    if (this.ended) return true;
    try {
      const { liveStream } = await execute(liveStatusQuery, { id: this.streamId });
      if (liveStream?.status === 'ENDED') {
        this.ended = true;
        view.showStatus('ENDED', liveStream.endedAt);
      }
    } catch {
      // The gateway is not back yet: resume, and ask again at the next completion.
    }
    return this.ended;
  }
}
