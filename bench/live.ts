/**
 * The LIVE fan-out case of `npm run bench`: N clients (BENCH_LIVE_CLIENTS, 1,000) subscribed
 * over WebSocket to one stream's gift events while gifts are sent at a steady rate
 * (BENCH_LIVE_RATE, 50 a second) for BENCH_LIVE_SECONDS. Every client must receive every
 * event; latency is from the mutation's response to each client's receipt.
 */
import { readFileSync } from 'node:fs';
import { metric, subscribeToGifts } from './gift-subscribers.ts';

export interface LiveBenchOptions {
  /** The gateway's base URL, e.g. http://127.0.0.1:4000/ */
  gatewayUrl: string;
  gatewayPid: number;
  clients: number;
  ratePerSecond: number;
  seconds: number;
  liveStreamId: string;
  giftId: string;
  /** Headers of the user who sends the gifts (holding enough coins). */
  senderHeaders: Record<string, string>;
  cpuMs: (pid: number) => number;
}

export interface LiveBenchResult {
  clients: number;
  upstreamSubscriptions: number;
  /** Sends whose answer named the committed send. */
  eventsSent: number;
  /** Sends whose answer was an error, by code (a timeout under load may still have committed). */
  sendsRefused: Record<string, number>;
  /** Distinct events the clients received: every committed send, answered or not. */
  eventsCommitted: number;
  /** The stream's gift count moved by this many during the run (from the events' totals): must equal eventsCommitted. */
  committedPerTotals: number;
  eventsDelivered: number;
  /** Every client received every committed event, and every answered send was among them. */
  everyClientEveryEvent: boolean;
  deliveredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  gatewayCpuMsPerEvent: number;
  gatewayKbPerSubscription: number;
  /** Events a client received twice or without a send id: must be 0. */
  wrongEvents: number;
}

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function measureLiveFanOut(options: LiveBenchOptions): Promise<LiveBenchResult> {
  const rssBefore = rssKb(options.gatewayPid);
  /** sendId → when its mutation answered. */
  const answeredAt = new Map<string, number>();
  const sendsRefused: Record<string, number> = {};
  const subscribers = await subscribeToGifts(options.gatewayUrl, options.liveStreamId, options.clients);
  const { receipts, seenPerClient } = subscribers;
  const upstreamSubscriptions = await metric(options.gatewayUrl, 'graphql_upstream_subscriptions');
  const gatewayKbPerSubscription = Math.round(((rssKb(options.gatewayPid) - rssBefore) / options.clients) * 10) / 10;

  const cpuBefore = options.cpuMs(options.gatewayPid);
  const started = performance.now();
  const total = Math.round(options.ratePerSecond * options.seconds);
  const sends: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / options.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(
      fetch(`${options.gatewayUrl}graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.senderHeaders },
        body: JSON.stringify({
          query: 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }',
          variables: { input: { liveStreamId: options.liveStreamId, giftId: options.giftId, quantity: 1, idempotencyKey: `bench-live-${Date.now()}-${n}` } },
        }),
      })
        .then((response) => response.json() as Promise<{ data?: { sendLiveGift?: { send: { id: string } } }; errors?: { extensions?: { code?: string } }[] }>)
        .then(
          (body) => {
            const id = body.data?.sendLiveGift?.send.id;
            if (id) answeredAt.set(id, performance.now());
            else {
              const code = body.errors?.[0]?.extensions?.code ?? 'NO_ANSWER';
              sendsRefused[code] = (sendsRefused[code] ?? 0) + 1;
            }
          },
          () => {
            sendsRefused.NETWORK_ERROR = (sendsRefused.NETWORK_ERROR ?? 0) + 1;
          },
        ),
    );
  }
  await Promise.all(sends);
  const eventsSent = answeredAt.size;
  const everyoneHasEveryAnswered = await subscribers.drain(() => answeredAt.keys(), 30_000);
  // A send whose answer was lost (a timeout under load) may still have committed: its event is owed too.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const committed = new Set(receipts.map((receipt) => receipt.sendId));
  const everyClientEveryEvent = everyoneHasEveryAnswered && seenPerClient.every((seen) => seen.size === committed.size);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = options.cpuMs(options.gatewayPid) - cpuBefore;

  // An event can reach a client before its mutation's answer reaches the sender: that counts as 0.
  const latencies = receipts.filter((receipt) => answeredAt.has(receipt.sendId)).map((receipt) => Math.max(0, receipt.at - answeredAt.get(receipt.sendId)!));
  latencies.sort((a, b) => a - b);
  await subscribers.close();
  const { lowest: lowestGiftCount, highest: highestGiftCount } = subscribers.giftCounts();
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    clients: options.clients,
    upstreamSubscriptions,
    eventsSent,
    sendsRefused,
    eventsCommitted: committed.size,
    committedPerTotals: committed.size === 0 ? 0 : highestGiftCount - lowestGiftCount + 1,
    eventsDelivered: receipts.length,
    everyClientEveryEvent,
    deliveredPerSecond: Math.round(receipts.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    gatewayCpuMsPerEvent: Math.round((cpu / Math.max(1, receipts.length)) * 10_000) / 10_000,
    gatewayKbPerSubscription,
    wrongEvents: subscribers.wrongEvents(),
  };
}
