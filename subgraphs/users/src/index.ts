import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { seedUsersStore } from './db/seed.ts';
import { openUsersPgStore, openUsersStore, type UsersStore } from './db/store.ts';

await runSubgraphProcess<UsersStore & StoreHandle>('users', { sqlite: openUsersStore, postgres: openUsersPgStore }, serve, seedUsersStore);
