/**
 * Hive Gateway as its users run it (`hive-gateway supergraph <file> -c <this file>`, the CLI of
 * `@graphql-hive/gateway`), for the bench's peers (issue 24): the same supergraph file with the
 * bench's subgraph URLs, one process (`--fork 1`), and one of three setups (`HIVE_VARIANT`):
 *
 * - `plain`: defaults.
 * - `response-cache`: its response cache plugin on (`responseCaching`), in memory, one entry per
 *   operation, variables and caller (`session`: the bearer token, none for anonymous callers).
 * - `rust-planner`: Hive Router's query planner, the Rust one shipped in
 *   `@graphql-hive/router-runtime` (`unifiedGraphHandler`).
 *
 * What any gateway in front of these subgraphs needs to act for a signed-in caller, configured as a
 * Hive user would: the bearer token is verified (the same authenticator as ours and stock's) and
 * the viewer it names is propagated to the subgraphs (`propagateHeaders`), then signed over the
 * exact body each subgraph receives (an `onFetch` plugin: the subgraphs accept a viewer only with
 * the gateway's signature, `useViewerSigning`'s scheme). Anonymous requests take its stock path.
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

export type HiveVariant = 'plain' | 'response-cache' | 'rust-planner';
const variant = (process.env.HIVE_VARIANT ?? 'plain') as HiveVariant;
const VIEWER_HEADER = 'x-viewer';

/** bench/peer-viewer.ts, loaded at run time (its module header says why not imported). */
interface PeerViewer {
  viewerOf(headers: { authorization?: string | null; apiKey?: string | null }): Promise<string | null>;
  signed(subgraph: string, viewer: string, body: string): Record<string, string>;
}
const peerViewerModule: string = new URL('../peer-viewer.ts', import.meta.url).href;
const { createPeerViewer } = (await import(peerViewerModule)) as { createPeerViewer(): Promise<PeerViewer> };
const peerViewer = await createPeerViewer();

/** The verified viewer of a request, found once however many subgraphs it reaches. */
const viewers = new WeakMap<Request, Promise<string | null>>();
function viewerOf(request: Request): Promise<string | null> {
  let viewer = viewers.get(request);
  if (!viewer) {
    viewer = peerViewer.viewerOf({ authorization: request.headers.get('authorization'), apiKey: request.headers.get('x-api-key') });
    viewers.set(request, viewer);
  }
  return viewer;
}

const supergraph = readFileSync(process.env.SUPERGRAPH_FILE ?? 'schema/supergraph.graphql', 'utf8');

/**
 * Which subgraph a URL is, from the supergraph's `@join__graph(name, url)`. The signature's audience
 * is the subgraph the request goes to, known from its URL: Hive Gateway's `executionRequest.subgraphName`
 * names the subgraph that asked for a fetch, which for the fetch that gathers another subgraph's
 * `@requires` fields (gifts' `giftEarnings` for commerce's `Creator.earnings`) is the requiring one
 * (commerce), and a request signed for commerce is refused by gifts.
 */
const subgraphAt = new Map([...supergraph.matchAll(/@join__graph\(name: "(\w+)", url: "([^"]*)"\)/g)].map(([, name, url]) => [url!, name!]));

/** Signs the propagated viewer over the body each subgraph receives (its name is the signature's audience). */
const signing: GatewayPlugin = {
  onFetch({ url, options, setOptions, executionRequest }) {
    const headers = (options.headers ?? {}) as Record<string, string>;
    // Whichever of the two runs first: propagation keeps the headers in the request's extensions until its own onFetch.
    const request = executionRequest as { extensions?: { headers?: Record<string, string> } } | undefined;
    const viewer = headers[VIEWER_HEADER] ?? request?.extensions?.headers?.[VIEWER_HEADER];
    const subgraph = subgraphAt.get(url);
    if (!viewer || !subgraph) return;
    setOptions({ ...options, headers: { ...headers, [VIEWER_HEADER]: viewer, ...peerViewer.signed(subgraph, viewer, typeof options.body === 'string' ? options.body : '') } });
  },
};

export const gatewayConfig = defineConfig({
  supergraph,
  logging: 'error',
  propagateHeaders: {
    async fromClientToSubgraphs({ request }) {
      const viewer = await viewerOf(request);
      return viewer ? { [VIEWER_HEADER]: viewer } : {};
    },
  },
  plugins: () => [signing],
  ...(variant === 'response-cache' ? { responseCaching: { session: (request: Request) => request.headers.get('authorization') } } : {}),
  ...(variant === 'rust-planner' ? { unifiedGraphHandler } : {}),
});
