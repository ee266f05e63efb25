import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.ts';
import { limitCodeOf } from './limits.ts';
import type { GatewayMetrics } from './metrics.ts';

/** The code a client will see for an error: a limit's own code, else the error's, else the mask's. */
export function errorCodeOf(error: GraphQLError): string {
  const code =
    limitCodeOf(error.extensions, error.message) ?? limitCodeOf((error.originalError as { extensions?: Record<string, unknown> } | undefined)?.extensions) ?? error.extensions?.code;
  return String(code ?? 'INTERNAL_SERVER_ERROR');
}

/**
 * Counts every request by operation and outcome (ok, partial: data with errors, error: no data),
 * times it, and counts the errors clients get by code.
 */
export function useMetrics(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, errors, operationName }) {
          const operation = operationName ?? request.operationName ?? 'anonymous';
          // A deferred query is counted by its initial payload; its parts' errors are counted as they go (`defer/serve.ts`).
          const data = response.body.kind === 'single' ? response.body.singleResult.data : response.body.initialResult.data;
          const outcome = !errors?.length ? 'ok' : data ? 'partial' : 'error';
          metrics.requests.inc({ operation, outcome });
          metrics.requestDuration.observe({ operation }, (performance.now() - started) / 1000);
          for (const error of errors ?? []) metrics.errors.inc({ code: errorCodeOf(error) });
        },
      };
    },
  };
}
