import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
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
        mappers: {
          User: '../db/schema.ts#UserRow',
          Creator: '../db/schema.ts#UserRow',
        },
      },
    },
  },
};
export default config;
