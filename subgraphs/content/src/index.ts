import path from 'node:path';
import { dataDir, hostFrom, portFor } from '@app/kit/config';
import { createLogger } from '@app/kit/log';
import { runSubgraph } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openContentStore } from './store.ts';

const logger = createLogger('content');

await runSubgraph(async () => {
  const store = openContentStore(process.env.CONTENT_DB ?? path.join(dataDir(), 'content.db'));
  try {
    return await serve(store.db, { port: portFor('content'), host: hostFrom(), logger, onStop: store.close });
  } catch (error) {
    store.close();
    throw error;
  }
}, logger);
