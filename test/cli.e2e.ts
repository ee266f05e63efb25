/**
 * The command-line tools the README sends developers to, run as `npm run …` runs them (tsx, the
 * repository's root as the working directory) against a store of their own.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyStore } from '@app/gateway/src/db/keys.ts';
import { startGraph, TEST_INTERNAL_SECRET, type RunningGraph } from './harness.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'graph-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `scripts/<script>` or any repository path with tsx; resolves with its output, whatever its exit code. */
async function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const merged: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env };
  delete merged.NODE_ENV;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: merged, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run token', () => {
  it('prints a token and says where it goes in the explorer the gateway serves (GraphiQL by default, Sandbox when EXPLORER says so)', async () => {
    const graphiql = await run('scripts/token.ts', ['maya.cooking']);
    expect(graphiql.code).toBe(0);
    expect(graphiql.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(graphiql.stderr).toMatch(/In the explorer \(http:\/\/localhost:4000\/\), open the Headers tab below the editor/);
    expect(graphiql.stderr).not.toMatch(/Sandbox/);

    const sandbox = await run('scripts/token.ts', ['maya.cooking'], { EXPLORER: 'sandbox', GATEWAY_PORT: '4100' });
    expect(sandbox.stderr).toMatch(/In Apollo Sandbox \(http:\/\/localhost:4100\/\), open the Headers panel/);
  }, 90_000);
});

describe('npm run keys', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(() => graph?.stop());

  const brandId = 'brd_XUMDqD4HV8ye'; // Glow Theory Beauty, seeded
  const keysDir = mkdtempSync(path.join(os.tmpdir(), 'graph-keys-'));
  afterAll(() => rmSync(keysDir, { recursive: true, force: true }));
  const store = path.join(keysDir, 'gateway.db');
  const defaultStore = path.join(root, 'data', 'gateway.db');
  const keys = (args: string[], commerceUrl = graph.subgraphUrls.commerce) =>
    run('gateway/src/keys/cli.ts', args, { DATA_DIR: keysDir, COMMERCE_URL: commerceUrl, INTERNAL_SECRET: TEST_INTERNAL_SECRET });
  const defaultStoreState = () => (existsSync(defaultStore) ? statSync(defaultStore).mtimeMs : null);

  it('writes the key where the gateway looks with the same DATA_DIR, says which store, and the key verifies there', async () => {
    const before = defaultStoreState();
    const created = await keys(['create', '--partner', brandId, '--scopes', 'catalog:read']);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain(`Partner keys store: ${store}`);
    expect(created.stdout).toContain(`in ${store} for partner ${brandId}`);
    const secret = /x-api-key: (\S+)/.exec(created.stdout)?.[1] as string;
    expect(secret).toMatch(/^vck_/);
    expect(defaultStoreState()).toBe(before);
    const opened = openKeyStore(store);
    try {
      expect((await opened.verify(secret)).key).toMatchObject({ partnerId: brandId, scopes: ['catalog:read'] });
    } finally {
      await opened.close();
    }
    const listed = await keys(['list']);
    expect(listed.stderr).toContain(`Partner keys store: ${store}`);
    expect(listed.stdout).toContain(brandId);
  }, 90_000);

  it('refuses a partner that is no brand, and says so when commerce cannot be asked; neither writes a key', async () => {
    const unknown = await keys(['create', '--partner', 'brd_nosuchbrand', '--scopes', 'catalog:read']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No brand has the id brd_nosuchbrand: no key was created/);

    // A port that accepts nothing: commerce is not running.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = await keys(['create', '--partner', brandId, '--scopes', 'catalog:read'], `http://127.0.0.1:${port}/graphql`);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`Could not ask the commerce subgraph (http://127.0.0.1:${port}/graphql) whether brand ${brandId} exists, so no key was created`);

    const opened = openKeyStore(store);
    try {
      expect((await opened.list()).map((key) => key.partnerId)).not.toContain('brd_nosuchbrand');
      expect((await opened.list()).filter((key) => key.partnerId === brandId)).toHaveLength(1);
    } finally {
      await opened.close();
    }
  }, 90_000);
});
