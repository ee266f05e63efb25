import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { seedContentStore } from './db/seed.ts';
import { openContentPgStore, openContentStore, type ContentStore } from './db/store.ts';

await runSubgraphProcess<ContentStore & StoreHandle>('content', { sqlite: openContentStore, postgres: openContentPgStore }, serve, seedContentStore);
