import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The LIVE room page's typed operations: GraphQL Codegen's client preset reads the `graphql()`
 * documents in src/live/ against the public API schema and writes their result and variable
 * types to src/live/__generated__/ (committed; `codegen:check` fails when they are stale).
 * `documentMode: 'string'` makes each document a typed string: the page sends it as it is over
 * fetch and graphql-ws, without graphql-js in the browser.
 */
const config: CodegenConfig = {
  schema: '../schema/api.graphql',
  documents: ['src/live/**/*.ts', '!src/live/__generated__/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/live/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        scalars: { DateTime: 'string' },
      },
    },
  },
};

export default config;
