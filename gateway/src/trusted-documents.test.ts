import type http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphQLHandler, listen } from '@app/kit/http';
import { createLogger } from '@app/kit/log';
import { documentId, NOT_IN_LIST, readTrustedDocuments, useTrustedDocuments } from './trusted-documents.ts';

const FEED = 'query Feed { feed }';
const ECHO = 'query Echo($text: String!) { echo(text: $text) }';
const documents = new Map([FEED, ECHO].map((text) => [documentId(text), text]));

/** A GraphQL server behind the kit's handler, with trusted documents as the gateway wires them. */
async function serve(only: boolean, partner = false) {
  let parses = 0;
  const trusted = useTrustedDocuments({ documents, only, mayOperateFreely: (req: http.IncomingMessage) => partner && req.headers['x-api-key'] === 'partner' });
  const server = new ApolloServer({
    typeDefs: 'type Query { feed: String, echo(text: String!): String, other: String }',
    resolvers: { Query: { feed: () => 'videos', echo: (_: unknown, { text }: { text: string }) => text, other: () => 'other' } },
    persistedQueries: trusted.persistedQueries,
    plugins: [{ requestDidStart: async () => ({ parsingDidStart: async () => void parses++ }) }],
  });
  await server.start();
  const running = await listen(graphQLHandler({ server, context: async () => ({}), prepareOperation: trusted.prepareOperation, logger: createLogger('test', { level: 'silent' }) }), 0, '127.0.0.1');
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  };
  return { post, parses: () => parses, url: running.url, close: async () => (await running.close(), await server.stop()) };
}

const byHash = (text: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: documentId(text) } } });

describe('trusted documents', () => {
  let open: Awaited<ReturnType<typeof serve>>;
  let strict: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    open = await serve(false);
    strict = await serve(true, true);
  });
  afterAll(async () => {
    await open?.close();
    await strict?.close();
  });

  it('run a manifest document named by its APQ hash or by documentId, parsed once however often it is named', async () => {
    expect((await open.post(byHash(ECHO, { text: 'hi' }))).body).toEqual({ data: { echo: 'hi' } });
    expect((await open.post({ documentId: documentId(ECHO), variables: { text: 'again' } })).body).toEqual({ data: { echo: 'again' } });
    expect((await open.post({ documentId: `sha256:${documentId(FEED)}` })).body).toEqual({ data: { feed: 'videos' } });
    const parsed = open.parses();
    for (let i = 0; i < 3; i++) await open.post(byHash(ECHO, { text: `${i}` }));
    expect(open.parses()).toBe(parsed);
  });

  it('leave free text and ordinary APQ registration working when not restricted, and an unknown id is PERSISTED_QUERY_NOT_FOUND', async () => {
    expect((await open.post({ query: '{ other }' })).body).toEqual({ data: { other: 'other' } });
    expect((await open.post(byHash('{ other }'))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Apollo Server checks a registration's hash against the text: ids are the hash APQ clients send.
    expect((await open.post({ query: '{ other }', ...byHash('{ other }') })).body).toEqual({ data: { other: 'other' } });
    expect((await open.post(byHash('{ other }'))).body).toEqual({ data: { other: 'other' } });
  });

  it('with TRUSTED_DOCUMENTS_ONLY, refuse free text outside the manifest before parsing it, and register nothing', async () => {
    const parsed = strict.parses();
    const refused = await strict.post({ query: '{ other }' });
    expect(refused).toEqual({ status: 400, body: { errors: [{ message: expect.stringContaining('trusted documents'), extensions: { code: NOT_IN_LIST } }] } });
    expect(strict.parses()).toBe(parsed);
    expect((await strict.post({ query: '{ other }', ...byHash('{ other }') })).status).toBe(400);
    expect((await strict.post(byHash('{ other }'))).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // The manifest's own text is accepted (it is run by its id), and so are ids.
    expect((await strict.post({ query: FEED })).body).toEqual({ data: { feed: 'videos' } });
    expect((await strict.post(byHash(ECHO, { text: 'ok' }))).body).toEqual({ data: { echo: 'ok' } });
    // GET is held to the same rule.
    const get = await fetch(`${strict.url}graphql?query=${encodeURIComponent('{ other }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
  });

  it('let a caller allowed to operate freely (a partner key) send its own operations', async () => {
    expect((await strict.post({ query: '{ other }' }, { 'x-api-key': 'partner' })).body).toEqual({ data: { other: 'other' } });
  });
});

describe('the manifest', () => {
  it('is a JSON map of SHA-256 id to text; a wrong id is refused, a missing file is empty', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trusted-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ [documentId(FEED)]: FEED }));
    expect(readTrustedDocuments(good)).toEqual(new Map([[documentId(FEED), FEED]]));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ [documentId(FEED)]: ECHO }));
    expect(() => readTrustedDocuments(bad)).toThrow(/not the SHA-256 of its text/);
    expect(readTrustedDocuments(path.join(dir, 'none.json')).size).toBe(0);
  });
});
