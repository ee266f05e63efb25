import { subgraphUrl, type SubgraphName } from './config.ts';
import { serviceUnavailable } from './errors.ts';
import type { Logger } from './log.ts';
import { signViewer, type Viewer } from './viewer.ts';

/** How long a write waits for a fact from another subgraph before saying it is unavailable. */
export const DEFAULT_PEER_TIMEOUT_MS = 2_000;

export interface PeerClientOptions {
  urls?: Partial<Record<SubgraphName, string>>;
  secret: string;
  timeoutMs?: number;
  logger: Logger;
}

/**
 * Asks the subgraph that owns a fact for it at the time of a write: a signed `_entities` request
 * on the viewer's behalf, with a timeout. Anything but a clean answer is SERVICE_UNAVAILABLE,
 * never a guess. No subgraph opens another's store.
 */
export function createPeerClient(options: PeerClientOptions) {
  // Read at call time: tests fill in the ports of subgraphs that start after this one.
  const urlOf = (name: SubgraphName) => options.urls?.[name] ?? subgraphUrl(name);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PEER_TIMEOUT_MS;

  return {
    /**
     * One entity per id, in order, null where the owner does not know it.
     * @throws SERVICE_UNAVAILABLE when the owner does not answer in time or answers with errors.
     */
    async entities<T extends Record<string, unknown>>(service: SubgraphName, typename: string, ids: readonly string[], selection: string, viewer: Viewer): Promise<(T | null)[]> {
      if (ids.length === 0) return [];
      const body = JSON.stringify({
        query: `query Peer($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
        variables: { representations: ids.map((id) => ({ __typename: typename, id })) },
      });
      let payload: { data?: { _entities?: (T | null)[] }; errors?: { message: string }[] };
      try {
        const response = await fetch(urlOf(service), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signViewer(viewer, body, options.secret) },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        payload = (await response.json()) as typeof payload;
      } catch (error) {
        options.logger.warn({ service, typename, err: error, requestId: viewer.requestId }, 'peer fetch failed');
        throw serviceUnavailable(service);
      }
      const entities = payload.data?._entities;
      if (payload.errors?.length || !Array.isArray(entities) || entities.length !== ids.length) {
        options.logger.warn({ service, typename, errors: payload.errors?.map((error) => error.message), requestId: viewer.requestId }, 'peer answered with errors');
        throw serviceUnavailable(service);
      }
      return entities;
    },
  };
}

export type PeerClient = ReturnType<typeof createPeerClient>;

