/**
 * The writes a LIVE room test makes through the gateway over HTTP, as a signed-in user would:
 * buy coins, send a gift, pin a product, run a stream's lifecycle. Each asserts it went through.
 */
import { expect } from 'vitest';
import type { QueryResult } from './harness.ts';

interface Graph {
  query<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<QueryResult<T>>;
  tokenFor(userId: string): Promise<string>;
}

let keys = 0;
/** A fresh idempotency key (8 to 100 letters, digits or . _ : -). */
export const idempotencyKey = (what: string) => `${what}-${Date.now()}-${++keys}`;

export async function asUser(graph: Graph, userId: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await graph.tokenFor(userId)}` };
}

async function mutate(graph: Graph, userId: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const { body } = await graph.query(query, variables, await asUser(graph, userId));
  expect(body.errors, query).toBeUndefined();
  return body.data;
}

export async function handleOf(graph: Graph, userId: string): Promise<string> {
  return (await graph.query('query ($id: ID!) { user(id: $id) { handle } }', { id: userId })).body.data.user.handle;
}

/** Buys the 700-coin package for the user; returns their coins after. */
export async function buyCoins(graph: Graph, userId: string): Promise<number> {
  const data = await mutate(graph, userId, 'mutation ($key: String!) { purchaseCoins(input: { packageId: "cpk_700", idempotencyKey: $key }) { wallet { coins } } }', { key: idempotencyKey('coins') });
  return data.purchaseCoins.wallet.coins;
}

export async function sendGift(graph: Graph, userId: string, liveStreamId: string, giftName: string, quantity = 1): Promise<{ id: string; coins: number }> {
  const gifts = (await graph.query<{ liveGifts: { id: string; name: string }[] }>('{ liveGifts { id name } }')).body.data!.liveGifts;
  const gift = gifts.find((candidate) => candidate.name === giftName);
  if (!gift) throw new Error(`no LIVE gift named ${giftName}`);
  const data = await mutate(graph, userId, 'mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id coins } } }', {
    input: { liveStreamId, giftId: gift.id, quantity, idempotencyKey: idempotencyKey('gift') },
  });
  return data.sendLiveGift.send;
}

export async function pinProduct(graph: Graph, creatorId: string, liveStreamId: string, productId: string, mutation: 'pinProduct' | 'unpinProduct' = 'pinProduct'): Promise<void> {
  await mutate(graph, creatorId, `mutation ($stream: ID!, $product: ID!) { ${mutation}(liveStreamId: $stream, productId: $product) { id } }`, { stream: liveStreamId, product: productId });
}

/** A stream of the creator's own, scheduled and taken LIVE: ending it disturbs no other test. */
export async function startOwnStream(graph: Graph, creatorId: string, title: string): Promise<string> {
  const scheduled = await mutate(graph, creatorId, 'mutation ($input: ScheduleLiveStreamInput!) { scheduleLiveStream(input: $input) { id } }', {
    input: { title, scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), idempotencyKey: idempotencyKey('stream') },
  });
  const id = scheduled.scheduleLiveStream.id as string;
  const started = await mutate(graph, creatorId, 'mutation ($id: ID!) { startLiveStream(id: $id) { status } }', { id });
  expect(started.startLiveStream.status).toBe('LIVE');
  return id;
}

export async function endStream(graph: Graph, creatorId: string, liveStreamId: string): Promise<void> {
  const ended = await mutate(graph, creatorId, 'mutation ($id: ID!) { endLiveStream(id: $id) { status } }', { id: liveStreamId });
  expect(ended.endLiveStream.status).toBe('ENDED');
}
