/**
 * Many WebSocket clients (graphql-ws) on one stream's gift events, each keeping what it received:
 * the LIVE fan-out case of `npm run bench` and the hot stream of `npm run bench:scale` both count
 * with it whether every client got every committed event once, and how long after its send's
 * answer.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const EVENTS = /* GraphQL */ `
  subscription LiveRoom($id: ID!) {
    liveGiftEvents(liveStreamId: $id) { id combo send { id quantity coins sender { handle } gift { name } } totals { coins giftCount } }
  }
`;

export interface GiftSubscribers {
  /** Every receipt: which send, and when (performance.now()). */
  readonly receipts: { sendId: string; at: number }[];
  /** What each client received, by send id. */
  readonly seenPerClient: Set<string>[];
  /** Events a client received twice or without a send id, and subscription errors: must be 0. */
  wrongEvents(): number;
  /** The lowest and highest stream gift count the events carried. */
  giftCounts(): { lowest: number; highest: number };
  /** Waits (at most `withinMs`) until every client has every one of `sendIds`; says whether they did. */
  drain(sendIds: () => Iterable<string>, withinMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function metric(gatewayUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${gatewayUrl}metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

/** `count` clients subscribed to `liveStreamId`'s gifts through the gateway at `gatewayUrl` (…/), resolved once all are listening. */
export async function subscribeToGifts(gatewayUrl: string, liveStreamId: string, count: number): Promise<GiftSubscribers> {
  const url = `${gatewayUrl.replace(/^http/, 'ws')}graphql`;
  const receipts: { sendId: string; at: number }[] = [];
  const seenPerClient: Set<string>[] = [];
  let wrong = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  const clients: Client[] = [];
  const stops: (() => void)[] = [];
  const listeningBefore = await metric(gatewayUrl, 'graphql_subscriptions_listening');
  for (let i = 0; i < count; i++) {
    const client = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
    const seen = new Set<string>();
    seenPerClient.push(seen);
    clients.push(client);
    stops.push(
      client.subscribe(
        { query: EVENTS, variables: { id: liveStreamId } },
        {
          next: (result) => {
            const event = (result.data as { liveGiftEvents?: { send?: { id?: string }; totals?: { giftCount?: number } } } | undefined)?.liveGiftEvents;
            const sendId = event?.send?.id;
            const giftCount = event?.totals?.giftCount;
            if (typeof giftCount === 'number') {
              lowest = Math.min(lowest, giftCount);
              highest = Math.max(highest, giftCount);
            }
            if (!sendId || seen.has(sendId)) {
              wrong += 1;
              return;
            }
            seen.add(sendId);
            receipts.push({ sendId, at: performance.now() });
          },
          error: () => {
            wrong += 1;
          },
          complete: () => undefined,
        },
      ),
    );
  }
  const deadline = Date.now() + 60_000;
  while ((await metric(gatewayUrl, 'graphql_subscriptions_listening')) < listeningBefore + count) {
    if (Date.now() > deadline) throw new Error(`only some of ${count} gift subscriptions started listening within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const hasAll = (ids: string[]) => seenPerClient.every((seen) => ids.every((id) => seen.has(id)));
  return {
    receipts,
    seenPerClient,
    wrongEvents: () => wrong,
    giftCounts: () => ({ lowest, highest }),
    async drain(sendIds, withinMs) {
      const until = performance.now() + withinMs;
      while (!hasAll([...sendIds()]) && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      return hasAll([...sendIds()]);
    },
    async close() {
      for (const stop of stops) stop();
      await Promise.all(clients.map((client) => client.dispose()));
      // The next measurement starts once the gateway has let these go (their connection slots too).
      const releaseDeadline = Date.now() + 30_000;
      while ((await metric(gatewayUrl, 'graphql_subscriptions_open')) > 0 && Date.now() < releaseDeadline) await new Promise((resolve) => setTimeout(resolve, 200));
    },
  };
}
