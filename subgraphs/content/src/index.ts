import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openContentStore, type ContentStore } from './db/store.ts';
import { openContentPgStore } from './db/pg/store.ts';

await runSubgraphProcess<ContentStore & StoreHandle>('content', { sqlite: openContentStore, postgres: openContentPgStore }, serve);
