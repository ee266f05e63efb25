import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { anonymousViewer, encodeViewer, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER, type Viewer } from '@app/kit/viewer';

export interface GatewayContext {
  viewer: Viewer;
}

/**
 * Signs each subgraph request with the viewer. The signature covers the exact body bytes, so
 * it is made in the fetcher, where the body is final; `willSendRequest` only puts the viewer
 * on the request for it.
 */
export class ViewerSigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, secret: string) {
    const signingFetch: Fetcher = (input, init) => {
      const headers = { ...(init?.headers as Record<string, string>) };
      const encoded = headers[VIEWER_HEADER];
      if (encoded) headers[SIGNATURE_HEADER] = signatureFor(encoded, typeof init?.body === 'string' ? init.body : '', secret);
      return fetch(input, { ...init, headers } as RequestInit) as unknown as ReturnType<Fetcher>;
    };
    super({ url, fetcher: signingFetch });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Internal calls (health checks) have no incoming request and so no viewer.
    request.http?.headers.set(VIEWER_HEADER, encodeViewer(context?.viewer ?? anonymousViewer()));
  }
}
