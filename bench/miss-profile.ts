/**
 * `npx tsx bench/miss-profile.ts [seconds]`: a CPU profile of the gateway's miss path. Starts the
 * graph in this process (the e2e harness, SQLite in memory) with the entity cache and the
 * response cache off, drives the feed query from a separate load process (`load.ts`), profiles
 * this process while the load runs (V8's profiler through `node:inspector`), and prints where
 * the gateway's own time went, by package and by function: what a lever on the miss path must
 * cut. The subgraphs share the process; their frames are counted apart (`subgraphs`).
 * BENCH_PROFILE_OUT=<file> keeps the `.cpuprofile` for Chrome DevTools. BENCH_PROFILE_HITS=1
 * profiles the hit path instead: both caches on, every request after the first a response-cache hit
 * (no subgraph is asked, so the process's CPU per request is the gateway's alone).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { DEFAULT_ENTITY_CACHE } from '../gateway/src/config.ts';
import { startGraph } from '../test/harness.ts';

const root = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.argv[2] ?? 8);
const FEED = `query Feed { feed(first: 20) { edges { node { id caption publishedAt creator { id handle displayName verified } products { id title price { amount currencyCode } } } } pageInfo { hasNextPage endCursor } } }`;

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function load(url: string, seconds: number): Promise<{ requests: number; rps: number; failures: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'load.ts'), JSON.stringify({ url, bodies: [JSON.stringify({ query: FEED })], connections: 8, durationSeconds: seconds })], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`load exited with ${code}`))));
  });
}

/** Which part of the stack a frame belongs to. */
function bucketOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  if (url.includes('/subgraphs/')) return 'subgraphs';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/gateway/src/')) return `gateway/src/${url.split('/gateway/src/')[1]}`;
  if (url.includes('/packages/kit/')) return 'kit';
  if (url.startsWith('node:')) return url;
  return path.basename(url);
}

const HITS = process.env.BENCH_PROFILE_HITS === '1';
const graph = await startGraph(HITS ? {} : { gateway: { entityCache: { ...DEFAULT_ENTITY_CACHE, store: 'off' } } });
try {
  const url = `${graph.url}graphql`;
  await load(url, 2);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const cpuBefore = process.cpuUsage();
  const result = await load(url, SECONDS);
  const cpu = process.cpuUsage(cpuBefore);
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
    total += us;
    const bucket = bucketOf(frame.url);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${bucket}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const requests = Math.max(1, result.requests);
  const perRequest = (us: number) => (us / 1000 / requests).toFixed(3);
  console.log(`feed, ${HITS ? 'response cache hits' : 'entity cache off'}: ${result.requests} requests, ${Math.round(result.rps)} rps, ${result.failures} failures; process CPU ${((cpu.user + cpu.system) / 1000 / requests).toFixed(3)} ms/request (gateway and subgraphs)`);
  console.log('\nself time by part, ms per request:');
  for (const [bucket, us] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${perRequest(us).padStart(7)}  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${bucket}`);
  console.log('\ntop functions (self), ms per request:');
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${perRequest(us).padStart(7)}  ${name}`);
} finally {
  await graph.stop();
}
