/**
 * Queries and mutations over HTTP POST to the gateway that served the page, typed by the
 * generated documents: `execute(liveRoomQuery, { id })` resolves to the `LiveRoomQuery` type.
 */
import type { TypedDocumentString } from './__generated__/graphql.ts';

/** A GraphQL error, with the stable `extensions.code` a client branches on (INSUFFICIENT_COINS …). */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** The error's other details, e.g. OUT_OF_STOCK's `available`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

/**
 * Sends the operation as the signed-in viewer (`token`) or anonymously. A query's partial data
 * (a subgraph down nulls only its fields) is returned; a mutation's error is thrown, since its
 * data is null then. @throws GraphQLRequestError
 */
export async function execute<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, token: string | null = null): Promise<TResult> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await response.json()) as GraphQLResponse<TResult>;
  const [error] = body.errors ?? [];
  const isMutation = document.toString().trimStart().startsWith('mutation');
  if (error && (isMutation || !body.data)) throw new GraphQLRequestError(error.message, error.extensions?.code, error.extensions);
  if (error) console.warn('partial data:', body.errors);
  return body.data as TResult;
}
