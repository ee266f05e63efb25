import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { GatewayContext } from '../context.ts';

export const SUBSCRIPTION_TRANSPORT_REQUIRED = 'SUBSCRIPTION_TRANSPORT_REQUIRED';

/**
 * The document with `@skip`/`@include` (and a variable only they used) taken off each
 * subscription's root selection. graphql-js 16
 * throws (an internal error, HTTP 500) validating a subscription whose root carries one with a
 * variable; a subscription here is refused right after validation whatever its directives say.
 */
function withoutRootConditions(document: DocumentNode): DocumentNode {
  const conditional = (selection: { directives?: readonly { name: { value: string } }[] }) => selection.directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include');
  const affected = document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription' && definition.selectionSet.selections.some(conditional));
  if (!affected) return document;
  return visit(document, {
    OperationDefinition(node) {
      if (node.operation !== 'subscription') return undefined;
      const selections = node.selectionSet.selections.map((selection) =>
        conditional(selection) ? { ...selection, directives: selection.directives?.filter((directive) => directive.name.value !== 'skip' && directive.name.value !== 'include') } : selection,
      );
      const selectionSet = { ...node.selectionSet, selections };
      // A variable only the removed condition used would now fail validation as unused.
      const used = new Set<string>();
      visit(selectionSet, { Variable: (variable) => void used.add(variable.name.value) });
      return { ...node, selectionSet, variableDefinitions: node.variableDefinitions?.filter((definition) => used.has(definition.variable.name.value)) };
    },
  });
}

/**
 * A subscription sent as a plain HTTP request cannot be answered with one response: it is refused
 * with a coded 400 saying how to subscribe, rather than reaching `@apollo/gateway`, which would
 * throw (an internal error) on a subscription plan.
 */
export function useSubscriptionTransportRule(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart(requestContext) {
          return async (error) => {
            if (!error && requestContext.document) (requestContext as { document: DocumentNode }).document = withoutRootConditions(requestContext.document);
          };
        },
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are served over WebSocket (graphql-ws, ws://…/graphql), Server-Sent Events (POST /graphql with Accept: text/event-stream) or multipart HTTP (Accept: multipart/mixed;subscriptionSpec=1.0, as Apollo Client sends), not as a plain request.',
            { extensions: { code: SUBSCRIPTION_TRANSPORT_REQUIRED, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
