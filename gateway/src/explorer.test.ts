import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerMode } from './explorer-mode.ts';
import { explorerFor } from './explorer.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'explorer-pages-'));

beforeAll(() => {
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'explorer.html'), '<!doctype html><title>explorer</title>');
  writeFileSync(path.join(root, 'live.html'), '<!doctype html><title>live room</title>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a browser navigating to each path gets from the mode's routes: the page's title, or nothing. */
async function pagesServed(mode: ExplorerMode): Promise<Record<string, string | null>> {
  const { routes } = explorerFor(mode, { root });
  const server = http.createServer(async (req, res) => {
    for (const route of routes) if (await route(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const served: Record<string, string | null> = {};
    for (const pathname of ['/', '/graphql', '/examples/live']) {
      const response = await fetch(base + pathname, { headers: { accept: 'text/html' } });
      served[pathname] = response.status === 200 ? (/<title>(.*)<\/title>/.exec(await response.text())?.[1] ?? null) : null;
    }
    return served;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('explorerFor', () => {
  it('serves the GraphiQL explorer at / and /graphql and the LIVE room at /examples/live', async () => {
    expect(await pagesServed('graphiql')).toEqual({ '/': 'explorer', '/graphql': 'explorer', '/examples/live': 'live room' });
  });

  it('with Sandbox, leaves / and /graphql to Apollo’s landing page and still serves the LIVE room', async () => {
    expect(await pagesServed('sandbox')).toEqual({ '/': null, '/graphql': null, '/examples/live': 'live room' });
  });

  it('serves no page when off (as in production)', async () => {
    expect(await pagesServed('off')).toEqual({ '/': null, '/graphql': null, '/examples/live': null });
  });
});
