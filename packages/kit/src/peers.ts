import { subgraphUrl, type SubgraphName } from './config.ts';
import { ErrorCode, serviceUnavailable } from './errors.ts';
import type { Logger } from './log.ts';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { subscribeSigned } from './sse.ts';
import { anonymousViewer, signViewer, type Viewer } from './viewer.ts';

/** The owner's answers that say the caller may not have the fact: passed on, not turned into SERVICE_UNAVAILABLE. */
const CALLER_REFUSALS: ReadonlySet<string> = new Set([ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED]);

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
 * on the viewer's behalf, with a timeout. The owner refusing the viewer (FORBIDDEN,
 * UNAUTHENTICATED) is passed on as it said it; anything else but a clean answer is
 * SERVICE_UNAVAILABLE, never a guess. No subgraph opens another's store.
 */
export function createPeerClient(options: PeerClientOptions) {
  // Read at call time: tests fill in the ports of subgraphs that start after this one.
  const urlOf = (name: SubgraphName) => options.urls?.[name] ?? subgraphUrl(name);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PEER_TIMEOUT_MS;
  interface Watch {
    done: Promise<void>;
    watchers: number;
    stop: AbortController;
  }
  const watches = new Map<string, Watch>();

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
      let payload: { data?: { _entities?: (T | null)[] }; errors?: { message: string; extensions?: Record<string, unknown> }[] };
      try {
        const response = await fetch(urlOf(service), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signViewer(viewer, body, options.secret, service) },
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
      // The owner refusing this caller is its answer, not an outage: passed on with its code, so
      // the caller hears FORBIDDEN (or UNAUTHENTICATED) from the rule that owns the fact.
      const refusal = payload.errors?.find((error) => CALLER_REFUSALS.has(error.extensions?.code as string));
      if (refusal) throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, service } });
      if (payload.errors?.length || !Array.isArray(entities) || entities.length !== ids.length) {
        options.logger.warn({ service, typename, errors: payload.errors?.map((error) => error.message), requestId: viewer.requestId }, 'peer answered with errors');
        throw serviceUnavailable(service);
      }
      return entities;
    },

    /**
     * Resolves once the owner's subscription sends an event for which `isLast` holds, or
     * completes: e.g. "this stream has ended", which content owns. Subscribes as anonymous (only
     * public facts are watched this way), comes back from the last event id after the owner
     * restarts, and shares one subscription among every caller watching the same thing.
     */
    watchUntil(service: SubgraphName, query: string, variables: Record<string, unknown>, isLast: (result: ExecutionResult) => boolean, signal?: AbortSignal): Promise<void> {
      const key = `${service}\n${query}\n${JSON.stringify(variables)}`;
      let watching = watches.get(key);
      if (!watching) {
        const stop = new AbortController();
        const shared: Watch = { done: Promise.resolve(), watchers: 0, stop };
        shared.done = watch(service, query, variables, isLast, stop.signal).finally(() => {
          if (watches.get(key) === shared) watches.delete(key);
        });
        watches.set(key, shared);
        watching = shared;
      }
      const entry = watching;
      entry.watchers += 1;
      // The last watcher to leave (its subscription ended otherwise) stops the shared watch.
      signal?.addEventListener(
        'abort',
        () => {
          entry.watchers -= 1;
          if (entry.watchers === 0 && watches.get(key) === entry) {
            watches.delete(key);
            entry.stop.abort();
          }
        },
        { once: true },
      );
      return entry.done;
    },
  };

  async function watch(service: SubgraphName, query: string, variables: Record<string, unknown>, isLast: (result: ExecutionResult) => boolean, stop: AbortSignal): Promise<void> {
    let after: string | null = null;
    let delay = 100;
    while (!stop.aborted) {
      try {
        const results = subscribeSigned({ url: urlOf(service), secret: options.secret, audience: service, viewer: anonymousViewer(), query, variables: after === null ? variables : { ...variables, after } });
        const quit = () => void results.return?.();
        stop.addEventListener('abort', quit, { once: true });
        try {
          for await (const result of results) {
            if (stop.aborted) return;
            const eventId = result.extensions?.eventId;
            if (typeof eventId === 'string') after = eventId;
            if (result.data != null && isLast(result)) {
              await results.return?.();
              return;
            }
            if (result.errors?.length && result.data == null) {
              const codes = result.errors.map((error) => error.extensions?.code);
              // The owner does not know the thing watched: nothing will ever come.
              if (codes.includes('NOT_FOUND')) return;
              // Resuming from too old a position: start afresh (a finished thing answers at once).
              if (codes.includes('EVENTS_EXPIRED')) after = null;
              // Anything else (the owner asking a peer that is down …) is tried again.
              throw new Error(`${service} refused the watch: ${codes.join(', ')}`);
            }
          }
        } finally {
          stop.removeEventListener('abort', quit);
        }
        // The owner completed the subscription: what was watched has finished.
        return;
      } catch (error) {
        if (stop.aborted) return;
        options.logger.warn({ service, err: error }, 'peer subscription lost; subscribing again');
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2_000);
    }
  }
}

export type PeerClient = ReturnType<typeof createPeerClient>;


/**
 * Peers for a context built without a network (in-process tests that need none): every fact
 * from another subgraph is unavailable, and no watched fact ever changes.
 */
export const offlinePeers: PeerClient = {
  entities: (service) => Promise.reject(serviceUnavailable(service)),
  watchUntil: () => new Promise<void>(() => undefined),
};
