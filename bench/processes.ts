/**
 * The processes the bench runs and what it reads from them: CPU time and memory from /proc,
 * SQL statements and GraphQL requests from the subgraphs' /metrics.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export class Processes {
  readonly byName = new Map<string, ChildProcess>();
  private stopping = false;

  constructor(private readonly cwd: string) {}

  start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, args, { cwd: this.cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
    child.once('exit', (code) => {
      if (code && !this.stopping) console.error(`${name} exited with ${code}:\n${errors.slice(-2000)}`);
    });
    this.byName.set(name, child);
    return child;
  }

  pid(name: string): number {
    const pid = this.byName.get(name)?.pid;
    if (!pid) throw new Error(`${name} is not running`);
    return pid;
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.byName.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            // A child stopped by a signal (a profiled one, stopped early to write its profile) has no exit code.
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  }
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok || response.status === 400) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** User and system (kernel: sockets, for a gateway) CPU of a process so far, in milliseconds, from /proc. */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(fields[11]) * 1000) / CLOCK_TICKS, system: (Number(fields[12]) * 1000) / CLOCK_TICKS };
}

/** The processes a process has started, and theirs (a server that forks workers), from /proc. */
export function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      children.push(...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    }
  } catch {
    children = [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/** User + system CPU of a process and of every process it started that still runs, in milliseconds. */
export function cpuMs(pid: number): number {
  let total = 0;
  for (const each of [pid, ...descendantsOf(pid)]) {
    try {
      const { user, system } = cpuSplitMs(each);
      total += user + system;
    } catch {
      // It ended between the listing and the reading.
    }
  }
  return total;
}

export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

/** SQL statements and GraphQL requests the subgraphs have served so far, summed over all of them. */
export async function subgraphCounters(ports: number[]): Promise<{ statements: number; requests: number }> {
  let statements = 0;
  let requests = 0;
  for (const port of ports) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    statements += Number(/^sql_statements_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
    for (const match of text.matchAll(/^graphql_requests_total(?:\{[^}]*\})? (\d+)/gm)) requests += Number(match[1]);
  }
  return { statements, requests };
}

/**
 * Entity cache lookups our gateway has answered (`hit`) or not so far, and requests its response
 * cache answered or not; zeros where there is no such metric (stock).
 */
export async function entityCacheCounters(graphqlUrl: string): Promise<{ hits: number; misses: number; responseHits: number; responseMisses: number }> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  const text = response.ok ? await response.text() : '';
  let hits = 0;
  let misses = 0;
  for (const match of text.matchAll(/^entity_cache_lookups_total\{([^}]*)\} (\d+)/gm)) {
    if (match[1]!.includes('outcome="hit"')) hits += Number(match[2]);
    else misses += Number(match[2]);
  }
  const responses = (outcome: string) => Number(new RegExp(`^response_cache_lookups_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { hits, misses, responseHits: responses('hit'), responseMisses: responses('miss') };
}
