import type { ApolloServer, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

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
