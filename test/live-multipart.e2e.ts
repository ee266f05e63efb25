/**
 * LIVE subscriptions over multipart HTTP, driven by Apollo Client itself: `HttpLink` sends a
 * subscription as a POST with `Accept: multipart/mixed;subscriptionSpec=1.0` and reads the
 * parts. Committed gifts arrive in order, a resume with `after` gets exactly the events after
 * it, a refusal reaches the client as an error with its code, and unsubscribing gives the
 * slots back.
 */
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, userIds } from '@app/fixtures/world';
import { DEFAULT_SUBSCRIPTION_CAPS } from '@app/gateway/src/subscriptions/admission.ts';
import { startGraph, type RunningGraph } from './harness.ts';
import { asUser, buyCoins, idempotencyKey, startOwnStream } from './live-api.ts';
import { eventually } from './eventually.ts';

const PER_CALLER = 2;
let graph: RunningGraph;
beforeAll(async () => {
  // A small per-caller cap, so the refusal past it takes three subscriptions, not twenty-one.
  graph = await startGraph({ gateway: { subscriptions: { ...DEFAULT_SUBSCRIPTION_CAPS, perIp: 1_000, connectionsPerIp: 1_000, perCaller: PER_CALLER } } });
});
// Apollo Client's connections, closed before the graph stops: an aborted streaming fetch can leave
// a spare keep-alive connection open that the server would wait out.
const agent = new Agent();
afterAll(async () => {
  await agent.destroy();
  await graph?.stop();
});

const rose = seedId('lgf', 0);
const GIFT_IDS = gql`
  subscription GiftIds($id: ID!, $after: ID) {
    liveGiftEvents(liveStreamId: $id, after: $after) {
      id
      send {
        id
      }
    }
  }
`;

function apolloClient(headers: Record<string, string> = {}) {
  const fetchThroughAgent = (input: string | URL | Request, init?: RequestInit) => undiciFetch(input as string, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>;
  return new ApolloClient({ link: new HttpLink({ uri: `${graph.url}graphql`, fetch: fetchThroughAgent, headers }), cache: new InMemoryCache() });
}

interface Received {
  ids: () => number[];
  eventIds: () => unknown[];
  error: () => { errors?: readonly { extensions?: Record<string, unknown> }[] } | undefined;
  completed: () => boolean;
  stop: () => void;
}

/** `client.subscribe`, collecting what Apollo Client hands the application. */
function subscribe(client: ApolloClient, variables: Record<string, unknown>): Received {
  const results: { data?: any; extensions?: Record<string, unknown> }[] = [];
  let error: unknown;
  let completed = false;
  const subscription = client.subscribe({ query: GIFT_IDS, variables }).subscribe({
    next: (result) => {
      if (result.error) error = result.error;
      else results.push(result);
    },
    error: (failure: unknown) => (error = failure),
    complete: () => (completed = true),
  });
  return {
    ids: () => results.map((result) => Number(result.data?.liveGiftEvents?.id)),
    eventIds: () => results.map((result) => result.extensions?.eventId),
    error: () => error as ReturnType<Received['error']>,
    completed: () => completed,
    stop: () => subscription.unsubscribe(),
  };
}

async function sendRose(sender: string, stream: string): Promise<void> {
  const sent = await graph.query('mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: idempotencyKey('multipart') } }, await asUser(graph, sender));
  expect(sent.body.errors).toBeUndefined();
}

const slotsGiven = () => eventually(() => graph.gateway.subscriptions.openSubscriptions === 0 && graph.gateway.subscriptionConnections() === 0, 'every slot given back');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('subscriptions over multipart HTTP with Apollo Client', () => {
  it('delivers committed gifts in order with their event ids, and gives the slots back on unsubscribe', async () => {
    const stream = await startOwnStream(graph, creatorIds[16] as string, 'Multipart gifts');
    const sender = userIds[42] as string;
    await buyCoins(graph, sender);
    const client = apolloClient();
    const live = subscribe(client, { id: stream });
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions === 1, 'the subscription listening');
    for (let i = 0; i < 3; i++) await sendRose(sender, stream);
    await eventually(() => live.ids().length === 3, 'three gifts');
    expect(live.ids()).toEqual([1, 2, 3]);
    expect(live.eventIds()).toEqual(['1', '2', '3']);
    expect(live.error()).toBeUndefined();

    live.stop();
    await slotsGiven();
    expect(graph.gateway.subscriptions.upstreamSubscriptions).toBe(0);
  });

  it('resumes with after: exactly the events after it, then the new ones', async () => {
    const stream = await startOwnStream(graph, creatorIds[17] as string, 'Multipart resume');
    const sender = userIds[43] as string;
    await buyCoins(graph, sender);
    for (let i = 0; i < 4; i++) await sendRose(sender, stream);
    const client = apolloClient();
    const resumed = subscribe(client, { id: stream, after: '2' });
    await eventually(() => resumed.ids().length === 2, 'the two missed events');
    await sendRose(sender, stream);
    await eventually(() => resumed.ids().length === 3, 'the new event');
    expect(resumed.ids()).toEqual(range(3, 5));
    expect(resumed.eventIds()).toEqual(['3', '4', '5']);
    resumed.stop();
    await slotsGiven();
  });

  it('hands the client a refusal as an error with its code: validation, the caller cap; a plain subscription request keeps its 400', async () => {
    const stream = await startOwnStream(graph, creatorIds[18] as string, 'Multipart refusals');
    const anonymous = apolloClient();
    const invalid = anonymous.subscribe({ query: gql('subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { nope } }'), variables: { id: stream } });
    const invalidResults: { error?: { errors?: readonly { extensions?: Record<string, unknown> }[] } }[] = [];
    await new Promise<void>((resolve) => invalid.subscribe({ next: (result) => void invalidResults.push(result as never), error: () => resolve(), complete: () => resolve() }));
    expect(invalidResults[0]?.error?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Events to resume after: distinct positions, since Apollo Client shares one request between identical subscriptions.
    const sender = userIds[45] as string;
    await buyCoins(graph, sender);
    for (let i = 0; i <= PER_CALLER; i++) await sendRose(sender, stream);
    const user = apolloClient(await asUser(graph, userIds[44] as string));
    const held = Array.from({ length: PER_CALLER }, (_, i) => subscribe(user, { id: stream, after: String(i) }));
    await eventually(() => graph.gateway.subscriptions.openSubscriptions === PER_CALLER, 'the caller’s subscriptions open');
    const over = subscribe(user, { id: stream, after: String(PER_CALLER) });
    await eventually(() => over.error() !== undefined, 'the refusal');
    expect(over.error()?.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_LIMIT_REACHED');
    expect(held.every((one) => one.error() === undefined)).toBe(true);

    const plain = await graph.query('subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id } }', { id: stream });
    expect(plain.status).toBe(400);
    expect(plain.body.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_TRANSPORT_REQUIRED');

    for (const one of held) one.stop();
    await slotsGiven();
  });
});
