import type { ApolloServer, BaseContext } from '@apollo/server';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SubgraphName } from './config.ts';
import { serviceUnavailable } from './errors.ts';
import type { PeerClient } from './peers.ts';
import { anonymousViewer, type Viewer } from './viewer.ts';

export interface OperationResult<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Runs one operation against a subgraph server in-process, with the given context. */
export async function runOperation<TData = Record<string, any>, TContext extends BaseContext = BaseContext>(
  server: ApolloServer<TContext>,
  contextValue: TContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<OperationResult<TData>> {
  const response = await server.executeOperation<TData>({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('Expected a single result, got an incremental one');
  return response.body.singleResult as OperationResult<TData>;
}

/** The first error's extensions (its `code` and the details beside it); `{}` for an answer without errors. */
export const errorOf = (result: OperationResult<unknown>): Record<string, unknown> => result.errors?.[0]?.extensions ?? {};

/**
 * `ok` for a suite's `run(viewer, query, variables)`: the answer's data, failing the test on any
 * error. Typed loosely on purpose: a test reads the fields its own query selected.
 */
export function answeredBy<V>(run: (viewer: V, query: string, variables?: Record<string, unknown>) => Promise<OperationResult<unknown>>) {
  return async (viewer: V, query: string, variables: Record<string, unknown> = {}): Promise<any> => {
    const result = await run(viewer, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
}

/** Resolves entity representations the way the gateway does, through `_entities`. */
export async function resolveEntities<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  contextValue: TContext,
  typename: string,
  ids: readonly string[],
  selection: string,
): Promise<OperationResult<{ _entities: Array<Record<string, any> | null> }>> {
  return runOperation(
    server,
    contextValue,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
    { representations: ids.map((id) => ({ __typename: typename, id })) },
  );
}

/** Counts the SQL statements a store runs: pass `counter.onStatement` to openStore. */
export function statementCounter() {
  const statements: string[] = [];
  return {
    onStatement: (sql: string) => {
      statements.push(sql);
    },
    get count() {
      return statements.length;
    },
    get statements(): readonly string[] {
      return statements;
    },
    reset() {
      statements.length = 0;
    },
  };
}

export interface SubgraphTestbedOptions<TStore extends { close(): void }, TContext extends BaseContext> {
  /** Opens the subgraph's store (':memory:' here) with a statement hook. */
  open: (path: string, options: { onStatement: (sql: string) => void }) => TStore;
  createServer: () => ApolloServer<TContext>;
  /** Builds a request context for a viewer on the store. */
  context: (store: TStore, viewer: Viewer) => TContext;
  /** Fills the new store with the seed world, before the tests. */
  seed?: (store: TStore) => Promise<void>;
}

/**
 * What every subgraph's unit tests start with: the store in memory with a statement counter,
 * the server started before the tests and stopped (store closed) after them, and `run` for an
 * operation as a viewer (anonymous by default).
 */
export function subgraphTestbed<TStore extends { close(): void }, TContext extends BaseContext>(options: SubgraphTestbedOptions<TStore, TContext>) {
  const counter = statementCounter();
  const store = options.open(':memory:', { onStatement: counter.onStatement });
  const server = options.createServer();
  beforeAll(async () => {
    await options.seed?.(store);
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    store.close();
  });
  const contextFor = (viewer: Viewer = anonymousViewer()) => options.context(store, viewer);
  return {
    store,
    server,
    counter,
    contextFor,
    run: <TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer) =>
      runOperation<TData, TContext>(server, contextFor(viewer), query, variables),
    entities: (typename: string, ids: readonly string[], selection: string, viewer?: Viewer) => resolveEntities(server, contextFor(viewer), typename, ids, selection),
  };
}

/** What another subgraph knows, per type name: an entity's fields (without its id) by id. */
export type PeerTables = Record<string, ReadonlyMap<string, object>>;

export interface FakeWatch {
  service: SubgraphName;
  query: string;
  variables: Record<string, unknown>;
  isLast: (result: ExecutionResult) => boolean;
}

/**
 * The peers client for unit tests. Entities come from the tables, which the test keeps and may
 * change between calls; a type without a table, or a service in `unavailable`, is
 * SERVICE_UNAVAILABLE, as a real peer that does not answer. Watches are recorded and wait
 * until the test calls `finishWatches`.
 */
export function fakePeers(tables: PeerTables) {
  const unavailable = new Set<SubgraphName>();
  const watches: FakeWatch[] = [];
  const pending: { variables: Record<string, unknown>; finish: () => void }[] = [];
  const client: PeerClient = {
    entities: async <T extends Record<string, unknown>>(service: SubgraphName, typename: string, ids: readonly string[]) => {
      const table = tables[typename];
      if (!table || unavailable.has(service)) throw serviceUnavailable(service);
      return ids.map((id) => {
        const fields = table.get(id);
        return fields ? ({ id, ...fields } as unknown as T) : null;
      });
    },
    watchUntil: (service, query, variables, isLast) => {
      watches.push({ service, query, variables, isLast });
      return new Promise<void>((finish) => pending.push({ variables, finish }));
    },
  };
  return {
    client,
    /** Services that do not answer while listed. */
    unavailable,
    /** Every watch asked for, in order. */
    watches: watches as readonly FakeWatch[],
    /** Ends every pending watch whose variables include these, as the owner reporting the end would. */
    finishWatches(variables: Record<string, unknown>) {
      const matching = pending.filter((watch) => Object.entries(variables).every(([name, value]) => watch.variables[name] === value));
      // Finishing a watch nobody started is a test's mistake: the subscription it meant would hang.
      if (matching.length === 0) throw new Error(`No pending watch with ${JSON.stringify(variables)}`);
      for (const watch of matching) {
        pending.splice(pending.indexOf(watch), 1);
        watch.finish();
      }
    },
  };
}
