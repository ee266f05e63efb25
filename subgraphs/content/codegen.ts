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
          Video: '../db/schema.ts#VideoRow',
          LiveStream: '../db/schema.ts#LiveStreamRow',
          Creator: '../db/schema.ts#CreatorRef',
        },
      },
    },
  },
};
export default config;
