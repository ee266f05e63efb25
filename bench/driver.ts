/**
 * The load driver of the `varied`, `signed-in` and `varied + writes` cases, run in its own
 * process so it never shares an event loop with what it measures. A fixed number of workers
 * each send one request at a time on an undici pool (a closed loop, like autocannon's
 * connections; or, with `ratePerSecond`, each at its share of a fixed rate, so two runs compare at
 * the same load whatever their latency): every request picks a random operation and is checked against its reference
 * answer; with `writes`, a share of iterations write instead and read their write back, and
 * another share read written entities while the writes run (`Writer.watchRead`).
 *
 * Reads its case from the JSON file named in argv; prints `{"event":"start"}` when the load
 * starts and one JSON result line when it ends.
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { answersWith } from './answers.ts';
import type { DocumentMode } from './documents.ts';
import { type WritesSpec, type WriteState, Writer } from './writes.ts';

export interface DriverRead {
  name: string;
  /** The request body, ready to send. */
  body: string;
  /** JSON of the answer's `data`, exactly. */
  expect: string;
  /** A fixed credential (a viewer's own screens); else a random one of `tokens`, or none. */
  token?: string;
}

export interface DriverCase {
  url: string;
  concurrency: number;
  durationSeconds: number;
  reads: DriverRead[];
  /** Signed-in public screens: each request carries one of these bearer tokens, at random. */
  tokens?: string[];
  writes?: { spec: WritesSpec; state: WriteState; keyPrefix: string };
  /** How writes and read-backs send their operations (the reads' bodies are ready-made). */
  documents: DocumentMode;
  /**
   * Requests a second offered in all (BENCH_RATE), split evenly over the workers; each still sends
   * one at a time, so a worker behind its schedule sends its next at once. Absent: a closed loop.
   */
  ratePerSecond?: number;
}

export interface DriverResult {
  requests: number;
  writes: number;
  /** Reads of written entities racing the writes. */
  watchedReads: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Every failed request: transport errors, non-200s, GraphQL errors, wrong answers, stale read-backs. */
  errors: number;
  wrongAnswers: number;
  staleReads: number;
  firstFailures: string[];
  /** The reserved entities' state after the run, for the next run to start from. */
  state?: WriteState;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as DriverCase;
const url = new URL(spec.url);
const pool = new Pool(url.origin, { connections: spec.concurrency, pipelining: 1 });
const latencies: number[] = [];
let requests = 0;
let errors = 0;
let wrongAnswers = 0;
let staleReads = 0;
const firstFailures: string[] = [];
const fail = (what: string) => {
  if (firstFailures.length < 5) firstFailures.push(what.slice(0, 400));
};

async function exchange(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const started = performance.now();
  const response = await pool.request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.body.text();
  latencies.push(performance.now() - started);
  requests++;
  return { status: response.statusCode, text };
}

// Idempotency keys unique to this run: a key seen before would replay its first write and change nothing.
const writer = spec.writes ? new Writer(spec.writes.spec, spec.writes.state, exchange, `${spec.writes.keyPrefix}-${process.pid}-${Date.now()}`, spec.documents) : null;
const writeShare = spec.writes?.spec.share ?? 0;
const watchShare = spec.writes?.spec.watchShare ?? 0;
const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function read(): Promise<void> {
  const operation = pick(spec.reads);
  const token = operation.token ?? (spec.tokens?.length ? pick(spec.tokens) : undefined);
  let answer: { status: number; text: string };
  try {
    answer = await exchange(operation.body, token ? { authorization: `Bearer ${token}` } : {});
  } catch (error) {
    errors++;
    fail(`${operation.name}: ${(error as Error).message}`);
    return;
  }
  if (answer.status === 200 && answersWith(answer.text, operation.expect)) return;
  errors++;
  // An answer with data but not the reference's is a wrong answer; one with errors is an error.
  if (answer.status === 200 && answer.text.startsWith('{"data":')) wrongAnswers++;
  fail(`${operation.name}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
}

function counted(report: { failures: string[]; stale: string[] }): void {
  errors += report.failures.length + report.stale.length;
  staleReads += report.stale.length;
  for (const failure of [...report.failures, ...report.stale]) fail(failure);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function worker(deadline: number, index: number): Promise<void> {
  // Paced: this worker's turns are `interval` apart, the workers' turns spread over one interval.
  const interval = spec.ratePerSecond ? (spec.concurrency * 1000) / spec.ratePerSecond : 0;
  let turn = performance.now() + (interval * index) / spec.concurrency;
  while (performance.now() < deadline) {
    if (interval > 0) {
      const wait = turn - performance.now();
      if (wait > 0) await sleep(wait);
      turn = Math.max(turn + interval, performance.now());
      if (performance.now() >= deadline) break;
    }
    const dice = Math.random();
    if (writer && dice < writeShare) {
      const report = await writer.tryWrite();
      if (report) {
        counted(report);
        continue;
      }
    } else if (writer && dice < writeShare + watchShare) {
      counted(await writer.watchRead());
      continue;
    }
    await read();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

process.stdout.write(`${JSON.stringify({ event: 'start' })}\n`);
const started = performance.now();
const deadline = started + spec.durationSeconds * 1000;
await Promise.all(Array.from({ length: spec.concurrency }, (_, index) => worker(deadline, index)));
const elapsedSeconds = (performance.now() - started) / 1000;
await pool.close();
const sorted = latencies.sort((a, b) => a - b);
const result: DriverResult = {
  requests,
  writes: writer?.writes ?? 0,
  watchedReads: writer?.watchedReads ?? 0,
  rps: requests / elapsedSeconds,
  p50Ms: round(percentile(sorted, 50)),
  p95Ms: round(percentile(sorted, 95)),
  p99Ms: round(percentile(sorted, 99)),
  errors,
  wrongAnswers,
  staleReads,
  firstFailures,
  ...(writer ? { state: writer.state } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
