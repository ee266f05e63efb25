import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.ts';

export const SUBSCRIPTION_TRANSPORT_REQUIRED = 'SUBSCRIPTION_TRANSPORT_REQUIRED';

/**
 * A subscription sent as a plain HTTP request cannot be answered with one response: it is refused
 * with a coded 400 saying how to subscribe, rather than reaching `@apollo/gateway`, which would
 * throw (an internal error) on a subscription plan.
 */
export function useSubscriptionTransportRule(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are served over WebSocket (graphql-ws, ws://…/graphql) or Server-Sent Events (POST /graphql with Accept: text/event-stream), not as a plain request.',
            { extensions: { code: SUBSCRIPTION_TRANSPORT_REQUIRED, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
