import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openUsersStore, type UsersStore } from './db/store.ts';
import { openUsersPgStore } from './db/pg/store.ts';

await runSubgraphProcess<UsersStore & StoreHandle>('users', { sqlite: openUsersStore, postgres: openUsersPgStore }, serve);
