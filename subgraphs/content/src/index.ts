import { runSubgraphProcess } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openContentStore } from './db/store.ts';

await runSubgraphProcess('content', openContentStore, serve);
