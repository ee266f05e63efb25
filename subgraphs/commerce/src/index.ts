import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { seedCommerceStore } from './db/seed.ts';
import { openCommercePgStore, openCommerceStore, type CommerceStore } from './db/store.ts';

await runSubgraphProcess<CommerceStore & StoreHandle>('commerce', { sqlite: openCommerceStore, postgres: openCommercePgStore }, serve, seedCommerceStore);
