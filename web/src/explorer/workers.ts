/**
 * Monaco runs its language services in web workers. The build bundles each worker into its own
 * hashed file next to this page's script and defines their URLs here; nothing is loaded from a
 * CDN (Monaco's default) or built from a blob.
 */
declare const __EXPLORER_WORKERS__: { editor: string; json: string; graphql: string };

const workers = __EXPLORER_WORKERS__;

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new Worker(workers.json, { name: 'json' });
    if (label === 'graphql') return new Worker(workers.graphql, { name: 'graphql' });
    return new Worker(workers.editor, { name: 'editor' });
  },
};
