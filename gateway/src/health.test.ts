import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, type Route, type RunningHttpServer } from '@app/kit/http';
import { subgraphReadiness, useHealth, type SubgraphHealth } from './health.ts';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Serves one route on loopback, 404 for what it does not answer. */
async function serveRoute(route: Route): Promise<RunningHttpServer> {
  const server = await listen(
    async (req, res) => {
      if (!(await route(req, res))) res.writeHead(404).end();
    },
    0,
    '127.0.0.1',
  );
  servers.push(server);
  return server;
}

/** A subgraph's `/ready` on loopback that answers `state()` and counts probes. */
async function subgraphReady(state: () => number) {
  let probes = 0;
  const server = http.createServer((req, res) => {
    probes++;
    res.writeHead(req.url === '/ready' ? state() : 404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, probes: () => probes };
}

describe('/health and /ready', () => {
  it('say the process is up, and whether the supergraph is loaded and every subgraph ready', async () => {
    let loaded = false;
    let states: SubgraphHealth = { users: 'up', content: 'up' };
    const server = await serveRoute(useHealth({ loaded: () => loaded, subgraphs: async () => states }));
    const get = async (path: string) => {
      const response = await fetch(`${server.url}${path}`);
      return { status: response.status, body: (await response.json()) as any };
    };
    expect(await get('health')).toEqual({ status: 200, body: { status: 'ok', service: 'gateway' } });
    expect(await get('ready')).toMatchObject({ status: 503, body: { status: 'unavailable', supergraphLoaded: false } });
    loaded = true;
    expect(await get('ready')).toEqual({ status: 200, body: { status: 'ok', supergraphLoaded: true, subgraphs: states } });
    states = { users: 'up', content: 'down' };
    expect(await get('ready')).toMatchObject({ status: 503, body: { subgraphs: { content: 'down' } } });
    expect((await fetch(`${server.url}health`, { method: 'POST' })).status).toBe(404);
  });

  it("says 503 while the gateway's own store does not answer, and 200 once it does", async () => {
    let storeUp = false;
    const server = await serveRoute(useHealth({ loaded: () => true, subgraphs: async () => ({ users: 'up' }), store: async () => storeUp }));
    const ready = async () => {
      const response = await fetch(`${server.url}ready`);
      return { status: response.status, body: (await response.json()) as any };
    };
    expect(await ready()).toEqual({ status: 503, body: { status: 'unavailable', supergraphLoaded: true, store: 'down', subgraphs: { users: 'up' } } });
    expect((await fetch(`${server.url}health`)).status).toBe(200);
    storeUp = true;
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ok', store: 'up' } });
  });

  it('stays 200 but says degraded while Redis (the shared cache and buckets) does not answer', async () => {
    let redisUp = false;
    const server = await serveRoute(useHealth({ loaded: () => true, subgraphs: async () => ({ users: 'up' }), shared: async () => redisUp }));
    const ready = async () => {
      const response = await fetch(`${server.url}ready`);
      return { status: response.status, body: (await response.json()) as any };
    };
    expect(await ready()).toEqual({ status: 200, body: { status: 'degraded', supergraphLoaded: true, redis: 'down', subgraphs: { users: 'up' } } });
    redisUp = true;
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', supergraphLoaded: true, redis: 'up', subgraphs: { users: 'up' } } });
  });
});

describe('subgraph readiness', () => {
  it('asks each subgraph\'s /ready, calls one that fails or is not there down, and asks at most once a second', async () => {
    let usersStatus = 200;
    const users = await subgraphReady(() => usersStatus);
    const readiness = subgraphReadiness({ users: users.url, content: 'http://127.0.0.1:1/graphql', gifts: users.url, commerce: users.url }, 500);
    expect(await readiness()).toEqual({ users: 'up', content: 'down', gifts: 'up', commerce: 'up' });
    const probes = users.probes();
    usersStatus = 503;
    await Promise.all([readiness(), readiness(), readiness()]);
    expect(users.probes()).toBe(probes);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await readiness()).users).toBe('down');
  });
});
