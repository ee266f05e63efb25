import { runSubgraphProcess } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openGiftsStore } from './store.ts';

await runSubgraphProcess('gifts', openGiftsStore, serve);
