/**
 * `@defer` through the gateway, wired into Apollo Server rather than beside it, so a deferred
 * query passes every hook any query does (trusted documents, operation limits, validation, cost
 * and rate limits, metrics, error formatting and logging) and its fetches take the same data
 * sources (signed viewer, so `@auth`/`@scopes` hold in deferred parts too; entity cache).
 *
 * - The schema Apollo Server validates against gains the `@defer` directive.
 * - The gateway's executor runs a query that defers something, from a client that accepts
 *   `multipart/mixed;deferSpec=20220824`, with `execute.ts`: it answers the initial result and
 *   leaves the rest for this request. Any other request (no `@defer`, a client that reads one JSON
 *   response, a batch) runs as before, `@defer` ignored: the whole result in one response.
 * - When execution ends, the plugin turns the response into Apollo Server's incremental kind,
 *   which it writes as multipart parts as they come.
 */
import type { ServiceMap } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLSchema, type GraphQLError, type GraphQLFormattedError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import Negotiator from 'negotiator';
import type { Logger } from '@app/kit/log';
import type { GatewayContext } from '../context.ts';
import { DeferredResponse } from './delivery.ts';
import { executeDeferred } from './execute.ts';
import { DeferPlanner, GraphQLDeferDirective, mentionsDefer } from './plan.ts';
import { DEFER_VALIDATION_RULES } from './rules.ts';

/** The one incremental format served (Apollo Client's `Defer20220824Handler`, graphql-js 17 alpha 2). */
export const DEFER_SPEC_MEDIA_TYPE = 'multipart/mixed; deferSpec=20220824';

/**
 * Whether the client reads deferred parts in the format served here. Asked exactly as Apollo
 * Server asks it before writing an incremental response (same library, same candidates), so the
 * two never disagree: a client that prefers another incremental format, or plain
 * `multipart/mixed`, gets the whole result in one response instead.
 */
export function acceptsDeferredParts(accept: string | null | undefined): boolean {
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType(['multipart/mixed', 'multipart/mixed; incrementalSpec=v0.2', DEFER_SPEC_MEDIA_TYPE]) === DEFER_SPEC_MEDIA_TYPE;
}

export interface DeferOptions {
  supergraphSdl: string;
  /** The gateway's data sources, by subgraph (filled once the gateway has loaded). */
  serviceMap: () => ServiceMap;
  /** The gateway's `formatError`: deferred parts' errors are shown as any others. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Each error a deferred part carries (counted and logged as the initial result's are by their plugins). */
  onError?: (error: GraphQLError, context: GatewayContext) => void;
  logger: Logger;
}

export function useDefer(options: DeferOptions) {
  // Built with the first deferred query: the planner and its schemas take a few hundred
  // milliseconds, which a gateway that is never asked to defer should not spend starting.
  let planner: DeferPlanner | null = null;
  const plannerOf = () => (planner ??= new DeferPlanner(options.supergraphSdl));
  /** Each request's deferred parts, from the executor to the plugin that hands them to Apollo Server. */
  const pending = new WeakMap<object, DeferredResponse>();
  const withDefer = new WeakMap<GraphQLSchema, GraphQLSchema>();

  const schemaWithDefer = (schema: GraphQLSchema): GraphQLSchema => {
    if (schema.getDirective('defer')) return schema;
    let extended = withDefer.get(schema);
    if (!extended) {
      const config = schema.toConfig();
      extended = new GraphQLSchema({ ...config, directives: [...config.directives, GraphQLDeferDirective] });
      withDefer.set(schema, extended);
    }
    return extended;
  };

  /** Apollo Server's own error normalization (a code on every error, no `http` extension), then the gateway's formatting. */
  const formatErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      try {
        const extensions: Record<string, unknown> = { ...error.extensions, code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR' };
        delete extensions.http;
        return options.formatError({ ...error.toJSON(), extensions }, error);
      } catch {
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
    });

  const wouldDefer = (requestContext: GatewayGraphQLRequestContext): boolean =>
    !requestContext.requestIsBatched &&
    requestContext.operation.operation === 'query' &&
    mentionsDefer(requestContext.source, requestContext.document) &&
    acceptsDeferredParts(requestContext.request.http?.headers.get('accept'));

  async function execute(requestContext: GatewayGraphQLRequestContext<GatewayContext>, whole: GatewayExecutor) {
    if (!wouldDefer(requestContext)) return whole(requestContext);
    const { request, operation } = requestContext;
    const planner = plannerOf();
    const coerced = getVariableValues(planner.apiSchema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    let execution: Awaited<ReturnType<typeof executeDeferred>>;
    try {
      const prepared = planner.prepare(requestContext.document, requestContext.source, request.operationName);
      execution = await executeDeferred({ planner, prepared, serviceMap: options.serviceMap(), requestContext, variables: coerced.coerced });
    } catch (error) {
      // A plan shape this executor does not run: the client still gets its data, in one response.
      options.logger.warn({ err: error, requestId: requestContext.context.viewer?.requestId }, 'could not defer this query; answering it whole');
      return whole(requestContext);
    }
    const { initial, subsequent } = execution;
    if (subsequent && initial.data) {
      const context = requestContext.context;
      pending.set(
        context,
        new DeferredResponse(subsequent, { data: initial.data, ...(initial.errors ? { errors: initial.errors } : {}) }, {
          formatErrors: (errors) => {
            for (const error of errors) options.onError?.(error, context);
            return formatErrors(errors);
          },
          onHookError: (error) => options.logger.error({ err: error, requestId: context.viewer?.requestId }, 'a hook on the last deferred payload failed'),
        }),
      );
    }
    return initial;
  }

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async executionDidStart(requestContext) {
          return {
            async executionDidEnd(error) {
              const deferred = pending.get(requestContext.contextValue);
              if (!deferred) return;
              pending.delete(requestContext.contextValue);
              const response = requestContext.response;
              if (error || response.body?.kind !== 'single') return;
              // Before `willSendResponse`: every plugin sees the response as it will go.
              response.body = { kind: 'incremental', initialResult: { ...response.body.singleResult, hasNext: true }, subsequentResults: deferred };
              // A proxy that buffers (nginx) would hold the initial part until the last one.
              response.http.headers.set('x-accel-buffering', 'no');
            },
          };
        },
      };
    },
  };

  return {
    validationRules: DEFER_VALIDATION_RULES,
    plugin,
    /** `inner` with `@defer` in its schema and deferred queries run by this module. */
    gateway(inner: GatewayInterface): GatewayInterface {
      return {
        onSchemaLoadOrUpdate: (callback) => inner.onSchemaLoadOrUpdate((schemaContext) => callback({ ...schemaContext, apiSchema: schemaWithDefer(schemaContext.apiSchema) })),
        async load(loadOptions) {
          const loaded = await inner.load(loadOptions);
          const whole = loaded.executor;
          return { ...loaded, executor: whole && ((requestContext) => execute(requestContext as GatewayGraphQLRequestContext<GatewayContext>, whole)) };
        },
        stop: () => inner.stop(),
      };
    },
  };
}
