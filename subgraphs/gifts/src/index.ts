import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openGiftsStore, type GiftsStore } from './db/store.ts';
import { openGiftsPgStore } from './db/pg/store.ts';

await runSubgraphProcess<GiftsStore & StoreHandle>('gifts', { sqlite: openGiftsStore, postgres: openGiftsPgStore }, serve);
