/**
 * Builds the pages the gateway serves in development into dist/: one HTML file per page and
 * their hashed assets under dist/assets/ (served as immutable). Everything comes from npm
 * packages at build time, so the pages load nothing from the internet. A second page (the LIVE
 * room example) adds an entry to PAGES.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const root = import.meta.dirname;
const dist = path.join(root, 'dist');
const assets = path.join(dist, 'assets');
const publicPath = '/assets/';

interface Page {
  /** dist/<name>.html */
  name: string;
  title: string;
  entry: string;
  /** The page's markup (an HTML fragment for <body>); without one, the body is `<div id="<name>">` for the script to fill. */
  body?: string;
  /** Web workers the page starts, bundled on their own and passed to it as URLs. */
  workers?: Record<string, string>;
}

const PAGES: Page[] = [
  {
    name: 'explorer',
    title: 'Video commerce graph · GraphiQL',
    entry: 'src/explorer/main.tsx',
    workers: {
      editor: 'monaco-editor/esm/vs/editor/editor.worker.js',
      json: 'monaco-editor/esm/vs/language/json/json.worker.js',
      graphql: 'monaco-graphql/esm/graphql.worker.js',
    },
  },
  {
    // The LIVE room example: plain TypeScript and graphql-ws, typed by GraphQL Codegen.
    name: 'live',
    title: 'Video commerce graph · LIVE room',
    entry: 'src/live/main.ts',
    body: 'src/live/live.html',
  },
];

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  outdir: assets,
  publicPath,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true as const,
  logLevel: 'warning',
  target: ['chrome120', 'firefox120', 'safari17'],
  define: { 'process.env.NODE_ENV': '"production"' },
} satisfies BuildOptions;

/** The public URL of the script built from `entry`, and of the stylesheet its CSS imports became. */
function entryUrls(metafile: Metafile, entry: string): { script: string; stylesheet: string | null } {
  const found = Object.entries(metafile.outputs).find(([file, output]) => output.entryPoint === entry && file.endsWith('.js'));
  if (!found) throw new Error(`esbuild produced no script for ${entry}`);
  const [file, output] = found;
  return { script: publicPath + path.basename(file), stylesheet: output.cssBundle ? publicPath + path.basename(output.cssBundle) : null };
}

async function buildPage(page: Page): Promise<void> {
  const workerUrls: Record<string, string> = {};
  if (page.workers) {
    const { metafile } = await build({ ...common, entryPoints: Object.fromEntries(Object.entries(page.workers).map(([name, entry]) => [`${name}.worker`, entry])), format: 'iife' });
    for (const [file, output] of Object.entries(metafile.outputs)) {
      const name = Object.entries(page.workers).find(([, entry]) => output.entryPoint?.endsWith(entry.replace(/^[^/]+\//, '')))?.[0];
      if (name && file.endsWith('.js')) workerUrls[name] = publicPath + path.basename(file);
    }
  }
  const { metafile } = await build({
    ...common,
    entryPoints: { [page.name]: page.entry },
    format: 'esm',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    define: { ...common.define, __EXPLORER_WORKERS__: JSON.stringify(workerUrls) },
  });
  const { script, stylesheet } = entryUrls(metafile, page.entry);
  const body = page.body ? readFileSync(path.join(root, page.body), 'utf8').trim() : `<div id="${page.name}"></div>`;
  writeFileSync(
    path.join(dist, `${page.name}.html`),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${page.title}</title>
    <link rel="icon" href="data:," />
    ${stylesheet ? `<link rel="stylesheet" href="${stylesheet}" />` : ''}
    <script type="module" src="${script}"></script>
  </head>
  <body>
    ${body}
  </body>
</html>
`,
  );
  const missing = Object.keys(page.workers ?? {}).filter((name) => !workerUrls[name]);
  if (missing.length > 0) throw new Error(`no bundle for worker(s) ${missing.join(', ')}`);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });
for (const page of PAGES) await buildPage(page);
