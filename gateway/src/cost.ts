import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@app/kit/pagination';
import type { RateLimitStore, Tier } from './rate-limit.ts';
import type { GatewayContext } from './context.ts';
import { useCostCache } from './cost-cache.ts';
import { deferredResponseOf } from './defer/delivery.ts';

/**
 * What an operation costs, the way large commerce APIs count it: every object is a point, a
 * connection multiplies what is under it by its `first` (or `last`), a plain list of objects by an assumed
 * size, a mutation adds a fixed amount; scalars are free.
 */
export interface CostModel {
  object: number;
  mutation: number;
  /** How many items a plain (non-connection) list of objects is assumed to hold. */
  listSize: number;
}

export const DEFAULT_COST_MODEL: CostModel = { object: 1, mutation: 10, listSize: 10 };

export interface CostConfig {
  /** The most an operation may cost; above it the request is refused before any subgraph is called. */
  maxCost: number;
  tiers: { anonymous: Tier; user: Tier; partner: Record<string, Tier> };
  model: CostModel;
}

export const DEFAULT_COST_CONFIG: CostConfig = {
  maxCost: 1_000,
  tiers: {
    anonymous: { max: 1_000, restoreRate: 50 },
    user: { max: 2_000, restoreRate: 100 },
    partner: {
      standard: { max: 2_000, restoreRate: 100 },
      plus: { max: 5_000, restoreRate: 250 },
      enterprise: { max: 20_000, restoreRate: 1_000 },
    },
  },
  model: DEFAULT_COST_MODEL,
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  model: CostModel;
}

function argumentValue(walk: Walk, node: { arguments?: readonly { name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }[] }, name: string): unknown {
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, walk.variables) : undefined;
}

function selectionCost(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, seen: Set<string>): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? (walk.schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined) : parent;
      total += selectionCost(walk, selection.selectionSet, type ?? parent, seen);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
      total += selectionCost(walk, fragment.selectionSet, type ?? parent, new Set([...seen, fragment.name.value]));
      continue;
    }
    if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
    const field = parent.getFields()[selection.name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    if (!isCompositeType(named) || !selection.selectionSet) continue;
    const hasFirst = field.args.some((arg) => arg.name === 'first');
    let size = 1;
    if (hasFirst) {
      // A backward page (`last`) holds as many as a forward one.
      const first = argumentValue(walk, selection, 'first') ?? argumentValue(walk, selection, 'last') ?? field.args.find((arg) => arg.name === 'first')?.defaultValue ?? DEFAULT_PAGE_SIZE;
      // Above the page cap the subgraph refuses the page itself (BAD_USER_INPUT), so the estimate stops there.
      size = typeof first === 'number' && first >= 0 ? Math.min(first, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    } else if (isListType(getNullableType(field.type)) && !(parent.name.endsWith('Connection') && selection.name.value === 'edges')) {
      // A connection's edges are already counted by its `first`.
      size = walk.model.listSize;
    }
    total += walk.model.object + size * selectionCost(walk, selection.selectionSet, named, seen);
  }
  return total;
}

/** The requested cost of one operation, before it runs. */
export function requestedCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>, model: CostModel = DEFAULT_COST_MODEL): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  const walk: Walk = { schema, fragments, variables, model };
  const base = selectionCost(walk, operation.selectionSet, root, new Set());
  const mutations = operation.operation === 'mutation' ? operation.selectionSet.selections.length * model.mutation : 0;
  return base + mutations;
}

/**
 * The actual cost: the objects the response really holds. Walked with plain loops (no array of
 * values, no callback per item): it runs over every response.
 */
export function actualCost(data: unknown, model: CostModel = DEFAULT_COST_MODEL): number {
  if (Array.isArray(data)) {
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum += actualCost(data[i], model);
    return sum;
  }
  if (data && typeof data === 'object') {
    let sum = 0;
    const object = data as Record<string, unknown>;
    for (const key in object) {
      const value = object[key];
      if (value && typeof value === 'object') sum += (Array.isArray(value) ? 0 : model.object) + actualCost(value, model);
    }
    return sum;
  }
  return 0;
}

export interface Throttle {
  max: number;
  available: number;
  restoreRate: number;
}

/** Whose bucket an operation is charged to: the partner key (by its tier), the user, or the caller's address. */
export function bucketOf(context: GatewayContext, config: CostConfig): { id: string; kind: 'partner' | 'user' | 'anonymous'; tier: Tier } {
  const { viewer } = context;
  if (viewer.keyId) {
    const tier = config.tiers.partner[context.partnerTier ?? 'standard'] ?? config.tiers.partner.standard ?? config.tiers.user;
    return { id: `key:${viewer.keyId}`, kind: 'partner', tier };
  }
  if (viewer.userId) return { id: `user:${viewer.userId}`, kind: 'user', tier: config.tiers.user };
  return { id: `ip:${context.clientIp ?? 'unknown'}`, kind: 'anonymous', tier: config.tiers.anonymous };
}

export interface CostHooks {
  onThrottled?(kind: string): void;
}

/**
 * Prices every operation before it runs, refuses one above the maximum (COST_LIMIT_EXCEEDED) or
 * beyond the caller's bucket (THROTTLED, HTTP 429 with Retry-After), and reports
 * `extensions.cost { requested actual throttle { max available restoreRate } }`.
 */
export function useCost(config: CostConfig, store: RateLimitStore, hooks: CostHooks = {}): ApolloServerPlugin<GatewayContext> {
  const priceOf = useCostCache((schema, operation, fragments, variables) => requestedCost(schema, operation, fragments, variables, config.model));
  return {
    async requestDidStart() {
      let requested: number | null = null;
      let charged = 0;
      let throttle: Throttle | null = null;
      let bucket: ReturnType<typeof bucketOf> | null = null;
      return {
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (!operation) return;
          requested = priceOf(schema, document, operation, request.variables ?? {});
          if (requested > config.maxCost) {
            throw new GraphQLError(`This operation would cost ${requested} points; the most one operation may cost is ${config.maxCost}. Ask for smaller pages.`, {
              extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { requested, max: config.maxCost }, http: { status: 400 } },
            });
          }
          bucket = bucketOf(contextValue, config);
          const now = Date.now();
          const taken = await store.take(bucket.id, requested, bucket.tier, now);
          throttle = { max: bucket.tier.max, available: taken.available, restoreRate: bucket.tier.restoreRate };
          if (!taken.allowed) {
            hooks.onThrottled?.(bucket.kind);
            const retryAfter = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
            throw new GraphQLError(`Rate limit reached: this operation costs ${requested} points and ${taken.available} are available. Retry in ${retryAfter} s.`, {
              extensions: { code: 'THROTTLED', retryAfter, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) } },
            });
          }
          charged = requested;
        },
        async willSendResponse({ response }) {
          if (requested === null) return;
          const report = async (data: unknown, extensions: Record<string, unknown>) => {
            const actual = actualCost(data, config.model);
            if (charged > 0 && bucket) {
              const refund = charged - Math.min(actual, charged);
              // Nothing to give back is no trip to the store (Redis or Postgres with replicas).
              if (refund > 0) await store.refund(bucket.id, refund, bucket.tier, Date.now());
              if (throttle) throttle.available = Math.min(throttle.max, throttle.available + refund);
            }
            extensions.cost = { requested, actual, ...(throttle ? { throttle } : {}) };
          };
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions };
            await report(result.data, result.extensions);
            return;
          }
          // A deferred query is charged once, up front, for all its parts; what it really
          // cost is known once the last part is in, and said in the last payload.
          deferredResponseOf(response.body)?.beforeLast((whole, extensions) => report(whole.data, extensions));
        },
      };
    },
  };
}
