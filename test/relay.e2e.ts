/**
 * The graph as Relay sees it, with relay-runtime's own store and helpers (no React): a creator
 * fetched through `node(id:)` is one record keyed by its id, and its videos, a `@connection`
 * paged backward with `last`/`before`, are merged in front by Relay's `ConnectionHandler` into
 * the list one big page gives. The operation is compiled by Relay's compiler
 * (`relay/operations.ts` → `relay/__generated__/`), as an app's would be.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { commitLocalUpdate, ConnectionHandler, Environment, fetchQuery, Network, RecordSource, Store, type GraphQLResponse, type RecordProxy } from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creatorIds } from '@app/fixtures/world';
import { startGraph, type RunningGraph } from './harness.ts';
import creatorVideosQuery from './relay/__generated__/RelayCreatorVideosQuery.graphql.ts';

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
});

/** A Relay environment as an app sets one up: the network posts the compiled operation's text. */
function relayEnvironment(): Environment {
  const network = Network.create(async (operation, variables) => {
    const response = await fetch(`${graph.url}graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.text, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  });
  return new Environment({ network, store: new Store(new RecordSource()) });
}

/** What the store holds for the creator and its `@connection`, read through Relay's own proxies. */
function readCreator(environment: Environment, id: string) {
  let read: { typename: unknown; handle: unknown; videoIds: string[]; totalCount: unknown; hasPreviousPage: unknown; startCursor: unknown } | undefined;
  commitLocalUpdate(environment, (store) => {
    const creator = store.get(id) as RecordProxy;
    const connection = ConnectionHandler.getConnection(creator, 'RelayCreator_videos') as RecordProxy;
    const pageInfo = connection.getLinkedRecord('pageInfo') as RecordProxy;
    read = {
      typename: creator.getType(),
      handle: creator.getValue('handle'),
      videoIds: (connection.getLinkedRecords('edges') ?? []).map((edge) => edge?.getLinkedRecord('node')?.getDataID() as string),
      totalCount: connection.getValue('totalCount'),
      hasPreviousPage: pageInfo.getValue('hasPreviousPage'),
      startCursor: pageInfo.getValue('startCursor'),
    };
  });
  return read!;
}

describe('Relay against the graph', () => {
  it('runs artifacts Relay’s compiler still makes the same from the operations and the API schema', () => {
    // `--validate` fails when the committed artifacts differ from what it would write (run `npm run relay -w @app/e2e`).
    const compiler = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
    expect(() => execFileSync(process.execPath, [compiler, '--validate'], { cwd: new URL('.', import.meta.url), stdio: 'pipe' })).not.toThrow();
  });

  it('refetches a creator by node id into one record and merges its videos paged backward into the whole list, with totalCount', async () => {
    const id = creatorIds[0] as string;
    const whole = await graph.query('query ($id: ID!) { creator(id: $id) { handle videos(first: 100) { edges { node { id } } } } }', { id });
    const everyone = whole.body.data.creator.videos.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(everyone.length).toBeGreaterThan(6);

    const environment = relayEnvironment();
    await fetchQuery(environment, creatorVideosQuery, { id, count: 3, before: null }).toPromise();
    let creator = readCreator(environment, id);
    expect(creator).toMatchObject({ typename: 'Creator', handle: whole.body.data.creator.handle, videoIds: everyone.slice(-3), totalCount: everyone.length, hasPreviousPage: true });

    let pages = 1;
    while (creator.hasPreviousPage) {
      await fetchQuery(environment, creatorVideosQuery, { id, count: 3, before: creator.startCursor as string }).toPromise();
      creator = readCreator(environment, id);
      expect(++pages).toBeLessThan(50);
    }
    expect(creator.videoIds).toEqual(everyone);
    expect(pages).toBe(Math.ceil(everyone.length / 3));
  });
});
