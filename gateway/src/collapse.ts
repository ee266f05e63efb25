import type { Viewer } from '@app/kit/viewer';

/**
 * Who asks, for sharing reads: the viewer without its per-request id. Two requests by the same
 * user (or the same partner key, or two anonymous callers) may share a read; never two viewers.
 * Built from the viewer's fields, not by decoding the header it travels in.
 */
export function viewerKey(viewer: Viewer): string {
  return JSON.stringify([viewer.userId, viewer.partnerId, viewer.keyId, viewer.scopes, viewer.country]);
}

/** Only reads are shared: a query document (`query …` or the `{ … }` shorthand), never a mutation. */
export function isRead(query: string): boolean {
  return query.startsWith('query') || query.startsWith('{');
}

/**
 * What makes two subgraph requests the same: the exact body and who asks; each data source is
 * one subgraph. Null when the request must not be shared. `since` is the entity cache's count of
 * invalidations when the request looked there: a read that starts after a write was dropped from
 * the cache must not share a fetch that began before it, which may have read the old data.
 */
export function collapseKey(who: string, query: string, body: string, since?: number): string | null {
  if (!isRead(query)) return null;
  return since === undefined ? `${who}\n${body}` : `${who}\n${since}\n${body}`;
}

/**
 * Identical reads in flight at the same moment (many viewers opening the same feed) become one
 * subgraph request: the first caller's `fetch` runs and every caller with the same key awaits
 * its answer. The answer is the raw text, so each caller parses its own copy.
 *
 * A read never joins one that began before a write to the same subgraph was answered: that read
 * may have seen the store before the write committed, and a client who got the write's answer
 * must read what it wrote. Each answered write starts a new generation of shared reads (whatever
 * the entity cache holds; writes through another gateway replica reach the key as `since`).
 */
export function useCollapsedReads<T>() {
  const inFlight = new Map<string, Promise<T>>();
  let writesAnswered = 0;
  return (key: string | null, fetch: () => Promise<T>): Promise<T> => {
    if (key === null) {
      return fetch().finally(() => {
        writesAnswered++;
      });
    }
    const generationKey = `${writesAnswered}\n${key}`;
    let shared = inFlight.get(generationKey);
    if (!shared) {
      shared = fetch().finally(() => inFlight.delete(generationKey));
      inFlight.set(generationKey, shared);
    }
    return shared;
  };
}
