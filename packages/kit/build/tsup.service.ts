import { copyFileSync, existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * How every service is bundled: workspace packages ship TypeScript source, so `@app/*` is
 * bundled in; every npm package stays external and is loaded from node_modules at run time
 * (bundling CommonJS packages such as pino into an ESM file breaks their `require`s).
 */
export const serviceBuild = defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  target: 'node20',
  platform: 'node',
  noExternal: [/^@app\//],
  external: [/^(?!@app\/)[^./]/],
  clean: true,
  sourcemap: true,
  // The subgraph server reads its SDL beside itself, in src/ or in dist/.
  onSuccess: async () => {
    if (existsSync('src/schema.graphql')) copyFileSync('src/schema.graphql', 'dist/schema.graphql');
  },
});
