/**
 * LIVE gift events: what a stream's subscribers see of each gift sent to it, and every rule of it.
 *
 * - **One event per committed send.** `sendLiveGift` writes the event to the outbox (its topic is
 *   the stream's id) inside the send's own transaction: a refused or rolled-back send
 *   (insufficient coins, a stream not live) writes none, a replayed idempotency key runs no body
 *   and writes none, a committed send exactly one. Events are numbered 1, 2, 3 … per stream in
 *   commit order, and that number is the event's id.
 * - **Combo, "in a row".** Each sender's sends to a stream form their own line in commit order
 *   (other viewers' gifts do not break it: on a busy stream a viewer tapping the same gift keeps
 *   counting up, the "x7" a room sees). A send continues the combo of the sender's send just
 *   before it when that send was of the same gift and at most the combo window before it
 *   (`GIFT_COMBO_WINDOW_SECONDS`, default 10; exactly the window still counts): its combo is that
 *   send's plus one. Otherwise (the sender's first send to the stream, another gift in between,
 *   a longer gap) it is 1. A send of several of one gift is one step. The combo is decided inside
 *   the send's transaction (the write lock orders the line, and the send's time is taken under
 *   it) and stored on the send, so it never changes.
 * - **Totals as of the event.** Each event carries the stream's gift totals right after its send,
 *   as the send's own transaction kept them in the stream's totals row (never summed over the
 *   stream's history), and kept in the event, so a subscriber who reads it late (a replay after
 *   `after`) sees the totals of that moment, not of now.
 * - **Subscribing.** Whether the stream exists is content's fact, asked before anything is read:
 *   an unknown stream is NOT_FOUND (with content down, a stream with events here is known to
 *   exist). A stream that has ended gets what came after `after` (if given) and completes.
 *   Otherwise the subscription completes when content reports the stream ENDED, after sending
 *   every gift event committed before gifts heard of the end.
 */
import type { LiveEvent } from '@app/kit/live';
import { liveStreamEvents } from '@app/kit/live-stream-events';
import type { Context } from './context.ts';
import type { LiveGiftEventPayload, LiveGiftEventView } from './mappers.ts';
import type { GiftTotals, GiftsTx, LastStreamSend } from './db/store.ts';

/** The outbox kind of a gift event. */
export const GIFT_SENT = 'GIFT_SENT';

export interface ComboStep {
  senderId: string;
  giftId: string;
  at: Date;
}

/** The combo of a send, given the sender's send to the stream just before it (see the rules above). */
export function nextCombo(previous: LastStreamSend | undefined, send: ComboStep, windowMs: number): number {
  if (!previous || previous.senderId !== send.senderId || previous.giftId !== send.giftId) return 1;
  // A clock that stepped back makes a negative gap: still "right after".
  return send.at.getTime() - previous.createdAt.getTime() <= windowMs ? previous.combo + 1 : 1;
}

/** The combo of a send about to be recorded, inside its transaction, with the combo window of the settings. */
export async function comboInTransaction(tx: GiftsTx, liveStreamId: string, send: ComboStep, windowMs: number): Promise<number> {
  return nextCombo(await tx.lastSendTo(liveStreamId, send.senderId), send, windowMs);
}

/**
 * Writes the event of a send just recorded, inside its transaction: numbered `eventSeq` (taken
 * with `nextLiveEventSeq` before the send was written with it), with the stream's totals after
 * the send (as `insertLiveGiftSend` kept them).
 */
export async function announceGiftSend(tx: GiftsTx, sendId: string, liveStreamId: string, eventSeq: number, totals: GiftTotals, at: Date): Promise<void> {
  const payload: LiveGiftEventPayload = {
    sendId,
    totals: { coins: totals.coins, diamonds: totals.diamonds, giftCount: totals.giftCount, gifterCount: totals.gifterCount },
  };
  await tx.appendLiveEvent(liveStreamId, GIFT_SENT, payload, at, eventSeq);
}

/** An outbox event as the API shows it. */
export function giftEventView(event: LiveEvent): LiveGiftEventView {
  const payload = event.payload as LiveGiftEventPayload;
  return { id: String(event.seq), liveStreamId: event.topic, sendId: payload.sendId, totals: payload.totals };
}

/**
 * A stream's gift events for one subscriber, as outbox events (the field's `resolve` maps each
 * with `giftEventView`): what it missed after `after`, then each send as it commits, until the
 * stream ends.
 * The kit's one way for every subgraph's LIVE stream events (`@app/kit/live-stream-events`).
 * @throws NOT_FOUND for a stream content does not know, SERVICE_UNAVAILABLE when content does
 *   not answer about a stream with no events here, BAD_USER_INPUT / EVENTS_EXPIRED for an `after`
 *   this stream cannot resume from.
 */
export function liveGiftEvents(context: Context, liveStreamId: string, after: string | null | undefined): Promise<AsyncGenerator<LiveEvent, void, undefined>> {
  return liveStreamEvents(context, liveStreamId, after);
}
