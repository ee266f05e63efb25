import type { Fetcher } from '@apollo/utils.fetcher';
import { encodeViewer, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER, type Viewer } from '@app/kit/viewer';

/**
 * The viewer as it travels in `x-viewer`, encoded once per request: a request's subgraph fetches
 * share its viewer object, so each one reuses the encoding instead of making it again.
 */
const encoded = new WeakMap<Viewer, string>();
export function encodedViewer(viewer: Viewer): string {
  let value = encoded.get(viewer);
  if (value === undefined) {
    value = encodeViewer(viewer);
    encoded.set(viewer, value);
  }
  return value;
}

/** A viewer with nothing to vouch for: no user, no partner, no key, no scopes, no country. */
export function isAnonymous(viewer: Viewer): boolean {
  return viewer.userId === null && viewer.partnerId === null && viewer.keyId === null && viewer.scopes.length === 0 && viewer.country === null;
}

/**
 * The headers that carry a viewer to a subgraph, with the request id. An anonymous viewer goes
 * unsigned: a subgraph treats a request without a viewer as anonymous anyway, so signing one
 * (and verifying it there) would cost both sides a hash and an HMAC per request for nothing.
 */
export function viewerHeaders(secret: string, audience: string, viewer: Viewer, body: string): Record<string, string> {
  if (isAnonymous(viewer)) return { 'x-request-id': viewer.requestId };
  return { ...signedViewerHeaders(secret, audience, encodedViewer(viewer), body), 'x-request-id': viewer.requestId };
}

/**
 * The two headers that carry a viewer to a subgraph. The signature covers the exact body bytes,
 * so it is made where the body is final, just before the request leaves, and names the one
 * subgraph it is for (`audience`): captured on its way there, it is refused by any other.
 */
export function signedViewerHeaders(secret: string, audience: string, encodedViewer: string, body: string): Record<string, string> {
  return { [VIEWER_HEADER]: encodedViewer, [SIGNATURE_HEADER]: signatureFor(encodedViewer, body, secret, audience) };
}

/**
 * Signs the viewer on each request of a WHATWG-style fetcher (what a stock `RemoteGraphQLDataSource`
 * uses): a request whose headers carry `x-viewer` leaves with its signature; one without goes out
 * unsigned (anonymous).
 */
export function useViewerSigning(secret: string, audience: string, fetcher: Fetcher): Fetcher {
  return (input, init) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const viewer = headers[VIEWER_HEADER];
    if (viewer) Object.assign(headers, signedViewerHeaders(secret, audience, viewer, typeof init?.body === 'string' ? init.body : ''));
    return fetcher(input, { ...init, headers });
  };
}
