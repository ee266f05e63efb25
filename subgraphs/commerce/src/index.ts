import { runSubgraphProcess } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openCommerceStore } from './db/store.ts';

await runSubgraphProcess('commerce', openCommerceStore, serve);
