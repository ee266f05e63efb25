/**
 * How the bench's clients send an operation: its text, or (the default) only its id, the way a
 * client that ships with persisted documents does. Our gateway finds the id in its trusted
 * documents manifest; the stock gateway in its APQ cache, where setup registered it (text and
 * id in one request, Apollo's automatic persisted queries).
 */
import { createHash } from 'node:crypto';

export type DocumentMode = 'text' | 'persisted';

const ids = new Map<string, string>();
/** The document's id: SHA-256 of its text, in hex (what the manifest and APQ use). */
export function documentId(text: string): string {
  let id = ids.get(text);
  if (!id) ids.set(text, (id = createHash('sha256').update(text).digest('hex')));
  return id;
}

export const persistedQuery = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: documentId(query) } });

/** The request body for an operation, in the given mode. */
export function requestBody(query: string, variables: Record<string, unknown>, mode: DocumentMode): string {
  return JSON.stringify(mode === 'text' ? { query, variables } : { variables, extensions: persistedQuery(query) });
}
