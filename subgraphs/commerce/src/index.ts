import path from 'node:path';
import { dataDir, hostFrom, portFor } from '@app/kit/config';
import { createLogger } from '@app/kit/log';
import { runSubgraph } from '@app/kit/subgraph';
import { serve } from './server.ts';
import { openCommerceStore } from './store.ts';

const logger = createLogger('commerce');

await runSubgraph(async () => {
  const store = openCommerceStore(process.env.COMMERCE_DB ?? path.join(dataDir(), 'commerce.db'));
  try {
    return await serve(store.db, { port: portFor('commerce'), host: hostFrom(), logger, onStop: store.close });
  } catch (error) {
    store.close();
    throw error;
  }
}, logger);
