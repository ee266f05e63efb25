import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  target: 'node20',
  platform: 'node',
  // Workspace packages ship TypeScript source; bundle them, keep npm dependencies external.
  noExternal: [/^@app\//],
  clean: true,
  sourcemap: true,
});
