import { runSubgraphProcess } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openUsersStore } from './db/store.ts';

await runSubgraphProcess('users', openUsersStore, serve);
