import type { Route } from '@app/kit/http';

/** Apollo Sandbox runs on these origins and calls the gateway from the browser. */
export const SANDBOX_ORIGINS = ['https://studio.apollographql.com', 'https://sandbox.embed.apollographql.com'];

/**
 * Answers CORS preflights and marks responses for allowed origins only. Requests from other
 * origins still reach GraphQL (non-browser clients send no Origin) but browsers will not
 * let a page read the answer.
 */
export function useCors(allowedOrigins: readonly string[]): Route {
  const allowed = new Set(allowedOrigins);
  return (req, res) => {
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'origin');
    }
    if (req.method !== 'OPTIONS') return false;
    if (origin && allowed.has(origin)) {
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
