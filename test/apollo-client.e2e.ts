/**
 * The graph driven by Apollo Client itself (core, in Node), the way a frontend team's app talks
 * to it: no hand-written HTTP. A mutation's answer updates the normalized cache (every object
 * keyed by `__typename` and `id`) and a watched query sees it without a refetch; a creator and a
 * video are refetched by id through `node`; `fetchMore` walks connections forward and backward
 * (followers both ways, a creator's videos back from the oldest) with Apollo's own
 * `relayStylePagination`; errors reach the client's error policy with their `extensions.code`;
 * a user token and a partner key travel in the link's headers; a LIVE subscription over
 * `GraphQLWsLink` receives committed gifts in order and, after the client drops, resumes with
 * `after` to exactly the gifts it missed. (`@defer` and multipart subscriptions through
 * `HttpLink` have their own files: defer.e2e.ts and live-multipart.e2e.ts.)
 */
import { ApolloClient, CombinedGraphQLErrors, gql as parse, HttpLink, InMemoryCache, type ApolloLink, type TypedDocumentNode } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLInterfaceType } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, shopBrands, userIds, videoIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';
import { asUser, buyCoins, idempotencyKey, startOwnStream } from './live-api.ts';
import { eventually } from './eventually.ts';

/** Documents whose data the tests read as the app would, without generated types. */
const gql = (source: TemplateStringsArray | string): TypedDocumentNode<any, Record<string, unknown>> => parse(source);

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
const disposers: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of disposers) await dispose();
  await graph?.stop();
});

/** What Apollo's docs have apps generate from the schema: which types a `... on Node` fragment matches. */
const API_SCHEMA = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const NODE_POSSIBLE_TYPES = { Node: API_SCHEMA.getImplementations(API_SCHEMA.getType('Node') as GraphQLInterfaceType).objects.map((type) => type.name) };

/** A cache as an app would set it up: connections merged page after page by Apollo's own policy. */
function appCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: NODE_POSSIBLE_TYPES,
    typePolicies: {
      User: { fields: { followers: relayStylePagination(), following: relayStylePagination() } },
      Creator: { fields: { followers: relayStylePagination(), videos: relayStylePagination() } },
    },
  });
}

function httpClient(headers: Record<string, string> = {}): ApolloClient {
  const client = new ApolloClient({ link: new HttpLink({ uri: `${graph.url}graphql`, headers }), cache: appCache() });
  disposers.push(() => client.stop());
  return client;
}

function webSocketClient(connectionParams: Record<string, unknown> = {}): { client: ApolloClient; close: () => Promise<void> } {
  const socket = createClient({ url: `${graph.url.replace(/^http/, 'ws')}graphql`, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  const client = new ApolloClient({ link: new GraphQLWsLink(socket) as ApolloLink, cache: appCache() });
  const close = async () => {
    client.stop();
    await socket.dispose();
  };
  disposers.push(close);
  return { client, close };
}

const PROFILE = gql`
  query Profile($id: ID!) {
    user(id: $id) {
      id
      handle
      followerCount
    }
  }
`;
const FOLLOW = gql`
  mutation Follow($id: ID!) {
    follow(userId: $id) {
      viewerFollows
      user {
        id
        followerCount
      }
    }
  }
`;
const UNFOLLOW = gql`
  mutation Unfollow($id: ID!) {
    unfollow(userId: $id) {
      viewerFollows
      user {
        id
        followerCount
      }
    }
  }
`;

describe('Apollo Client against the graph', () => {
  it('updates the normalized cache from a mutation’s answer: a watched profile shows the new count without a refetch', async () => {
    const creator = creatorIds[5] as string;
    const fan = userIds[51] as string;
    const client = httpClient(await asUser(graph, fan));
    // Starts from "not following", whatever another test left.
    await client.mutate({ mutation: UNFOLLOW, variables: { id: creator } });

    const seen: number[] = [];
    const watched = client.watchQuery({ query: PROFILE, variables: { id: creator } }).subscribe({
      next: (result) => {
        if (result.data?.user) seen.push(result.data.user.followerCount);
      },
    });
    await eventually(() => seen.length === 1, 'the first profile');
    const before = seen[0] as number;

    const followed = await client.mutate({ mutation: FOLLOW, variables: { id: creator } });
    expect(followed.data?.follow).toMatchObject({ viewerFollows: true, user: { id: creator, followerCount: before + 1 } });
    await eventually(() => seen.at(-1) === before + 1, 'the watched profile updated from the cache');
    // The cache holds one User object under its id, not a copy per query.
    expect(client.cache.identify({ __typename: 'User', id: creator })).toBe(`User:${creator}`);
    expect(client.readFragment({ id: `User:${creator}`, fragment: gql('fragment Count on User { followerCount }') })).toMatchObject({ followerCount: before + 1 });

    await client.mutate({ mutation: UNFOLLOW, variables: { id: creator } });
    await eventually(() => seen.at(-1) === before, 'the watched profile back');
    watched.unsubscribe();
  });

  it('refetches a creator and a video by id through node, fresh from the network, into the same cache entries', async () => {
    const client = httpClient();
    const creator = creatorIds[2] as string;
    const video = videoIds[7] as string;
    const first = await client.query({ query: gql('query ($id: ID!) { creator(id: $id) { id handle followerCount } }'), variables: { id: creator } });
    const NODE = gql`
      query Refetch($id: ID!) {
        node(id: $id) {
          __typename
          id
          ... on Creator {
            handle
            followerCount
          }
          ... on Video {
            caption
            likeCount
          }
        }
      }
    `;
    const refetchedCreator = await client.query({ query: NODE, variables: { id: creator }, fetchPolicy: 'network-only' });
    expect(refetchedCreator.data?.node).toMatchObject({ __typename: 'Creator', id: creator, handle: first.data?.creator?.handle, followerCount: first.data?.creator?.followerCount });
    expect((client.cache.extract() as Record<string, object>)[`Creator:${creator}`]).toMatchObject({ handle: first.data?.creator?.handle });

    const direct = await graph.query('query ($id: ID!) { video(id: $id) { caption likeCount } }', { id: video });
    const refetchedVideo = await client.query({ query: NODE, variables: { id: video }, fetchPolicy: 'network-only' });
    expect(refetchedVideo.data?.node).toMatchObject({ __typename: 'Video', id: video, ...direct.body.data.video });

    // An unknown id of a known kind is null, as Relay and Apollo expect; an id of no kind is an error.
    const unknown = await client.query({ query: NODE, variables: { id: 'vid_unknown0000000' }, fetchPolicy: 'network-only' });
    expect(unknown.data?.node).toBeNull();
    const noKind = await client.query({ query: NODE, variables: { id: 'nope' }, fetchPolicy: 'network-only', errorPolicy: 'all' });
    expect(CombinedGraphQLErrors.is(noKind.error) && noKind.error.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('walks a creator’s followers with fetchMore, merged by relayStylePagination into the list one big page gives', async () => {
    const creator = creatorIds[3] as string;
    const FOLLOWERS = gql`
      query Followers($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
        creator(id: $id) {
          id
          followers(first: $first, after: $after, last: $last, before: $before) {
            totalCount
            edges {
              cursor
              node {
                id
                handle
              }
            }
            pageInfo {
              hasNextPage
              endCursor
              hasPreviousPage
              startCursor
            }
          }
        }
      }
    `;
    const whole = await httpClient().query({ query: FOLLOWERS, variables: { id: creator, first: 100 } });
    const everyone = whole.data!.creator!.followers.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(everyone.length).toBe(whole.data!.creator!.followers.totalCount);
    expect(everyone.length).toBeGreaterThan(6);

    const client = httpClient();
    const seen: string[][] = [];
    const watched = client.watchQuery({ query: FOLLOWERS, variables: { id: creator, first: 3 } });
    const subscription = watched.subscribe({ next: (result) => result.data?.creator && seen.push(result.data.creator.followers.edges.map((edge: { node: { id: string } }) => edge.node.id)) });
    await eventually(() => seen.length === 1, 'the first page');
    let pages = 1;
    for (;;) {
      const current = client.readQuery({ query: FOLLOWERS, variables: { id: creator, first: 3 } });
      const pageInfo = current!.creator!.followers.pageInfo;
      if (!pageInfo.hasNextPage) break;
      await watched.fetchMore({ variables: { after: pageInfo.endCursor } });
      pages++;
      expect(pages).toBeLessThan(50);
    }
    await eventually(() => seen.at(-1)?.length === everyone.length, 'every page merged');
    expect(seen.at(-1)).toEqual(everyone);
    expect(pages).toBe(Math.ceil(everyone.length / 3));
    subscription.unsubscribe();

    // And backward from the end (`last`/`before`), each page put in front by the same policy.
    const backward = httpClient();
    const shown: string[][] = [];
    const fromEnd = backward.watchQuery({ query: FOLLOWERS, variables: { id: creator, last: 3 } });
    const watching = fromEnd.subscribe({ next: (result) => result.data?.creator && shown.push(result.data.creator.followers.edges.map((edge: { node: { id: string } }) => edge.node.id)) });
    await eventually(() => shown.length === 1, 'the last page');
    expect(shown[0]).toEqual(everyone.slice(-3));
    for (let back = 1; ; back++) {
      const pageInfo = backward.readQuery({ query: FOLLOWERS, variables: { id: creator, last: 3 } })!.creator!.followers.pageInfo;
      if (!pageInfo.hasPreviousPage) break;
      await fromEnd.fetchMore({ variables: { before: pageInfo.startCursor } });
      expect(back).toBeLessThan(50);
    }
    await eventually(() => shown.at(-1)?.length === everyone.length, 'every page merged, backward');
    expect(shown.at(-1)).toEqual(everyone);
    watching.unsubscribe();
  });

  it('walks a creator’s videos backward with fetchMore from the oldest, merged in front, to the list one big page gives, with the kept totalCount', async () => {
    const VIDEOS = gql`
      query CreatorVideos($id: ID!, $first: Int, $last: Int, $before: String) {
        creator(id: $id) {
          id
          videos(first: $first, last: $last, before: $before) {
            totalCount
            edges {
              cursor
              node {
                id
                caption
              }
            }
            pageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
          }
        }
      }
    `;
    const creator = creatorIds[0] as string;
    const whole = await httpClient().query({ query: VIDEOS, variables: { id: creator, first: 100 } });
    const everyone = whole.data!.creator!.videos.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(everyone.length).toBeGreaterThan(8);
    expect(whole.data!.creator!.videos.totalCount).toBe(everyone.length);

    const client = httpClient();
    const shown: string[][] = [];
    const fromOldest = client.watchQuery({ query: VIDEOS, variables: { id: creator, last: 4 } });
    const watching = fromOldest.subscribe({ next: (result) => result.data?.creator && shown.push(result.data.creator.videos.edges.map((edge: { node: { id: string } }) => edge.node.id)) });
    await eventually(() => shown.length === 1, 'the oldest page');
    expect(shown[0]).toEqual(everyone.slice(-4));
    let pages = 1;
    for (;;) {
      const { videos } = client.readQuery({ query: VIDEOS, variables: { id: creator, last: 4 } })!.creator!;
      expect(videos.totalCount).toBe(everyone.length);
      if (!videos.pageInfo.hasPreviousPage) break;
      await fromOldest.fetchMore({ variables: { before: videos.pageInfo.startCursor } });
      pages++;
      expect(pages).toBeLessThan(50);
    }
    await eventually(() => shown.at(-1)?.length === everyone.length, 'every page merged in front');
    expect(shown.at(-1)).toEqual(everyone);
    expect(pages).toBe(Math.ceil(everyone.length / 4));
    watching.unsubscribe();
  });

  it('hands errors to the error policy with their codes: none rejects, all keeps the data beside them', async () => {
    const client = httpClient();
    const MISSING = gql('query ($id: ID!) { video(id: $id) { id caption } feed(first: 1) { edges { node { id } } } }');
    await expect(client.query({ query: MISSING, variables: { id: 'vid_unknown0000000' } })).rejects.toSatisfy((error: unknown) => CombinedGraphQLErrors.is(error) && error.errors[0]?.extensions?.code === 'NOT_FOUND');
    const kept = await client.query({ query: MISSING, variables: { id: 'vid_unknown0000000' }, errorPolicy: 'all', fetchPolicy: 'network-only' });
    expect(CombinedGraphQLErrors.is(kept.error) && kept.error.errors.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(kept.data?.feed.edges).toHaveLength(1);

    const anonymous = await client.mutate({ mutation: FOLLOW, variables: { id: creatorIds[1] }, errorPolicy: 'all' });
    expect(CombinedGraphQLErrors.is(anonymous.error) && anonymous.error.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('carries a user token and a partner key in the link’s headers; a bad key is refused with its code', async () => {
    const user = userIds[30] as string;
    const me = await httpClient(await asUser(graph, user)).query({ query: gql('{ me { id } }') });
    expect(me.data?.me?.id).toBe(user);

    const brand = shopBrands[0]!.id;
    const { secret } = await graph.keys.create({ partnerId: brand, name: 'apollo-client e2e', scopes: ['catalog:read'] });
    const mine = await httpClient({ 'x-api-key': secret }).query({ query: gql('{ myBrand { id name } }') });
    expect(mine.data?.myBrand?.id).toBe(brand);

    const refused = await httpClient({ 'x-api-key': `${secret}x` }).query({ query: gql('{ myBrand { id } }'), errorPolicy: 'all' });
    expect(CombinedGraphQLErrors.is(refused.error) && refused.error.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('receives committed gifts over GraphQLWsLink in order, and after a drop resumes with after to exactly the ones it missed', async () => {
    const stream = await startOwnStream(graph, creatorIds[19] as string, 'Apollo Client LIVE');
    const sender = userIds[52] as string;
    await buyCoins(graph, sender);
    const rose = seedId('lgf', 0);
    const send = async () => {
      const sent = await graph.query('mutation ($input: SendLiveGiftInput!) { sendLiveGift(input: $input) { send { id } } }', { input: { liveStreamId: stream, giftId: rose, quantity: 1, idempotencyKey: idempotencyKey('apollo') } }, await asUser(graph, sender));
      expect(sent.body.errors).toBeUndefined();
      return sent.body.data.sendLiveGift.send.id as string;
    };
    const GIFTS = gql`
      subscription Gifts($id: ID!, $after: ID) {
        liveGiftEvents(liveStreamId: $id, after: $after) {
          id
          send {
            id
          }
        }
      }
    `;
    const listen = (client: ApolloClient, after?: string) => {
      const events: { id: string; sendId: string }[] = [];
      const subscription = client.subscribe({ query: GIFTS, variables: { id: stream, ...(after ? { after } : {}) } }).subscribe({
        next: (result) => {
          const event = result.data?.liveGiftEvents;
          if (event) events.push({ id: event.id, sendId: event.send.id });
        },
      });
      return { events, stop: () => subscription.unsubscribe() };
    };

    const first = webSocketClient();
    const live = listen(first.client);
    await eventually(() => graph.gateway.subscriptions.listeningSubscriptions >= 1, 'the subscription listening');
    const sent = [await send(), await send(), await send()];
    await eventually(() => live.events.length === 3, 'three gifts');
    expect(live.events.map((event) => event.sendId)).toEqual(sent);
    expect(live.events.map((event) => Number(event.id))).toEqual([1, 2, 3]);

    // The app goes offline: its socket closes, and gifts keep coming.
    live.stop();
    await first.close();
    const missed = [await send(), await send()];
    const second = webSocketClient();
    const resumed = listen(second.client, live.events.at(-1)!.id);
    await eventually(() => resumed.events.length === 2, 'the missed gifts');
    const after = await send();
    await eventually(() => resumed.events.length === 3, 'the next gift');
    expect(resumed.events.map((event) => event.sendId)).toEqual([...missed, after]);
    expect(resumed.events.map((event) => Number(event.id))).toEqual([4, 5, 6]);
    resumed.stop();
  });
});
