/**
 * `npm start`: runs the four subgraphs and the gateway as separate processes on loopback,
 * with their SQLite stores under DATA_DIR (default `data/`), created, migrated and seeded on
 * first start. A service that crashes later is restarted with backoff while the others keep
 * serving. Ctrl-C or SIGTERM stops all five; if one cannot start, none is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { EXPLORER_TITLES, explorerMode } from '../gateway/src/explorer-mode.ts';
import { dataDir, hostFrom, portFor, SUBGRAPH_NAMES, type ServiceName } from '../packages/kit/src/config.ts';
import { withSeedTime } from './seed-time.ts';
import { SupervisedProcess } from './supervisor.ts';

const root = path.resolve(import.meta.dirname, '..');
const host = hostFrom();
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir(), HOST: host };
const services: { name: ServiceName; entry: string; port: number }[] = [
  ...SUBGRAPH_NAMES.map((name) => ({ name, entry: path.join(root, 'subgraphs', name, 'dist', 'index.js'), port: portFor(name) })),
  { name: 'gateway', entry: path.join(root, 'gateway', 'dist', 'index.js'), port: portFor('gateway') },
];
for (const { name, port } of services) env[`${name.toUpperCase()}_PORT`] = String(port);
for (const name of SUBGRAPH_NAMES) {
  env[`${name.toUpperCase()}_URL`] ??= `http://${host}:${portFor(name)}/graphql`;
}
delete env.PORT;
// Dated before anything loads the seed world (@app/fixtures reads SEED_TIME as it loads).
withSeedTime(env);
process.env.SEED_TIME = env.SEED_TIME;
const { worldName } = await import('../packages/fixtures/src/large.ts');

const supervised = new Map<ServiceName, SupervisedProcess>();
let stopping = false;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Services log JSON (for machines); here a person reads it, so show level, message and a few fields. */
function readable(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof entry.msg !== 'string') return line;
  const { level, time: _time, pid: _pid, hostname: _hostname, name: _name, msg, err, ...rest } = entry;
  const fields = Object.entries(rest).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const cause = err && typeof err === 'object' && 'message' in err && !(err as { message: string }).message.startsWith(String(msg)) ? [`(${(err as { message: string }).message})`] : [];
  return [LEVELS[level as number] ?? String(level), msg, ...cause, ...fields].join(' ');
}

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) out.write(`${name.padEnd(8)} | ${readable(line)}\n`);
  });
}

async function waitForHealth(name: string, port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.signalCode ?? `code ${child.exitCode}`}) while starting (see its output above).`);
    }
    try {
      const response = await fetch(`http://${host}:${port}/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${name} did not become ready on port ${port} within 30 s.`);
}

/** The gateway first, so requests in flight finish against live subgraphs; then the subgraphs. */
async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  await supervised.get('gateway')?.stop();
  await Promise.all([...supervised.entries()].filter(([name]) => name !== 'gateway').map(([, service]) => service.stop()));
  process.exit(exitCode);
}

function supervise(name: ServiceName, entry: string, port: number): SupervisedProcess {
  const service = new SupervisedProcess({
    name,
    spawn: () => {
      const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      prefixLines(name, child.stdout!, process.stdout);
      prefixLines(name, child.stderr!, process.stderr);
      return child;
    },
    ready: (child) => waitForHealth(name, port, child),
    log: (message) => process.stderr.write(`${name.padEnd(8)} | ${message}\n`),
  });
  supervised.set(name, service);
  return service;
}

function onSignal() {
  if (!stopping) {
    void stopAll(0);
    return;
  }
  // A second Ctrl-C while stopping: do not wait for graceful shutdown.
  for (const service of supervised.values()) if (service.pid) process.kill(service.pid, 'SIGKILL');
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const taken = [];
for (const { name, port } of services) if (!(await portIsFree(port))) taken.push(`${port} (${name})`);
if (taken.length > 0) {
  console.error(`Cannot start: port ${taken.join(', ')} is already in use on ${host}. Stop what holds it, or set <SERVICE>_PORT.`);
  process.exit(1);
}

if (worldName(env.SEED_WORLD) === 'large') {
  // Built before any service listens (a store that holds rows is left as it is): minutes, once.
  try {
    const { seedWorld } = await import('./seed-world.ts');
    await seedWorld({ world: 'large', scale: Number(env.SEED_SCALE ?? 1), env, onFull: 'skip', log: (line) => console.log(`seed     | ${line}`) });
  } catch (error) {
    console.error(`Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}

try {
  const subgraphs = services.filter((service) => service.name !== 'gateway');
  await Promise.all(subgraphs.map(({ name, entry, port }) => supervise(name, entry, port).start()));
  const gateway = services.find((service) => service.name === 'gateway')!;
  await supervise('gateway', gateway.entry, gateway.port).start();
} catch (error) {
  console.error(`Cannot start: ${(error as Error).message}`);
  await stopAll(1);
}

const url = `http://localhost:${portFor('gateway')}/`;
const explorer = explorerMode(env);
console.log(`
  The graph is up. Stores: ${env.DATA_DIR}
  ${explorer === 'off' ? `Explorer:        off${env.NODE_ENV === 'production' ? ' (production)' : ''}` : `Explorer:        ${url}  ${EXPLORER_TITLES[explorer]}`}
  GraphQL:         ${url}graphql   (subscriptions: ws://localhost:${portFor('gateway')}/graphql, or SSE)
${explorer === 'off' ? '' : `  LIVE room page:  ${url}examples/live\n`}  Subgraphs:       ${services
    .filter((s) => s.name !== 'gateway')
    .map((s) => `${s.name} :${s.port} (pid ${supervised.get(s.name)?.pid})`)
    .join(', ')}
  A service that crashes is restarted; Ctrl-C stops all five.
`);
