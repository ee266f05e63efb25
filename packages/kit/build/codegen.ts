import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * How every subgraph generates its resolver types from its SDL: Federation-aware, typed against
 * its request context, with each GraphQL type mapped to the row or view its resolvers receive.
 */
export function subgraphCodegen(mappers: Record<string, string>, enumValues: Record<string, Record<string, string>> = {}): CodegenConfig {
  return {
    schema: 'src/schema.graphql',
    generates: {
      'src/__generated__/resolvers-types.ts': {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useTypeImports: true,
          enumsAsTypes: true,
          contextType: '../context.ts#Context',
          scalars: { DateTime: 'Date' },
          mappers,
          // An enum whose values the store keeps in its own words (e.g. `COOKING` kept as `cooking`).
          enumValues,
        },
      },
    },
  };
}
