import type { Fetcher } from '@apollo/utils.fetcher';
import { VIEWER_HEADER, type Viewer } from '@app/kit/viewer';

/** A subgraph answer held once for every request that asked the same thing at the same time. */
interface SharedAnswer {
  status: number;
  text: string;
}

/**
 * What makes two subgraph requests the same: the subgraph, the exact body, and who asks
 * (the viewer without its per-request id). Only reads are shared, never mutations, and never
 * across viewers: an anonymous feed is shared among anonymous callers, a user's among that user's.
 * Null when the request must not be shared.
 */
export function collapseKey(url: string, encodedViewer: string | undefined, body: string): string | null {
  if (!/^\{"query":"(query|\{)/.test(body)) return null;
  let who = '';
  if (encodedViewer) {
    const { requestId: _requestId, ...viewer } = JSON.parse(Buffer.from(encodedViewer, 'base64url').toString('utf8')) as Viewer;
    who = JSON.stringify(viewer);
  }
  return `${url}\n${who}\n${body}`;
}

/**
 * Identical reads in flight at the same moment (many viewers opening the same feed) become one
 * subgraph request through `fetcher`; each caller gets its own copy of the answer to parse.
 */
export function useCollapsedReads(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  const answer = (status: number, text: string) =>
    new Response(text, { status, headers: { 'content-type': 'application/json' } }) as unknown as Awaited<ReturnType<Fetcher>>;
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const key = collapseKey(String(input), (init?.headers as Record<string, string> | undefined)?.[VIEWER_HEADER], body);
    if (!key) return fetcher(input, init);
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetcher(input, init)
        .then(async (response) => ({ status: response.status, text: await response.text() }))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    const { status, text } = await shared;
    return answer(status, text);
  };
}
