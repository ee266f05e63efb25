import type { Fetcher } from '@apollo/utils.fetcher';
import { SIGNATURE_HEADER, signatureFor, VIEWER_HEADER } from '@app/kit/viewer';

/**
 * Signs the viewer on each subgraph request. The signature covers the exact body bytes, so it
 * is made here, in the fetcher, where the body is final, for this one subgraph (`audience`); the data source only puts the encoded
 * viewer on the request. A request without a viewer header goes out unsigned (anonymous).
 */
export function useViewerSigning(secret: string, audience: string, fetcher: Fetcher): Fetcher {
  return (input, init) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const encoded = headers[VIEWER_HEADER];
    if (encoded) headers[SIGNATURE_HEADER] = signatureFor(encoded, typeof init?.body === 'string' ? init.body : '', secret, audience);
    return fetcher(input, { ...init, headers });
  };
}
