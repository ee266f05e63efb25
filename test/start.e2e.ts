/**
 * `npm start` as a newcomer runs it: five processes on loopback, stores created and seeded
 * under DATA_DIR, stopped together by SIGTERM; a taken port is named and nothing is left running;
 * a crashed service comes back while the others keep serving.
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

function startGraph(ports: number[], extraEnv: Record<string, string> = {}) {
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
      ...extraEnv,
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

async function query(port: number, body: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: body }),
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** The pid `npm start` prints for a service in its banner. */
function pidIn(output: string, service: string): number {
  const match = new RegExp(`${service} :\\d+ \\(pid (\\d+)\\)`).exec(output);
  if (!match) throw new Error(`no pid for ${service} in:\n${output}`);
  return Number(match[1]);
}

describe('npm start', () => {
  it('brings up five processes with seeded stores, and SIGTERM stops them all', async () => {
    const ports = await freePorts(5);
    const run = startGraph(ports);
    try {
      await waitFor(() => run.output().includes('The graph is up') || run.child.exitCode !== null, 45_000);
      expect(run.output()).toContain(`Explorer:        http://localhost:${ports[0]}/  GraphiQL explorer`);
      const page = await fetch(`http://127.0.0.1:${ports[0]}/`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('GraphiQL');
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

  it('restarts a subgraph killed with SIGKILL while the gateway keeps answering, and still stops cleanly', async () => {
    const ports = await freePorts(5);
    const run = startGraph(ports);
    try {
      await waitFor(() => run.output().includes('The graph is up') || run.child.exitCode !== null, 45_000);
      const giftsPid = pidIn(run.output(), 'gifts');
      const usersPid = pidIn(run.output(), 'users');
      process.kill(giftsPid, 'SIGKILL');
      await waitFor(() => run.output().includes('gifts stopped unexpectedly') || run.child.exitCode !== null, 10_000);
      expect(run.output()).toContain('gifts stopped unexpectedly (killed by SIGKILL); restarting in');
      expect(run.child.exitCode).toBeNull();

      // While gifts is down or coming back, what does not need it is answered in full.
      const profile = await query(ports[0]!, '{ creator(handle: "maya.cooking") { displayName videos(first: 2) { edges { node { caption } } } } }');
      expect(profile.errors).toBeUndefined();
      expect(profile.data.creator.videos.edges).toHaveLength(2);

      await waitFor(() => run.output().includes('gifts is back') || run.child.exitCode !== null, 20_000);
      expect(run.child.exitCode).toBeNull();
      const gifts = await query(ports[0]!, '{ liveGifts { id coinPrice } }');
      expect(gifts.errors).toBeUndefined();
      expect(gifts.data.liveGifts.length).toBeGreaterThan(0);
      // The others were never restarted.
      expect(() => process.kill(usersPid, 0)).not.toThrow();
      expect(() => process.kill(giftsPid, 0)).toThrow();
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await exited(run.child, 15_000)).toBe(0);
    for (const port of ports) expect(await portIsFree(port), `port ${port}`).toBe(true);
  }, 90_000);

  it('in production prints no explorer URL, and the gateway serves no page', async () => {
    const ports = await freePorts(5);
    const run = startGraph(ports, {
      NODE_ENV: 'production',
      INTERNAL_SECRET: 'start-test-internal-secret-0123456789abcdef',
      JWT_SECRET: 'start-test-jwt-secret-0123456789abcdef012345',
      PAYMENTS_PROVIDER: 'test',
      PAYOUTS_PROVIDER: 'test',
      EXPLORER: 'sandbox',
    });
    try {
      await waitFor(() => run.output().includes('The graph is up') || run.child.exitCode !== null, 45_000);
      const banner = run.output().slice(run.output().indexOf('The graph is up'));
      expect(banner).not.toMatch(/sandbox|graphiql/i);
      expect(banner).toContain('Explorer:        off (production)');
      expect(banner).toContain(`GraphQL:         http://localhost:${ports[0]}/graphql`);
      const page = await fetch(`http://127.0.0.1:${ports[0]}/`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await exited(run.child, 15_000)).toBe(0);
  }, 60_000);

});
