/**
 * The gateway's entity cache: subgraph answers kept as long as the subgraph's cache-control
 * allows (its `@cacheControl` hints), so the creators, products and brands that nearly every
 * screen shows are not fetched again for each request.
 *
 * - An entity fetch is kept per representation: (subgraph, type and key, what is selected of the
 *   type, visibility). A fetch of twenty representations sends only the misses and merges the
 *   answer back in order.
 * - A fetch at the root (`product(id:)`, `feed(after:)`) is kept whole per (subgraph, operation,
 *   variables, visibility).
 * - Visibility: a `public` answer is shared by every caller; a `private` one (it went through
 *   `@auth`/`@scopes`) is kept for that viewer only. Writes are never kept.
 * - A subgraph that changed entities names them (`extensions.changedEntities`); every entry
 *   showing one, in any subgraph, root or entity, is dropped before the write's answer goes on,
 *   so a client reads its own writes. Stores refuse what a fetch in flight read before the write.
 * - Subscription events are completed without it (`bypass`): an event can arrive before the
 *   write that made it has been answered.
 */
import { buildASTSchema, parse, type GraphQLFormattedError } from 'graphql';
import { CHANGED_ENTITIES_EXTENSION } from '@app/kit/changes';
import type { Logger } from '@app/kit/log';
import type { Viewer } from '@app/kit/viewer';
import { viewerKey } from './collapse.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { ResponseParts } from './response-cache/parts.ts';
import { cachePolicyOf } from './entity-cache/policy.ts';
import { fetchShapes, type EntitySelection } from './entity-cache/shapes.ts';
import type { CacheEntry, CacheLookup, EntityCacheStore } from './entity-cache/store.ts';
import { entityTag, identityOf, listTag, supergraphEntities } from './entity-cache/tags.ts';
import { entityCacheLooked, entityCacheLookupSpan } from './tracing.ts';

/** A subgraph's GraphQL answer, as the query plan executor takes it. */
export interface SubgraphResult {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

export interface SubgraphCallAnswer {
  result: SubgraphResult;
  /** The answer's cache-control header. */
  cacheControl?: string | undefined;
}

export interface SubgraphCall {
  subgraph: string;
  query: string;
  variables: Record<string, unknown> | undefined;
  viewer: Viewer;
  /** Read nothing from the cache and keep nothing (what writes name is still dropped). */
  bypass: boolean;
  /** When the request arrived (`GatewayContext.arrivedAt`): a store's near copy is read only once caught up with it. */
  arrivedAt?: number | undefined;
  /** Where the operation's response cache hears whether this fetch could be kept (`response-cache/parts.ts`). */
  parts?: ResponseParts | undefined;
}

/**
 * Sends the call to the subgraph with these variables (fewer representations when some were
 * cached). `since` (the lookup's ticket) keeps identical reads from sharing a fetch across an
 * invalidation (`collapseKey`).
 */
export type SendToSubgraph = (variables: Record<string, unknown> | undefined, since?: number) => Promise<SubgraphCallAnswer>;

export interface EntityCacheOptions {
  store: EntityCacheStore;
  supergraphSdl: string;
  /** Keeps nothing longer than this, whatever a subgraph allows (ENTITY_CACHE_MAX_AGE). */
  maxAgeCapSeconds?: number;
  metrics?: GatewayMetrics;
  logger: Logger;
}

export type EntityCache = ReturnType<typeof useEntityCache>;

/** Code of the error added to a write's answer when what it changed could not be dropped. */
export const ENTITY_CACHE_STALE = 'ENTITY_CACHE_STALE';

const NOTHING_CACHED: CacheLookup = { values: [], ticket: { seq: Number.MAX_SAFE_INTEGER, takenAt: Number.NEGATIVE_INFINITY } };

/** The lookup's place among invalidations, for collapsing reads; none known without a lookup. */
const sinceOf = (lookup: CacheLookup): number | undefined => (lookup === NOTHING_CACHED ? undefined : lookup.ticket.seq);

export function useEntityCache(options: EntityCacheOptions) {
  const { store, metrics, logger } = options;
  const document = parse(options.supergraphSdl);
  const entities = supergraphEntities(document);
  const shapeOf = fetchShapes(buildASTSchema(document, { assumeValid: true, assumeValidSDL: true }), entities);
  const cap = options.maxAgeCapSeconds ?? Number.POSITIVE_INFINITY;
  let lastStoreWarning = 0;

  /** A store that fails costs only its hits: the answer is fetched, at most one warning per 10 s. */
  function storeFailed(error: unknown, doing: string): void {
    const now = Date.now();
    if (now - lastStoreWarning < 10_000) return;
    lastStoreWarning = now;
    logger.warn({ err: error }, `entity cache store failed while ${doing}; fetching from subgraphs meanwhile`);
  }

  async function lookup(keys: string[], arrivedAt: number | undefined): Promise<CacheLookup> {
    if (keys.length === 0) return NOTHING_CACHED;
    try {
      return await store.get(keys, { arrivedAt });
    } catch (error) {
      storeFailed(error, 'reading');
      return NOTHING_CACHED;
    }
  }

  /** Stores still being written (on Postgres, an INSERT each). */
  const storing = new Set<Promise<void>>();

  function keep(entries: CacheEntry[], lookup: CacheLookup): void {
    if (entries.length === 0 || lookup === NOTHING_CACHED) return;
    // Not awaited: the ticket makes a late store as safe as an early one.
    const stored = store.set(entries, lookup.ticket).catch((error: unknown) => storeFailed(error, 'storing'));
    storing.add(stored);
    void stored.finally(() => storing.delete(stored));
  }

  /**
   * Tells the store which keys the lookup found absent that this fetch keeps none of (the other
   * half of a public/private pair, an answer that may not be kept): a replica's near copy then
   * stops asking Redis for them a while.
   */
  function forgo(keys: string[], found: CacheLookup): void {
    if (keys.length > 0 && found !== NOTHING_CACHED) store.forgo?.(keys, found.ticket);
  }

  function count(subgraph: string, kind: 'entity' | 'root', outcome: 'hit' | 'miss', n = 1): void {
    if (n > 0) metrics?.entityCacheLookups.inc({ subgraph, kind, outcome }, n);
  }

  /** Drops what the answer says its request changed; a failure is told to the client with the data. */
  async function dropChanged(call: SubgraphCall, result: SubgraphResult): Promise<void> {
    const changes = result.extensions?.[CHANGED_ENTITIES_EXTENSION];
    if (!Array.isArray(changes) || changes.length === 0) return;
    const tags = changes.flatMap((change: { typename?: unknown; id?: unknown }) =>
      typeof change?.typename !== 'string' ? [] : [change.id === undefined || change.id === null ? listTag(change.typename) : entityTag(change.typename, String(change.id))],
    );
    try {
      const dropped = await store.invalidate(tags);
      metrics?.entityCacheInvalidations.inc({ subgraph: call.subgraph }, tags.length);
      if (dropped && dropped.responses > 0) metrics?.responseCacheDrops.inc(dropped.responses);
    } catch (error) {
      logger.error({ err: error, subgraph: call.subgraph, requestId: call.viewer.requestId, tags }, 'could not drop cached entries a write changed');
      result.errors = [
        ...(result.errors ?? []),
        {
          message: `The ${call.subgraph} service made the change, but the gateway could not drop what it had cached of it: reads may show the old data for up to ${Number.isFinite(cap) ? cap : 'its cache time in'} seconds.`,
          extensions: { code: ENTITY_CACHE_STALE, service: call.subgraph },
        },
      ];
    }
  }

  const maxAgeOf = (seconds: number) => Math.min(seconds, cap);

  async function throughRoot(call: SubgraphCall, key: string, tagsOf: (data: Record<string, unknown>, into: Set<string>) => boolean, send: SendToSubgraph): Promise<SubgraphResult> {
    const base = `${call.subgraph}\n${key}\n${JSON.stringify(call.variables ?? {})}`;
    const publicKey = `public\n${base}`;
    const privateKey = `${viewerKey(call.viewer)}\n${base}`;
    const span = entityCacheLookupSpan(call.subgraph, 'root', 1);
    const found = await lookup([publicKey, privateKey], call.arrivedAt);
    const hit = found.values[0] ?? found.values[1];
    entityCacheLooked(span, hit === undefined ? 0 : 1, hit === undefined ? 1 : 0);
    const { parts } = call;
    if (hit !== undefined) {
      count(call.subgraph, 'root', 'hit');
      if (found.values[0] === undefined) forgo([publicKey], found);
      else if (found.values[1] === undefined) forgo([privateKey], found);
      const data = JSON.parse(hit) as Record<string, unknown>;
      // Only a public answer's tags make a response every caller may share.
      if (parts) {
        if (found.values[0] !== undefined && tagsOf(data, parts.tags)) parts.kept(found.ages?.[0]);
        else parts.notKept();
      }
      return { data };
    }
    count(call.subgraph, 'root', 'miss');
    const { result, cacheControl } = await send(call.variables, sinceOf(found));
    await dropChanged(call, result);
    const policy = cachePolicyOf(cacheControl);
    let kept = false;
    if (policy && !result.errors?.length && result.data) {
      const tags = new Set<string>();
      if (tagsOf(result.data, tags)) {
        kept = true;
        keep([{ key: policy.scope === 'public' ? publicKey : privateKey, value: JSON.stringify(result.data), tags: [...tags], maxAgeSeconds: maxAgeOf(policy.maxAgeSeconds) }], found);
        if (parts && policy.scope === 'public') {
          for (const tag of tags) parts.tags.add(tag);
          parts.kept(maxAgeOf(policy.maxAgeSeconds));
        }
      }
    }
    if (parts && (!kept || policy?.scope !== 'public')) parts.notKept();
    forgo(!kept ? [publicKey, privateKey] : policy?.scope === 'public' ? [privateKey] : [publicKey], found);
    return result;
  }

  interface Slot {
    selection: EntitySelection;
    self: string;
    publicKey: string;
    privateKey: string;
  }

  async function throughEntities(call: SubgraphCall, selectionFor: (typename: string) => EntitySelection | null, send: SendToSubgraph): Promise<SubgraphResult> {
    const representations = call.variables?.representations;
    if (!Array.isArray(representations) || representations.length === 0) return plain(call, send);
    const { representations: _representations, ...others } = call.variables as Record<string, unknown>;
    const rest = JSON.stringify(others);
    const visibility = viewerKey(call.viewer);
    const slots: (Slot | null)[] = representations.map((representation: Record<string, unknown> | null) => {
      const typename = representation?.__typename;
      if (typeof typename !== 'string') return null;
      const selection = selectionFor(typename);
      const self = selection && identityOf(typename, selection.keyFields, representation as Record<string, unknown>);
      if (!selection || !self) return null;
      const base = `${call.subgraph}\n${selection.key}\n${rest}\n${JSON.stringify(representation)}`;
      return { selection, self, publicKey: `public\n${base}`, privateKey: `${visibility}\n${base}` };
    });
    const span = entityCacheLookupSpan(call.subgraph, 'entity', representations.length);
    const found = await lookup(
      slots.flatMap((slot) => (slot ? [slot.publicKey, slot.privateKey] : [])),
      call.arrivedAt,
    );
    const hits: (string | undefined)[] = [];
    /** Where each slot's public key was looked up. */
    const publicAt: number[] = [];
    const misses: number[] = [];
    /** The absent halves of the pairs that hit. */
    const unwanted: string[] = [];
    let at = 0;
    slots.forEach((slot, i) => {
      const publicValue = slot ? found.values[at] : undefined;
      const privateValue = slot ? found.values[at + 1] : undefined;
      const hit = publicValue ?? privateValue;
      publicAt.push(at);
      if (slot) at += 2;
      hits.push(hit);
      if (hit === undefined) misses.push(i);
      else if (publicValue === undefined) unwanted.push(slot!.publicKey);
      else if (privateValue === undefined) unwanted.push(slot!.privateKey);
    });
    entityCacheLooked(span, representations.length - misses.length, misses.length);
    count(call.subgraph, 'entity', 'hit', representations.length - misses.length);
    count(call.subgraph, 'entity', 'miss', misses.length);
    const { parts } = call;
    // What the response cache hears: every representation kept for everyone, or the response is not kept.
    let everyPublic = parts !== undefined && misses.length < representations.length;
    let shortest: number | undefined;
    const parsedHits = hits.map((hit, i) => {
      if (hit === undefined) return null;
      const value = JSON.parse(hit) as unknown;
      if (everyPublic) {
        const slot = slots[i]!;
        const at = publicAt[i]!;
        if (found.values[at] === undefined || value === null || typeof value !== 'object') everyPublic = false;
        else {
          parts!.tags.add(slot.self);
          if (!slot.selection.tags(value as Record<string, unknown>, parts!.tags)) everyPublic = false;
          const age = found.ages?.[at];
          if (age !== undefined) shortest = Math.min(shortest ?? age, age);
        }
      }
      return value;
    });
    if (misses.length === 0) {
      forgo(unwanted, found);
      if (parts) {
        if (everyPublic) parts.kept(shortest);
        else parts.notKept();
      }
      return { data: { _entities: parsedHits } };
    }

    const { result, cacheControl } = await send(misses.length === representations.length ? call.variables : { ...call.variables, representations: misses.map((i) => representations[i]) }, sinceOf(found));
    await dropChanged(call, result);
    const answered = result.data?._entities;
    const fetched: unknown[] = Array.isArray(answered) && answered.length === misses.length ? answered : misses.map(() => null);
    const policy = cachePolicyOf(cacheControl);
    if (misses.length === representations.length) everyPublic = parts !== undefined;
    /** The misses whose answer is kept (under the policy's half of their pair). */
    const keptSlots = new Set<Slot>();
    if (policy && !result.errors?.length && fetched === answered) {
      const entries: CacheEntry[] = [];
      misses.forEach((i, j) => {
        const value = fetched[j];
        const slot = slots[i];
        if (!slot || value === null || typeof value !== 'object') {
          everyPublic = false;
          return;
        }
        const tags = new Set([slot.self]);
        if (!slot.selection.tags(value as Record<string, unknown>, tags)) {
          everyPublic = false;
          return;
        }
        keptSlots.add(slot);
        entries.push({ key: policy.scope === 'public' ? slot.publicKey : slot.privateKey, value: JSON.stringify(value), tags: [...tags], maxAgeSeconds: maxAgeOf(policy.maxAgeSeconds) });
        if (everyPublic) for (const tag of tags) parts!.tags.add(tag);
      });
      keep(entries, found);
      if (parts) {
        if (everyPublic && policy.scope === 'public') parts.kept(Math.min(shortest ?? Number.POSITIVE_INFINITY, maxAgeOf(policy.maxAgeSeconds)));
        else parts.notKept();
      }
    } else parts?.notKept();
    for (const i of misses) {
      const slot = slots[i];
      if (!slot) continue;
      if (!keptSlots.has(slot)) unwanted.push(slot.publicKey, slot.privateKey);
      else unwanted.push(policy!.scope === 'public' ? slot.privateKey : slot.publicKey);
    }
    forgo(unwanted, found);
    if (misses.length === representations.length) return result;
    // The answer's positions are those of the misses: merged back in order, errors moved along.
    const merged = parsedHits;
    misses.forEach((i, j) => (merged[i] = fetched[j]));
    const errors = result.errors?.map((error) => {
      const path = error.path;
      if (!path || path[0] !== '_entities' || typeof path[1] !== 'number' || misses[path[1]] === undefined) return error;
      return { ...error, path: ['_entities', misses[path[1]]!, ...path.slice(2)] };
    });
    return { ...result, data: { ...result.data, _entities: merged }, ...(errors ? { errors } : {}) };
  }

  async function plain(call: SubgraphCall, send: SendToSubgraph): Promise<SubgraphResult> {
    call.parts?.notKept();
    const { result } = await send(call.variables);
    await dropChanged(call, result);
    return result;
  }

  return {
    /** One subgraph call through the cache: from it where it can, from the subgraph (and into it) otherwise. */
    async fetch(call: SubgraphCall, send: SendToSubgraph): Promise<SubgraphResult> {
      const shape = shapeOf(call.query);
      if (call.bypass || shape.kind === 'write' || shape.kind === 'not-kept') return plain(call, send);
      if (shape.kind === 'root') return throughRoot(call, shape.key, shape.tags, send);
      return throughEntities(call, shape.selectionFor, send);
    },
    store,
    /** Resolves once every answer fetched so far has been stored (tests: a read right after a fill on Postgres). */
    async settled(): Promise<void> {
      while (storing.size > 0) await Promise.all([...storing]);
    },
  };
}
