import { hostFrom, portFor } from '@app/kit/config';
import { listen, stopOnSignals } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { createGateway } from './gateway.ts';

const logger = createLogger('gateway');

try {
  const gateway = createGateway({ logger });
  await gateway.start();
  const http = await listen(gateway.handler, portFor('gateway'), hostFrom()).catch(async (error: unknown) => {
    await gateway.stop();
    throw error;
  });
  logger.info({ url: http.url }, 'gateway listening');
  stopOnSignals(async () => {
    await http.close();
    await gateway.stop();
  }, logger);
} catch (error) {
  logger.fatal({ err: error }, (error as Error).message);
  process.exit(1);
}
