/**
 * The room's gift feed: one row per sender's run of one gift (its combo), newest first, each
 * event shown once, and a line saying how many of the stream's gifts the rows do not show.
 *
 * - **Once.** Event ids are numbered per stream in commit order, so an event whose id is not
 *   above the last one shown is one the feed already has (a resume overlapping what it saw).
 * - **A combo reads unambiguously.** `quantity` is how many of the gift one send sent; `combo`
 *   is which send in a row it is. "2 × Finger Heart x3" could be 2 or 6 hearts; the row says the
 *   hearts first and the sends after: "Finger Heart ×6 (3 sends of 2)".
 * - **Earlier gifts.** The totals count every gift of the stream; the feed holds its recent sends
 *   (`recentGifts`, read with the room) and the events since (50 rows at most). The difference
 *   is said, so "No gift yet" never sits beside totals that count some.
 */
import type { GiftEventsSubscription, LiveRoomQuery } from './__generated__/graphql.ts';

export type GiftEvent = GiftEventsSubscription['liveGiftEvents'];
/** A send of the room query's `recentGifts`. */
export type RecentSend = NonNullable<LiveRoomQuery['liveStream']>['recentGifts'][number];

/** What one row has seen of a sender's run of one gift. */
export interface GiftRun {
  gift: string;
  /** Each send's quantity, oldest first, as the events carried them. */
  quantities: number[];
  /** The `combo` of the last send: which send in a row it was. */
  combo: number;
}

const MAX_ROWS = 50;

const sum = (numbers: readonly number[]) => numbers.reduce((total, n) => total + n, 0);

/** "Finger Heart ×6", or the gift's name alone for a single one. */
export function giftAmount(run: GiftRun): string {
  const total = sum(run.quantities);
  return total === 1 ? run.gift : `${run.gift} ×${total}`;
}

/**
 * How the sends add up, when there is more than one in a row: "3 sends of 2", "2 sends: 1 + 5".
 * A row that joined a combo late (its first sends came before the page's replay) says which
 * sends it shows: "sends 3–4 in a row, 2 each", "send 5 in a row". Empty for a lone send.
 */
export function comboNote(run: GiftRun): string {
  const seen = run.quantities.length;
  const [first] = run.quantities;
  const allEqual = run.quantities.every((quantity) => quantity === first);
  const split = allEqual ? ` of ${first}` : `: ${run.quantities.join(' + ')}`;
  if (run.combo <= seen) return seen > 1 ? `${seen} sends${split}` : '';
  if (seen === 1) return `send ${run.combo} in a row`;
  return `sends ${run.combo - seen + 1}–${run.combo} in a row${allEqual ? `, ${first} each` : split}`;
}

/** The line under the rows: gifts the stream has that the rows do not show. */
export function earlierNote(streamGifts: number, shownGifts: number, rows: number): string {
  const earlier = streamGifts - shownGifts;
  if (earlier <= 0) return rows === 0 ? 'No gift yet. Send one!' : '';
  const gifts = `${earlier.toLocaleString()} gift${earlier === 1 ? '' : 's'}`;
  return rows === 0 ? `${gifts} sent before the last few minutes; new ones show here.` : `…and ${gifts} sent before these.`;
}

interface Row {
  element: HTMLLIElement;
  run: GiftRun;
}

export class GiftFeed {
  private lastSeq = 0;
  /** By sender and gift: the row a continuing combo updates in place. */
  private readonly rows = new Map<string, Row>();
  /** Every row shown, newest first (rows of unknown senders are not in `rows`). */
  private readonly shown: Row[] = [];
  private streamGifts = 0;

  constructor(
    private readonly list: HTMLElement,
    private readonly note: HTMLElement,
  ) {}

  /** A new stream: no rows, nothing seen. */
  reset(streamGifts: number): void {
    this.lastSeq = 0;
    this.rows.clear();
    this.shown.length = 0;
    this.list.replaceChildren();
    this.streamGifts = streamGifts;
    this.renderNote();
  }

  /** The stream's gift count as the totals show it (only ever grows). */
  setStreamGifts(count: number): void {
    this.streamGifts = Math.max(this.streamGifts, count);
    this.renderNote();
  }

  /**
   * Shows a stream's recent sends as the room query gave them (newest first), oldest first as
   * events would have come; the subscription then starts after the newest event id among them
   * (`startAfter`), so none is shown twice.
   */
  showRecent(sends: readonly RecentSend[]): void {
    for (const send of [...sends].reverse()) {
      this.place(send.eventId ?? '', send.combo, { sender: send.sender, gift: send.gift, quantity: send.quantity });
      if (send.eventId !== null) this.lastSeq = Math.max(this.lastSeq, Number(send.eventId));
    }
    this.renderNote();
  }

  /** Where the gifts subscription starts: after the newest event shown, or the stream's first ("0") when none is. */
  startAfter(): string {
    return String(this.lastSeq);
  }

  /** Shows the event unless the feed already has it; false when it did. */
  add(event: GiftEvent): boolean {
    const seq = Number(event.id);
    if (seq <= this.lastSeq) return false;
    this.lastSeq = seq;
    this.place(event.id, event.combo, event.send);
    this.setStreamGifts(event.totals.giftCount);
    return true;
  }

  /** A send in its row: joining its sender's combo in place, or a new row on top. */
  private place(eventId: string, combo: number, send: Pick<GiftEvent['send'], 'sender' | 'gift' | 'quantity'>): void {
    const event = { id: eventId, combo };
    const { sender, gift, quantity } = send;
    // Users unavailable: without the sender the send cannot join its combo's row.
    const key = sender ? `${sender.handle}\n${gift.name}` : null;
    const existing = key === null ? undefined : this.rows.get(key);
    let row: Row;
    if (existing && event.combo > 1 && event.combo === existing.run.combo + 1) {
      row = existing;
      row.run.quantities.push(quantity);
      row.run.combo = event.combo;
      this.shown.splice(this.shown.indexOf(row), 1);
    } else {
      row = { element: document.createElement('li'), run: { gift: gift.name, quantities: [quantity], combo: event.combo } };
      if (sender) row.element.dataset.sender = sender.handle;
      if (key !== null) this.rows.set(key, row);
    }
    if (event.id) row.element.dataset.eventId = event.id;
    this.render(row, sender ? `@${sender.handle}` : 'Someone');
    this.shown.unshift(row);
    this.list.prepend(row.element);
    for (const dropped of this.shown.splice(MAX_ROWS)) {
      dropped.element.remove();
      for (const [rowKey, kept] of this.rows) if (kept === dropped) this.rows.delete(rowKey);
    }
  }

  private render(row: Row, who: string): void {
    const note = comboNote(row.run);
    row.element.replaceChildren(`${who} sent ${giftAmount(row.run)}`);
    if (note) {
      const combo = document.createElement('span');
      combo.className = 'combo';
      combo.textContent = `(${note})`;
      row.element.append(' ', combo);
    }
  }

  private renderNote(): void {
    const shownGifts = sum(this.shown.map((row) => sum(row.run.quantities)));
    this.note.textContent = earlierNote(this.streamGifts, shownGifts, this.shown.length);
  }
}
