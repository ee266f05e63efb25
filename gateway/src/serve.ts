/** The gateway process: configuration, key store, listen, stop on signals. `index.ts` loads it. */
import { hostFrom, portFor } from '@app/kit/config';
import { listen, stopOnSignals } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { startTracing } from '@app/kit/tracing';
import { DEFAULT_ENTITY_CACHE, gatewayConfig } from './config.ts';
import { createGateway } from './gateway.ts';
import { openGatewayStores } from './db/open.ts';
import { openRedisSharedState } from './redis/open.ts';

const logger = createLogger('gateway');

try {
  // Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; first, so whatever is built next is traced.
  const tracing = await startTracing('gateway');
  const config = gatewayConfig();
  if (config.defaultSecrets.length > 0) {
    logger.warn({ secrets: config.defaultSecrets }, 'DEVELOPMENT DEFAULT SECRETS in use: anyone can mint tokens; set them before this gateway leaves your machine');
  }
  const { keys, rateLimits, entityCache, ping } = await openGatewayStores(config);
  const sharedState = config.redisUrl
    ? await openRedisSharedState(config.redisUrl, {
        ...(config.redisKeyPrefix ? { prefix: config.redisKeyPrefix } : {}),
        ...(config.redisNearCache !== false ? { nearCacheBytes: (config.entityCache ?? DEFAULT_ENTITY_CACHE).maxBytes } : {}),
        nearCacheLeases: config.redisNearCacheLeases !== false,
        rateLimitLeases: config.rateLimitLeases !== false,
      })
    : undefined;
  const gateway = createGateway({
    config,
    keys,
    logger,
    ...(rateLimits ? { rateLimitStore: rateLimits } : {}),
    ...(entityCache ? { entityCacheStore: entityCache } : {}),
    ...(ping ? { storePing: ping } : {}),
    ...(sharedState ? { sharedState } : {}),
  });
  await gateway.start();
  const http = await listen(gateway.handler, portFor('gateway'), hostFrom()).catch(async (error: unknown) => {
    await gateway.stop();
    throw error;
  });
  http.server.on('upgrade', gateway.handleUpgrade);
  logger.info({ url: http.url, mode: config.production ? 'production' : 'development' }, 'gateway listening');
  stopOnSignals(async () => {
    // Subscriptions first (each is told it is over), then in-flight requests finish.
    await gateway.stopSubscriptions();
    await http.close();
    await gateway.stop();
    await keys.close();
    await sharedState?.close();
    await tracing?.shutdown();
  }, logger);
} catch (error) {
  logger.fatal({ err: error }, (error as Error).message);
  process.exit(1);
}
