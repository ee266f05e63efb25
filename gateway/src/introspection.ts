import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { GatewayContext } from './context.ts';

export const SCHEMA_READ_SCOPE = 'schema:read';

function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

/**
 * In production, introspection is for callers whose key carries `schema:read` (partners'
 * tooling, our own CI); everyone else gets FORBIDDEN. `__typename` stays open.
 */
export function useIntrospectionGate(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (contextValue.viewer.scopes.includes(SCHEMA_READ_SCOPE)) return;
          if (selectsIntrospection(document)) {
            throw new GraphQLError(`Introspection requires an API key with the ${SCHEMA_READ_SCOPE} scope.`, {
              extensions: { code: 'FORBIDDEN', requiredScopes: [[SCHEMA_READ_SCOPE]], http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
