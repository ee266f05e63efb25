import type { Route } from '@app/kit/http';

/** Apollo Sandbox runs on these origins and calls the gateway from the browser. */
export const SANDBOX_ORIGINS = ['https://studio.apollographql.com', 'https://sandbox.embed.apollographql.com'];

/**
 * A page served from this machine on any port (a Vite or Next dev server beside the gateway).
 * Plain http only, and only the loopback names a browser gives such a page: a look-alike such
 * as `http://localhost.example.com` is another origin.
 */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

export interface CorsOptions {
  /** Also allow `http://localhost:*` and `http://127.0.0.1:*`: in development, never in production. */
  localOrigins?: boolean;
}

/**
 * Answers CORS preflights and marks responses for allowed origins only. Requests from other
 * origins still reach GraphQL (non-browser clients send no Origin) but browsers will not
 * let a page read the answer.
 */
export function useCors(allowedOrigins: readonly string[], options: CorsOptions = {}): Route {
  const configured = new Set(allowedOrigins);
  const isAllowed = (origin: string | undefined): origin is string => !!origin && (configured.has(origin) || (options.localOrigins === true && LOCAL_ORIGIN.test(origin)));
  return (req, res) => {
    const origin = req.headers.origin;
    if (isAllowed(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'origin');
    }
    if (req.method !== 'OPTIONS') return false;
    if (isAllowed(origin)) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader(
        'access-control-allow-headers',
        req.headers['access-control-request-headers'] ?? 'content-type, authorization, x-api-key, apollo-require-preflight',
      );
      res.setHeader('access-control-max-age', '600');
    }
    res.writeHead(204);
    res.end();
    return true;
  };
}
