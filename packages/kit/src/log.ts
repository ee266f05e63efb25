import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * One logger per service; the level comes from LOG_LEVEL so tests can keep quiet. Credentials
 * are redacted wherever a request's headers are logged; nothing else logs them.
 */
export function createLogger(service: string, options: { destination?: DestinationStream; level?: string } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  const config = {
    name: service,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]', 'headers["x-viewer-signature"]'],
      censor: '[redacted]',
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
