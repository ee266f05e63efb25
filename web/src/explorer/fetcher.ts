import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { parse, type DocumentNode } from 'graphql';

/**
 * What HTTP requests accept. The toolkit reads multipart responses (meros) and GraphiQL merges
 * each deferred payload into the result as it arrives, but the toolkit asks for plain
 * `multipart/mixed`, which the gateway answers with the whole result in one response: it serves
 * deferred parts only to a client that names the incremental format it reads (Apollo Client's,
 * graphql-js 17's `deferSpec=20220824`). A query without `@defer` is answered with JSON as before.
 */
export const DEFERRED_ACCEPT = 'multipart/mixed;deferSpec=20220824, application/json';

/**
 * GraphiQL's fetcher for the gateway that served the page: queries and mutations over HTTP
 * POST, subscriptions over graphql-ws on the same path (`ws://host/graphql`). For a
 * subscription the toolkit opens a graphql-ws client per run and sends the Headers tab as its
 * `connection_init` payload, so the `Authorization` or `x-api-key` a query would send
 * authenticates the socket too (the gateway reads those two keys, whatever their case).
 */
export function gatewayFetcher(pageUrl: string): Fetcher {
  const url = new URL('/graphql', pageUrl);
  const subscriptionUrl = new URL(url);
  subscriptionUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const fetcher = createGraphiQLFetcher({ url: url.href, subscriptionUrl: subscriptionUrl.href, headers: { accept: DEFERRED_ACCEPT } });
  // The toolkit picks the transport from the document GraphiQL passes, which GraphiQL re-parses
  // only after the editor has been idle a moment: Run right after an example fills the editor
  // would send a subscription over HTTP. The document actually being sent decides instead.
  return (params, options) => fetcher(params, { ...options, documentAST: parsed(params.query) ?? options?.documentAST });
}

function parsed(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}
