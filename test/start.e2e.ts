/**
 * `npm start` as a newcomer runs it: five processes on loopback, stores created and seeded
 * under DATA_DIR, stopped together by SIGTERM; a taken port is named and nothing is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts } from './stack.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'graph-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function startGraph(ports: number[]) {
  const [gateway, users, content, gifts, commerce] = ports as [number, number, number, number, number];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(gateway),
      USERS_PORT: String(users),
      CONTENT_PORT: String(content),
      GIFTS_PORT: String(gifts),
      COMMERCE_PORT: String(commerce),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

function exited(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error('process did not exit in time')), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('npm start', () => {
  it('brings up five processes with seeded stores, and SIGTERM stops them all', async () => {
    const ports = await freePorts(5);
    const run = startGraph(ports);
    try {
      await waitFor(() => run.output().includes('The graph is up') || run.child.exitCode !== null, 45_000);
      expect(run.output()).toContain(`http://localhost:${ports[0]}/`);
      const response = await fetch(`http://127.0.0.1:${ports[0]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ feed(first: 3) { edges { node { id creator { handle } products { id } } } } }' }),
      });
      const body = (await response.json()) as any;
      expect(body.errors).toBeUndefined();
      expect(body.data.feed.edges).toHaveLength(3);
      expect(readdirSync(dataDir).filter((file) => file.endsWith('.db')).sort()).toEqual(['commerce.db', 'content.db', 'gateway.db', 'gifts.db', 'users.db']);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await exited(run.child, 15_000)).toBe(0);
    for (const port of ports) expect(await portIsFree(port), `port ${port}`).toBe(true);
  }, 60_000);

  it('names a taken port, exits non-zero and leaves nothing running', async () => {
    const ports = await freePorts(5);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(ports[2], '127.0.0.1', resolve));
    try {
      const run = startGraph(ports);
      expect(await exited(run.child, 30_000)).not.toBe(0);
      expect(run.output()).toContain(`${ports[2]} (content)`);
      for (const port of ports.filter((port) => port !== ports[2])) expect(await portIsFree(port)).toBe(true);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 40_000);
});
