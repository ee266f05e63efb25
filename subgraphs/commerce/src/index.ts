import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openCommerceStore, type CommerceStore } from './db/store.ts';
import { openCommercePgStore } from './db/pg/store.ts';

await runSubgraphProcess<CommerceStore & StoreHandle>('commerce', { sqlite: openCommerceStore, postgres: openCommercePgStore }, serve);
