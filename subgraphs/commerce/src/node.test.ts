/**
 * `node(id:)` in commerce alone, with the other subgraphs faked: the prefix table against the
 * SDL, ids no type could have refused, unknown and hidden ids null, and which of a user and their
 * creator profile a user's id answers.
 */
import { describe, expect, it } from 'vitest';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { creatorIds, productIds, userIds } from '@app/fixtures/world';
import type { SubgraphName } from '@app/kit/config';
import type { PeerClient } from '@app/kit/peers';
import { fakePeers, subgraphTestbed } from '@app/kit/testing';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { createContext } from './context.ts';
import { commerceSeedRows, seedCommerceStore } from './db/seed.ts';
import { openCommerceStore } from './db/store.ts';
import { NODE_PREFIXES, nodePrefixOf } from './node.ts';
import { createServer, typeDefs } from './server.ts';

const creator = creatorIds[0] as string;
const notCreator = userIds.find((id) => !creatorIds.includes(id)) as string;
const video = 'vid_known';
const gesture = 'sgs_theirs';

/** What the owners know (a fake owner answers the same to every viewer: hiding is the owner's rule, tested there). */
const peers = fakePeers({
  User: new Map([
    [creator, { creator: { id: creator } }],
    [notCreator, { creator: null }],
  ]),
  Video: new Map([[video, {}]]),
  SmallGesture: new Map([[gesture, {}]]),
  LiveStream: new Map(),
  GiftOffer: new Map(),
});
/** Every question `node` asked an owner, with the viewer it asked for. */
const asked: { service: SubgraphName; typename: string; ids: readonly string[]; viewer: Viewer }[] = [];
const recording: PeerClient = {
  ...peers.client,
  entities: (service, typename, ids, selection, viewer) => {
    asked.push({ service, typename, ids, viewer });
    return peers.client.entities(service, typename, ids, selection, viewer);
  },
};
const { run } = subgraphTestbed({ open: openCommerceStore, createServer, context: (store, viewer) => createContext(store, viewer, recording), seed: seedCommerceStore });
const as = (userId: string): Viewer => ({ ...anonymousViewer(), userId });

const NODE = 'query ($id: ID!) { node(id: $id) { __typename id } }';
async function nodeOf(id: string, query = NODE, viewer?: Viewer) {
  const result = await run(query, { id }, viewer);
  expect(result.errors).toBeUndefined();
  return result.data?.node;
}

describe('node(id:) prefixes', () => {
  it('has exactly one prefix for every type that implements Node in the SDL, and names no other type', () => {
    const implementing = parse(typeDefs)
      .definitions.filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION)
      .filter((type) => type.interfaces?.some((name) => name.name.value === 'Node'))
      .map((type) => type.name.value);
    const tabled = Object.values(NODE_PREFIXES).flatMap((kind) => kind.types);
    expect([...tabled].sort()).toEqual([...implementing].sort());
    expect(new Set(tabled).size).toBe(tabled.length);
    expect(Object.keys(NODE_PREFIXES).every((prefix) => /^[a-z]{3}$/.test(prefix))).toBe(true);
  });

  it('reads the prefix of well-formed ids, whatever their body', () => {
    expect(nodePrefixOf(productIds[0] as string)).toBe('prd');
    expect(nodePrefixOf('usr_with_underscores-and-dashes')).toBe('usr');
  });

  it('refuses ids no type could have as BAD_USER_INPUT, saying why, without asking any owner', async () => {
    asked.length = 0;
    const refusals: [string, RegExp][] = [
      ['', /is not a global id: ids are a type prefix/],
      ['nothing', /is not a global id: ids are a type prefix/],
      ['_abc', /is not a global id: ids are a type prefix/],
      ['usr_', /is not a global id: ids are a type prefix/],
      ['prd_has space', /is not a global id: ids are a type prefix/],
      ['xyz_abc', /no type has ids beginning "xyz_"/],
      // Ledger transactions have ids but no type: nothing a client could hold.
      ['ltx_abc', /no type has ids beginning "ltx_"/],
      ['USR_abc', /no type has ids beginning "USR_"/],
    ];
    for (const [id, message] of refusals) {
      const result = await run(NODE, { id });
      expect(result.data?.node, id).toBeNull();
      expect(result.errors?.[0]?.extensions, id).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
      expect(result.errors?.[0]?.message, id).toMatch(message);
    }
    expect(asked).toEqual([]);
  });
});

describe('node(id:) answers', () => {
  it("answers commerce's own objects from its store, and null for unknown ids and hidden ones", async () => {
    const product = productIds[0] as string;
    expect(await nodeOf(product)).toEqual({ __typename: 'Product', id: product });
    const order = commerceSeedRows().orders[0];
    if (!order) throw new Error('the seed has orders');
    expect(await nodeOf(order.id, NODE, as(order.buyerId))).toEqual({ __typename: 'Order', id: order.id });
    expect(await nodeOf(order.id)).toBeNull();
    for (const id of ['prd_unknown', 'ord_unknown', 'brd_unknown', 'cat_unknown', 'ret_unknown', 'afl_unknown', 'pay_unknown']) expect(await nodeOf(id, NODE, as(order.buyerId))).toBeNull();
  });

  it("asks the owner of another subgraph's object, on the viewer's behalf, and is null when the owner is", async () => {
    asked.length = 0;
    const viewer = as(notCreator);
    expect(await nodeOf(video, NODE, viewer)).toEqual({ __typename: 'Video', id: video });
    expect(await nodeOf(gesture, NODE, viewer)).toEqual({ __typename: 'SmallGesture', id: gesture });
    expect(await nodeOf('liv_unknown', NODE, viewer)).toBeNull();
    expect(await nodeOf('gof_unknown', NODE, viewer)).toBeNull();
    expect(asked.map(({ service, typename, ids }) => [service, typename, ids])).toEqual([
      ['content', 'Video', [video]],
      ['gifts', 'SmallGesture', [gesture]],
      ['content', 'LiveStream', ['liv_unknown']],
      ['gifts', 'GiftOffer', ['gof_unknown']],
    ]);
    expect(asked.every((question) => question.viewer.userId === notCreator)).toBe(true);
  });

  it('is SERVICE_UNAVAILABLE, not null, when the owner does not answer', async () => {
    peers.unavailable.add('content');
    try {
      const result = await run(NODE, { id: video });
      expect(result.data?.node).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      peers.unavailable.delete('content');
    }
  });

  it("answers a creator's id as the Creator, unless the selection asks for a User and not a Creator; a non-creator's as the User", async () => {
    const onUser = 'query ($id: ID!) { node(id: $id) { __typename id ... on User { id } } }';
    const onCreator = 'query ($id: ID!) { node(id: $id) { __typename ... on Creator { id } } }';
    const onBoth = 'query ($id: ID!) { node(id: $id) { __typename ...U ...C } } fragment U on User { id } fragment C on Creator { id }';
    const named = 'query ($id: ID!) { node(id: $id) { ...Named } } fragment Named on Node { __typename ... on User { id } }';
    expect(await nodeOf(creator)).toEqual({ __typename: 'Creator', id: creator });
    expect(await nodeOf(creator, onCreator)).toEqual({ __typename: 'Creator', id: creator });
    expect(await nodeOf(creator, onBoth)).toEqual({ __typename: 'Creator', id: creator });
    expect(await nodeOf(creator, onUser)).toEqual({ __typename: 'User', id: creator });
    expect(await nodeOf(creator, named)).toEqual({ __typename: 'User', id: creator });
    for (const query of [NODE, onUser, onCreator, onBoth]) expect((await nodeOf(notCreator, query)).__typename).toBe('User');
    expect(await nodeOf('usr_unknown', onCreator)).toBeNull();
  });
});
