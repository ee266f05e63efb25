import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRecorder } from './changes.ts';
import { createLogger } from './log.ts';
import { storeAnswers, subgraphService, viewerReader, type RunningSubgraph, type SubgraphContext } from './subgraph.ts';
import { NonceGuard, signViewer, type Viewer } from './viewer.ts';

const secret = 'kit-test-secret-0123456789abcdef0123456789';
const request = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '127.0.0.1' } }) as unknown as http.IncomingMessage;
const read = viewerReader({ secret, audience: 'users', nonces: new NonceGuard() }, createLogger('test', { level: 'silent' }));

describe('the viewer a subgraph reads', () => {
  it('is anonymous without the gateway\'s headers, with the request id the gateway sent when it is plain', async () => {
    expect(await read(request({ 'x-request-id': 'req-42' }), '{}')).toEqual({ userId: null, partnerId: null, keyId: null, scopes: [], country: null, requestId: 'req-42' });
    expect((await read(request({ 'x-request-id': 'no spaces or <tags> allowed' }), '{}')).requestId).not.toContain(' ');
    expect((await read(request({}), '{}')).requestId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is the signed viewer when the signature holds for the body and this subgraph, and anonymous when it does not', async () => {
    const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'req-1' };
    const body = '{"query":"{ me { id } }"}';
    expect(await read(request(signViewer(viewer, body, secret, 'users')), body)).toEqual(viewer);
    expect((await read(request({ ...signViewer(viewer, body, secret, 'users'), 'x-request-id': 'req-1' }), `${body} `)).userId).toBeNull();
    expect((await read(request(signViewer(viewer, body, secret, 'gifts')), body)).userId).toBeNull();
  });
});

describe('a subgraph whose database does not answer', () => {
  /** What node-postgres throws through Drizzle for a server that is down: the statement and the address in the message. */
  const outage = () => new Error('Failed query: select "id" from "users" where "id" = $1', { cause: Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' }) });
  const failingNonces = { accept: async (): Promise<boolean> => Promise.reject(outage()) };
  const service = subgraphService<unknown, SubgraphContext>({
    name: 'users',
    typeDefs: 'type Query { fromStore: String  plain: String  broken: String }',
    resolvers: {
      Query: {
        fromStore: () => Promise.reject(outage()),
        plain: () => 'fine',
        broken: () => Promise.reject(new Error('select * from secrets failed: syntax error')),
      },
    },
    createContext: (_store, viewer) => ({ viewer, changed: changeRecorder() }),
  });
  let running: RunningSubgraph;
  let databaseAnswers = false;
  beforeAll(async () => {
    running = await service.serve(
      {},
      { port: 0, host: '127.0.0.1', logger: createLogger('test', { level: 'silent' }), internalSecret: secret, nonces: failingNonces, ready: async () => databaseAnswers },
    );
  });
  afterAll(() => running?.stop());

  const post = async (query: string, headers: Record<string, string> = {}) => {
    const body = JSON.stringify({ query });
    const response = await fetch(`${running.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, text: await response.text() };
  };

  it('answers what needed it with SERVICE_UNAVAILABLE, without the statement or the address, and the rest as usual', async () => {
    const { status, text } = await post('{ fromStore plain broken }');
    expect(status).toBe(200);
    const body = JSON.parse(text) as { data: Record<string, unknown>; errors: { path: string[]; message: string; extensions: { code: string } }[] };
    expect(body.data).toEqual({ fromStore: null, plain: 'fine', broken: null });
    expect(body.errors.find((error) => error.path[0] === 'fromStore')).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'users' }, message: expect.stringContaining('cannot reach its database') });
    // A statement that fails on a working server is still a bug, masked as one.
    expect(body.errors.find((error) => error.path[0] === 'broken')).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(text).not.toMatch(/10\.1\.2\.3|5432|select|ECONNREFUSED/);
  });

  it('refuses a signed viewer it cannot check for replay with 503 SERVICE_UNAVAILABLE, and still serves an anonymous one', async () => {
    const viewer: Viewer = { userId: 'usr_1', partnerId: null, keyId: null, scopes: [], country: 'US', requestId: 'req-1' };
    const body = JSON.stringify({ query: '{ plain }' });
    const response = await fetch(`${running.url}graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...signViewer(viewer, body, secret, 'users') }, body });
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    expect(text).not.toMatch(/10\.1\.2\.3|ECONNREFUSED|Context creation failed/);
    expect(await post('{ plain }')).toEqual({ status: 200, text: expect.stringContaining('"plain":"fine"') });
  });

  it('says 503 on /ready while the database does not answer, and 200 once it does', async () => {
    databaseAnswers = false;
    expect((await fetch(`${running.url}ready`)).status).toBe(503);
    expect((await fetch(`${running.url}health`)).status).toBe(200);
    databaseAnswers = true;
    expect((await fetch(`${running.url}ready`)).status).toBe(200);
  });
});

describe("a store's readiness", () => {
  it('pings the server at most once a second, and a store without a server always answers', async () => {
    let pings = 0;
    let answers = true;
    const ready = storeAnswers({ ping: async () => (pings++, answers) }, createLogger('test', { level: 'silent' }));
    expect(await Promise.all([ready(), ready()])).toEqual([true, true]);
    answers = false;
    expect(await ready()).toBe(true);
    expect(pings).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect(await ready()).toBe(false);
    expect(await storeAnswers({}, createLogger('test', { level: 'silent' }))()).toBe(true);
  });
});
