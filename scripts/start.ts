/**
 * `npm start`: runs the four subgraphs and the gateway as separate processes on loopback,
 * with their SQLite stores under DATA_DIR (default `data/`), created, migrated and seeded on
 * first start. Ctrl-C or SIGTERM stops all five; if one cannot start, none is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { dataDir, hostFrom, portFor, SUBGRAPH_NAMES, type ServiceName } from '../packages/kit/src/config.ts';

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

const children = new Map<ServiceName, ChildProcess>();
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
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting (see its output above).`);
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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The gateway first, so requests in flight finish against live subgraphs; then the subgraphs. */
async function stopAll(exitCode: number): Promise<never> {
  stopping = true;
  const gateway = children.get('gateway');
  if (gateway) await stopChild(gateway);
  await Promise.all([...children.entries()].filter(([name]) => name !== 'gateway').map(([, child]) => stopChild(child)));
  process.exit(exitCode);
}

function startService(name: ServiceName, entry: string): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.set(name, child);
  prefixLines(name, child.stdout!, process.stdout);
  prefixLines(name, child.stderr!, process.stderr);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others.`);
    void stopAll(1);
  });
  return child;
}

process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

const taken = [];
for (const { name, port } of services) if (!(await portIsFree(port))) taken.push(`${port} (${name})`);
if (taken.length > 0) {
  console.error(`Cannot start: port ${taken.join(', ')} is already in use on ${host}. Stop what holds it, or set <SERVICE>_PORT.`);
  process.exit(1);
}

try {
  const subgraphs = services.filter((service) => service.name !== 'gateway');
  await Promise.all(subgraphs.map(({ name, entry, port }) => waitForHealth(name, port, startService(name, entry))));
  const gateway = services.find((service) => service.name === 'gateway')!;
  await waitForHealth('gateway', gateway.port, startService('gateway', gateway.entry));
} catch (error) {
  console.error(`Cannot start: ${(error as Error).message}`);
  await stopAll(1);
}

const url = `http://localhost:${portFor('gateway')}/`;
console.log(`
  The graph is up. Stores: ${env.DATA_DIR}
  Apollo Sandbox:  ${url}
  GraphQL:         ${url}graphql
  Subgraphs:       ${services
    .filter((s) => s.name !== 'gateway')
    .map((s) => `${s.name} :${s.port}`)
    .join(', ')}
  Ctrl-C stops all five.
`);
