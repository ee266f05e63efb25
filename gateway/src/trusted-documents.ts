import type http from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ConfigError } from '@app/kit/config';
import { RequestRefusal } from '@app/kit/http';

/** The code of a free-text operation refused because it is not one of the trusted documents. */
export const NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';

/** A document's id: the SHA-256 of its exact text, in hex, as Apollo's persisted queries (APQ) use. */
export function documentId(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads a trusted-documents manifest: a JSON map of id → document text (`npm run documents`
 * writes the project's own). A missing file is an empty manifest.
 * @throws ConfigError when an entry's id is not the hash of its text: a client would be served
 * a different operation from the one it named.
 */
export function readTrustedDocuments(path: string | URL): Map<string, string> {
  if (!existsSync(path)) return new Map();
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const documents = new Map<string, string>();
  for (const [id, text] of Object.entries(manifest)) {
    if (typeof text !== 'string' || documentId(text) !== id) throw new ConfigError(`The trusted documents manifest ${String(path)} has an entry whose id is not the SHA-256 of its text: ${id}.`);
    documents.set(id, text);
  }
  return documents;
}

export interface TrustedDocumentsOptions {
  documents: Map<string, string>;
  /** Refuse free-text operations that are not in the manifest (TRUSTED_DOCUMENTS_ONLY). */
  only: boolean;
  /** Callers that may send operations of their own even when `only` is on (partner keys). */
  mayOperateFreely?: (req: http.IncomingMessage) => boolean;
}

/**
 * Persisted documents. A client names an operation by its id instead of sending its text,
 * either the APQ way (`extensions.persistedQuery.sha256Hash`) or as `documentId` (optionally
 * `sha256:`-prefixed), and the gateway takes the text from the manifest: Apollo Server's
 * persisted-query cache answers from it, and since the id is the document's hash, the parsed and
 * validated document is found in Apollo Server's document cache without hashing the text again.
 * Operations outside the manifest still work through ordinary APQ registration, unless `only`:
 * then a free-text operation not in the manifest is refused before it is parsed
 * (PERSISTED_QUERY_NOT_IN_LIST), and an unknown id is PERSISTED_QUERY_NOT_FOUND.
 */
export function useTrustedDocuments(options: TrustedDocumentsOptions) {
  const { documents, only } = options;
  // Documents registered the APQ way (text and hash in one request) when not `only`.
  const registered = new InMemoryLRUCache<string>();
  // Apollo Server prefixes every key of this cache with `apq:`.
  const cache: KeyValueCache<string> = {
    async get(key) {
      const id = key.slice(key.indexOf(':') + 1);
      return documents.get(id) ?? (only ? undefined : registered.get(key));
    },
    async set(key, value) {
      if (only || documents.has(key.slice(key.indexOf(':') + 1))) return;
      await registered.set(key, value);
    },
    async delete(key) {
      return registered.delete(key);
    },
  };

  function prepareOperation(operation: Record<string, unknown>, req: http.IncomingMessage): void {
    const extensions = (operation.extensions && typeof operation.extensions === 'object' ? operation.extensions : {}) as Record<string, unknown>;
    if (typeof operation.documentId === 'string' && operation.query === undefined) {
      const id = operation.documentId.replace(/^sha256:/, '');
      delete operation.documentId;
      operation.extensions = { ...extensions, persistedQuery: { version: 1, sha256Hash: id } };
      return;
    }
    if (!only || typeof operation.query !== 'string' || operation.query === '') return;
    const id = documentId(operation.query);
    if (documents.has(id)) {
      // Known text: run it by its id, so Apollo Server does not hash it again.
      delete operation.query;
      operation.extensions = { ...extensions, persistedQuery: { version: 1, sha256Hash: id } };
      return;
    }
    if (options.mayOperateFreely?.(req)) return;
    throw new RequestRefusal(400, NOT_IN_LIST, 'This gateway runs only its trusted documents: send a document id (`documentId`, or `extensions.persistedQuery.sha256Hash`) from its manifest.');
  }

  return {
    /** Apollo Server's `persistedQueries` option. */
    persistedQueries: { cache },
    /** The kit handler's `prepareOperation`. */
    prepareOperation,
  };
}
