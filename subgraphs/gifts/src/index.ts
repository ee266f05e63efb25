import path from 'node:path';
import { dataDir, hostFrom, portFor } from '@app/kit/config';
import { createLogger } from '@app/kit/log';
import { runSubgraph } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openGiftsStore } from './store.ts';

const logger = createLogger('gifts');

await runSubgraph(async () => {
  const store = openGiftsStore(process.env.GIFTS_DB ?? path.join(dataDir(), 'gifts.db'));
  try {
    return await serve(store.db, { port: portFor('gifts'), host: hostFrom(), logger, onStop: store.close });
  } catch (error) {
    store.close();
    throw error;
  }
}, logger);
