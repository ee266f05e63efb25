import type http from 'node:http';
import { sendError, type Route } from '@app/kit/http';
import type { Logger } from '@app/kit/log';
import { anonymousViewer } from '@app/kit/viewer';
import { AuthenticationError, KeyStoreUnavailableError, type createAuthenticator } from './auth.ts';
import type { ClientAddressOf } from './client-address.ts';
import type { GatewayContext } from './context.ts';

/** A client-supplied request id is kept only if it is short and plain. */
export function requestIdFrom(req: http.IncomingMessage): string | undefined {
  const value = req.headers['x-request-id'];
  const id = Array.isArray(value) ? value[0] : value;
  return id && /^[\w.:-]{1,64}$/.test(id) ? id : undefined;
}

export interface AuthenticationOptions {
  authenticate: ReturnType<typeof createAuthenticator>;
  logger: Logger;
  /** The client's address (behind trusted proxies, the one they forwarded); the TCP peer when left out. */
  clientAddressOf?: ClientAddressOf;
}

/**
 * Checks credentials before GraphQL runs: a bad or expired one is an HTTP 401, not anonymous; an
 * API key while the key store does not answer is a 503 SERVICE_UNAVAILABLE (the store's outage is
 * logged once by its gate, not here per request). Returns the route that does it and the context
 * GraphQL then runs with.
 */
export function useAuthentication({ authenticate, logger, clientAddressOf = (req) => req.socket.remoteAddress ?? null }: AuthenticationOptions) {
  const contexts = new WeakMap<http.IncomingMessage, GatewayContext>();
  const route: Route = async (req, res) => {
    const arrivedAt = performance.now();
    const requestId = requestIdFrom(req);
    try {
      const { viewer, partnerTier } = await authenticate(req, requestId);
      res.setHeader('x-request-id', viewer.requestId);
      contexts.set(req, { viewer, partnerTier, clientIp: clientAddressOf(req), arrivedAt });
      return false;
    } catch (error) {
      if (error instanceof KeyStoreUnavailableError) {
        res.setHeader('retry-after', '1');
        sendError(res, 503, 'SERVICE_UNAVAILABLE', error.message);
        return true;
      }
      if (!(error instanceof AuthenticationError)) throw error;
      logger.info({ reason: error.message, requestId }, 'refused credentials');
      res.setHeader('www-authenticate', 'Bearer');
      sendError(res, 401, 'UNAUTHENTICATED', error.message);
      return true;
    }
  };
  return {
    route,
    /** The context of a request the route let through; anonymous for one it never saw. */
    context: (req: http.IncomingMessage): GatewayContext => contexts.get(req) ?? { viewer: anonymousViewer() },
  };
}
