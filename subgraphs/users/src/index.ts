import path from 'node:path';
import { dataDir, hostFrom, portFor } from '@app/kit/config';
import { createLogger } from '@app/kit/log';
import { runSubgraph } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openUsersStore } from './store.ts';

const logger = createLogger('users');

await runSubgraph(async () => {
  const store = openUsersStore(process.env.USERS_DB ?? path.join(dataDir(), 'users.db'));
  try {
    return await serve(store.db, { port: portFor('users'), host: hostFrom(), logger, onStop: store.close });
  } catch (error) {
    store.close();
    throw error;
  }
}, logger);
