/**
 * What a subscription must pass before it is made, the same as a query: the operation limits,
 * validation against the API schema, variable coercion, cost (refused above the maximum, taken
 * from the caller's bucket) and the caller's cap on open subscriptions. Every refusal is a
 * GraphQL error with a stable code.
 */
import {
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { requestedCost, type CostConfig, bucketOf } from '../cost.ts';
import { limitCodeOf } from '../limits.ts';
import type { RateLimitStore } from '../rate-limit.ts';
import type { GatewayContext } from '../context.ts';
import type { SubscriptionPlanner } from './plan.ts';
import { splitPosition } from './position.ts';

export interface SubscriptionCapsConfig {
  /** Open subscriptions per user or partner key. */
  perCaller: number;
  /** Open subscriptions per client address, whoever is signed in. */
  perIp: number;
  /** Open WebSocket connections and event streams per client address. */
  connectionsPerIp: number;
  /** Events that may wait for one slow client before it is disconnected. */
  maxBufferedEvents: number;
  /** How often a WebSocket is pinged; one that has not answered by the next ping is closed. */
  keepAliveMs: number;
}

export const DEFAULT_SUBSCRIPTION_CAPS: SubscriptionCapsConfig = { perCaller: 20, perIp: 200, connectionsPerIp: 100, maxBufferedEvents: 1_000, keepAliveMs: 12_000 };

export const SUBSCRIPTION_CODES = {
  subscriptionLimit: 'SUBSCRIPTION_LIMIT_REACHED',
  connectionLimit: 'CONNECTION_LIMIT_REACHED',
  slowConsumer: 'SLOW_CONSUMER',
  notSubscription: 'SUBSCRIPTION_REQUIRED',
} as const;

/** Counts what each caller and address holds open; a slot is given back when its holder closes. */
export class OpenCounts {
  private readonly counts = new Map<string, number>();

  holding(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Every slot held, over all keys. */
  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /** Takes one slot of each key if all have room; returns how to give them back, or null. */
  take(keys: readonly { key: string; max: number }[]): (() => void) | null {
    if (keys.some(({ key, max }) => this.holding(key) >= max)) return null;
    for (const { key } of keys) this.counts.set(key, this.holding(key) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const { key } of keys) {
        const left = this.holding(key) - 1;
        if (left <= 0) this.counts.delete(key);
        else this.counts.set(key, left);
      }
    };
  }
}

export interface SubscriptionAdmissionOptions {
  planner: SubscriptionPlanner;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  cost: CostConfig;
  rateLimits: RateLimitStore;
  caps: SubscriptionCapsConfig;
  /** The gateway's own formatting of what a client sees (production names no field in a suggestion). */
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

export interface AdmissionRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export type Admitted = {
  ok: true;
  /** The operation without its start position (see `position.ts`): what clients share. */
  document: DocumentNode;
  source: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** The event id the client resumes after (`after`), or null. */
  position: string | null;
  /** Gives the caller's subscription slot back: call when the subscription ends. */
  release: () => void;
};

export type Refused = { ok: false; errors: GraphQLError[] };

const refused = (message: string, code: string, extensions: Record<string, unknown> = {}): Refused => ({ ok: false, errors: [new GraphQLError(message, { extensions: { code, ...extensions } })] });

/**
 * Whether a subscription's root selection carries `@skip` or `@include`. The spec does not let a
 * subscription leave out its one root field (graphql-js 17 refuses it in validation; graphql-js 16
 * throws an internal error validating one with a variable), and with it left out there would be
 * nothing to subscribe to.
 */
function conditionalRoot(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      definition.operation === 'subscription' &&
      definition.selectionSet.selections.some((selection) => selection.directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include')),
  );
}

export function subscriptionAdmission(options: SubscriptionAdmissionOptions) {
  const open = new OpenCounts();
  const rules = [...specifiedRules, ...options.validationRules];
  /** Buckets refused lately, until when: a caller hammering past its limit is refused before its document is read. */
  const throttledUntil = new Map<string, number>();

  const slotsOf = (context: GatewayContext) => {
    const { viewer } = context;
    const caller = viewer.keyId ? `key:${viewer.keyId}` : viewer.userId ? `user:${viewer.userId}` : null;
    const slots = [{ key: `ip:${context.clientIp ?? 'unknown'}`, max: options.caps.perIp }, ...(caller ? [{ key: caller, max: options.caps.perCaller }] : [])];
    return { caller, slots };
  };
  const limitReached = (context: GatewayContext, caller: string | null): Refused =>
    refused(
      `Too many open subscriptions: at most ${caller ? `${options.caps.perCaller} per ${context.viewer.keyId ? 'API key' : 'user'} and ` : ''}${options.caps.perIp} per address. Close one first.`,
      SUBSCRIPTION_CODES.subscriptionLimit,
      { perCaller: options.caps.perCaller, perIp: options.caps.perIp },
    );
  const throttled = (message: string, retryAfterMs: number, extensions: Record<string, unknown> = {}): Refused => {
    const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return refused(`${message} Retry in ${retryAfter} s.`, 'THROTTLED', { retryAfter, ...extensions });
  };

  return {
    open,
    refusal: (message: string, code: string): GraphQLError[] => refused(message, code).errors,
    /** Admits the subscription or refuses it with errors already as the client may see them, on every transport. */
    async admit(request: AdmissionRequest, context: GatewayContext): Promise<Admitted | Refused> {
      const outcome = await admit(request, context);
      if (outcome.ok || !options.formatError) return outcome;
      const format = options.formatError;
      return {
        ok: false,
        errors: outcome.errors.map((error) => {
          const shown = format(error.toJSON(), error);
          return new GraphQLError(shown.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: shown.extensions });
        }),
      };
    },
  };

  async function admit(request: AdmissionRequest, context: GatewayContext): Promise<Admitted | Refused> {
    // What costs nothing to check comes before reading the document: a flood of subscribe
    // messages past a cap or a rate limit must not cost a parse and a validation each.
    const { caller, slots } = slotsOf(context);
    if (slots.some(({ key, max }) => open.holding(key) >= max)) return limitReached(context, caller);
    const bucket = bucketOf(context, options.cost);
    const until = throttledUntil.get(bucket.id);
    if (until !== undefined) {
      if (Date.now() < until) return throttled('Rate limit reached.', until - Date.now());
      throttledUntil.delete(bucket.id);
    }
    if (typeof request.query !== 'string' || request.query.length === 0) return refused('A subscription needs a query.', 'BAD_REQUEST');
    let document: DocumentNode;
    try {
      document = parse(request.query, { maxTokens: options.maxTokens });
    } catch (error) {
      const message = (error as Error).message.replace(/^Syntax Error: /, '');
      return refused(message, limitCodeOf({ code: 'GRAPHQL_PARSE_FAILED' }, (error as Error).message) ?? 'GRAPHQL_PARSE_FAILED');
    }
    if (conditionalRoot(document)) {
      return refused('A subscription’s root field cannot carry @skip or @include: there would be nothing to subscribe to.', 'BAD_USER_INPUT');
    }
    const errors = validate(options.planner.apiSchema, document, rules);
    if (errors.length > 0) {
      return { ok: false, errors: errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: limitCodeOf(error.extensions, error.message) ?? 'GRAPHQL_VALIDATION_FAILED' } })) };
    }
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) return refused('Name the operation to run: the document holds several, or none.', 'OPERATION_RESOLUTION_FAILURE');
    if (operation.operation !== 'subscription') {
      return refused('Only subscriptions are served here; send queries and mutations over HTTP to /graphql.', SUBSCRIPTION_CODES.notSubscription);
    }
    const coerced = getVariableValues(options.planner.apiSchema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) return { ok: false, errors: coerced.errors.map((error) => new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } })) };
    const variables = request.variables ?? {};
    const operationName = operation.name?.value ?? request.operationName ?? null;
    const shared = splitPosition(document, operation, request.query, variables);
    try {
      options.planner.plan(shared.document, shared.source, operationName);
    } catch (error) {
      // A valid subscription the planner cannot plan: say so with a code, never as an internal error.
      return refused(`This subscription cannot be planned: ${(error as Error).message}.`, 'BAD_USER_INPUT');
    }

    const fragments = Object.fromEntries(
      document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
    );
    const cost = requestedCost(options.planner.apiSchema, operation, fragments, variables, options.cost.model);
    if (cost > options.cost.maxCost) {
      return refused(`This subscription would cost ${cost} points per event; the most one operation may cost is ${options.cost.maxCost}.`, 'COST_LIMIT_EXCEEDED', {
        cost: { requested: cost, max: options.cost.maxCost },
      });
    }
    const taken = await options.rateLimits.take(bucket.id, cost, bucket.tier, Date.now());
    if (!taken.allowed) {
      throttledUntil.set(bucket.id, Date.now() + taken.retryAfterMs);
      if (throttledUntil.size > 10_000) throttledUntil.delete(throttledUntil.keys().next().value as string);
      return throttled(`Rate limit reached: this subscription costs ${cost} points and ${taken.available} are available.`, taken.retryAfterMs);
    }
    const release = open.take(slots);
    if (!release) return limitReached(context, caller);
    return { ok: true, document: shared.document, source: shared.source, operationName, variables: shared.variables, position: shared.position, release };
  }
}
