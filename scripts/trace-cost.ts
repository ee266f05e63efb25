/**
 * What tracing costs, off and on (`npx tsx scripts/trace-cost.ts [--seconds 10] [--rounds 2]
 * [--connections 16]`; the services must be built).
 *
 * 1. Off, per hook: each tracing hook a request passes through, timed (a million calls each):
 *    what tracing costs a process that does not trace.
 * 2. The graph as five processes with the entity and response caches off (every request is
 *    planned and fetched from two subgraphs, the most spans a request makes), driven by
 *    autocannon with one query: tracing off, on (OTLP/HTTP to a receiver here that counts spans
 *    and drops them; a queue large enough that none is dropped) and on with 1 % of traces
 *    sampled (`OTEL_TRACES_SAMPLER=parentbased_traceidratio`), in turn, `--rounds` times:
 *    requests per second, latency, CPU per request of the gateway and of all five services,
 *    spans per request (fewer than a request's fetches make: identical reads in flight share one
 *    subgraph request). The machine's other load moves every figure: read medians and ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { injectTraceHeaders, inSpan, startSpan, tracedStatements, tracingOn } from '../packages/kit/src/tracing.ts';
import { freePorts } from '../test/stack.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '2' }, connections: { type: 'string', default: '16' } } });
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);
const root = path.resolve(import.meta.dirname, '..');
const SERVICES = ['users', 'content', 'gifts', 'commerce', 'gateway'] as const;
const QUERY = JSON.stringify({ query: 'query TraceCost { feed(first: 10) { edges { node { id caption likeCount creator { handle displayName } } } } }', operationName: 'TraceCost' });

// ---- 1. The hooks, off ------------------------------------------------------------------------

function nsPerCall(run: () => unknown, calls = 1_000_000): number {
  for (let i = 0; i < 10_000; i++) run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) run();
  return Number(process.hrtime.bigint() - started) / calls;
}

function hooksOff() {
  if (tracingOn()) throw new Error('tracing must be off here');
  let n = 0;
  const work = () => (n += 1);
  const options = {};
  const headers: Record<string, string> = {};
  const statements = () => ({ videosByIds: work });
  const median = (run: () => unknown) => [0, 1, 2, 3, 4].map(() => nsPerCall(run)).sort((a, b) => a - b)[2]!;
  const direct = median(work);
  const rows = [
    ['inSpan (subgraph request, LIVE event): extra over calling it', median(() => inSpan('x', options, work)) - direct],
    ['startSpan (entity/response cache lookup)', median(() => startSpan('x')?.end())],
    ['injectTraceHeaders (subgraph request)', median(() => injectTraceHeaders(headers))],
  ] as const;
  // Statements and root resolvers are not wrapped at all when off: the same functions.
  if (tracedStatements(statements, 'sqlite') !== statements) throw new Error('statements wrapped while tracing is off');
  console.log(`\nTracing off: each hook per call (median of 5 runs of 1M calls; calling the wrapped function directly: ${direct.toFixed(1)} ns)`);
  for (const [name, ns] of rows) console.log(`  ${name.padEnd(64)} ${ns.toFixed(1).padStart(6)} ns`);
  console.log('  statements (tracedStatements) and root fields (traceRootFields)             0 ns: left as they are');
}

// ---- 2. The graph, off and on -----------------------------------------------------------------

/** An OTLP/HTTP receiver that counts the spans it is sent and keeps nothing. */
async function startSink() {
  let spans = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      spans += text.split('"spanId"').length - 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans: () => spans, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Tracing off, on (every trace), or on with 1 % of traces sampled. */
type Mode = 'off' | 'on' | 'on, 1% sampled';
const MODES: Mode[] = ['off', 'on', 'on, 1% sampled'];

async function startGraph(mode: Mode, sink: string) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trace-cost-'));
  const free = await freePorts(SERVICES.length);
  const ports = Object.fromEntries(SERVICES.map((service, i) => [service, free[i]!])) as Record<(typeof SERVICES)[number], number>;
  const unlimited = { max: 1e9, restoreRate: 1e9 };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ENTITY_CACHE: 'off',
    RESPONSE_CACHE: 'off',
    RATE_LIMIT_TIERS: JSON.stringify({ anonymous: unlimited, user: unlimited, partner: { standard: unlimited } }),
    // A queue that holds what a busy second makes, exported each second: nothing dropped.
    ...(mode !== 'off' ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink, OTEL_BSP_MAX_QUEUE_SIZE: '100000', OTEL_BSP_SCHEDULE_DELAY: '1000' } : {}),
    ...(mode === 'on, 1% sampled' ? { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.01' } : {}),
  };
  if (mode === 'off') delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
  for (const service of SERVICES) env[`${service.toUpperCase()}_PORT`] = String(ports[service]);
  for (const service of SERVICES) if (service !== 'gateway') env[`${service.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[service]}/graphql`;
  const children = new Map<string, ChildProcess>();
  const entry = (service: string) => path.join(root, service === 'gateway' ? 'gateway' : path.join('subgraphs', service), 'dist', 'index.js');
  for (const service of SERVICES) {
    const child = spawn(process.execPath, [entry(service)], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    children.set(service, child);
    for (let waited = 0; ; waited += 100) {
      if (waited > 60_000) throw new Error(`${service} did not start`);
      try {
        if ((await fetch(`http://127.0.0.1:${ports[service]}/${service === 'gateway' ? 'health' : 'ready'}`)).ok) break;
      } catch {
        // not yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url: `http://127.0.0.1:${ports.gateway}/graphql`,
    cpu: () => Object.fromEntries([...children].map(([service, child]) => [service, cpuMs(child.pid!)])),
    async stop() {
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Round {
  mode: Mode;
  rps: number;
  p50: number;
  p99: number;
  gatewayCpuMs: number;
  allCpuMs: number;
  spansPerRequest: number;
  errors: number;
}

async function round(mode: Mode, sink: Awaited<ReturnType<typeof startSink>>): Promise<Round> {
  const graph = await startGraph(mode, sink.url);
  try {
    const drive = (duration: number) =>
      autocannon({ url: graph.url, method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY, connections: CONNECTIONS, duration });
    await drive(2); // warm up: plans, prepared statements, JIT
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const spansBefore = sink.spans();
    const before = graph.cpu();
    const result = await drive(SECONDS);
    const after = graph.cpu();
    // Let the batch processors export what they still hold.
    if (mode !== 'off') await new Promise((resolve) => setTimeout(resolve, 3_000));
    const requests = result.requests.total;
    const spent = (service: string) => after[service]! - before[service]!;
    return {
      mode,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      gatewayCpuMs: spent('gateway') / requests,
      allCpuMs: SERVICES.reduce((sum, service) => sum + spent(service), 0) / requests,
      spansPerRequest: (sink.spans() - spansBefore) / requests,
      errors: result.errors + result.non2xx,
    };
  } finally {
    await graph.stop();
  }
}

hooksOff();
const sink = await startSink();
const rounds: Round[] = [];
for (let i = 0; i < ROUNDS; i++) {
  for (const mode of MODES) {
    const done = await round(mode, sink);
    rounds.push(done);
    console.log(`  round ${i + 1}, tracing ${mode}: ${done.rps.toFixed(0)} rps, p50 ${done.p50} ms, p99 ${done.p99} ms, gateway ${done.gatewayCpuMs.toFixed(2)} CPU ms/req, all services ${done.allCpuMs.toFixed(2)}, ${done.spansPerRequest.toFixed(1)} spans/req, ${done.errors} errors`);
  }
}
await sink.close();
const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const summary = (mode: Mode) => {
  const of = rounds.filter((r) => r.mode === mode);
  return { rps: median(of.map((r) => r.rps)), p99: median(of.map((r) => r.p99)), gateway: median(of.map((r) => r.gatewayCpuMs)), all: median(of.map((r) => r.allCpuMs)), spans: median(of.map((r) => r.spansPerRequest)) };
};
const off = summary('off');
console.log(`\nThe graph, caches off, ${CONNECTIONS} connections, ${SECONDS} s, median of ${ROUNDS} rounds each:`);
console.log('  tracing        | rps    | p99 ms | gateway CPU ms/req | all services CPU ms/req | spans/req | CPU / off (gateway, all)');
for (const mode of MODES) {
  const s = summary(mode);
  console.log(
    `  ${mode.padEnd(14)} | ${s.rps.toFixed(0).padStart(6)} | ${String(s.p99).padStart(6)} | ${s.gateway.toFixed(2).padStart(18)} | ${s.all.toFixed(2).padStart(23)} | ${s.spans.toFixed(1).padStart(9)} | ×${(s.gateway / off.gateway).toFixed(2)}, ×${(s.all / off.all).toFixed(2)}`,
  );
}
