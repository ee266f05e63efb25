/**
 * Completes one event of a subscription across the graph: the plan's `primary` answer is the
 * event itself (it arrived over the upstream subscription), and the plan's `rest` runs through
 * the same entity-fetch path queries use (same data sources, pool, timeout and partial-data
 * behaviour): a subgraph that is down nulls its own fields, with an error at their path.
 */
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Logger } from '@app/kit/log';
import type { GatewayContext } from '../context.ts';
import type { SubscriptionPlan, SubscriptionPlanner } from './plan.ts';

/**
 * Answers the primary fetch with the event already received, and sends every other fetch on to
 * the subgraph's real data source (the primary's subgraph may also complete other fields).
 */
function withEventAnswer(serviceMap: ServiceMap, plan: SubscriptionPlan, event: ExecutionResult): ServiceMap {
  const real = serviceMap[plan.primary.serviceName];
  const answering: GraphQLDataSource = {
    process: (options) => {
      if (options.request.query === plan.primary.operation) {
        return Promise.resolve({ data: event.data ?? null, ...(event.errors ? { errors: event.errors as unknown as GraphQLFormattedError[] } : {}) } as never);
      }
      if (!real) return Promise.reject(new Error(`No data source for ${plan.primary.serviceName}`));
      return real.process(options);
    },
  };
  return { ...serviceMap, [plan.primary.serviceName]: answering };
}

export interface EventCompletion {
  planner: SubscriptionPlanner;
  serviceMap: () => ServiceMap;
  logger: Logger;
}

/** Runs primary-then-rest for one event, once for every client sharing the same document, variables and visibility. */
export async function completeEvent(completion: EventCompletion, plan: SubscriptionPlan, event: ExecutionResult, variables: Record<string, unknown>, context: GatewayContext): Promise<ExecutionResult> {
  const queryPlan: QueryPlan = {
    kind: 'QueryPlan',
    node: plan.rest ? { kind: 'Sequence', nodes: [plan.primary, plan.rest] } : plan.primary,
  };
  const requestContext = {
    request: { query: '', variables, operationName: plan.operation.name?.value },
    context,
    logger: completion.logger,
    metrics: {},
    cache: undefined,
  };
  const result = await executeQueryPlan(
    queryPlan,
    withEventAnswer(completion.serviceMap(), plan, event),
    requestContext as never,
    plan.operationContext,
    completion.planner.supergraphSchema,
    completion.planner.plannerApiSchema,
  );
  return result as ExecutionResult;
}
