/**
 * One load case, run in its own process so the load generator never shares an event loop with
 * what it measures. Reads the case as JSON from argv, drives it with autocannon, checks every
 * response body, and prints one JSON result line.
 */
import autocannon from 'autocannon';
import { answersWith } from './answers.ts';

interface LoadCase {
  url: string;
  /** GraphQL request bodies; a `{{n}}` in one is replaced by a per-request counter (idempotency keys). */
  bodies: string[];
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** The `data` of the one right answer (JSON), when there is one: any other is a wrong answer (bench/answers.ts). */
  expect?: string;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadCase;
let failures = 0;
let wrongAnswers = 0;
let counter = 0;
const firstFailures: string[] = [];

const instance = autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  pipelining: 1,
  requests: spec.bodies.map((body) => ({
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...spec.headers },
    setupRequest: (request: autocannon.Request) => ({ ...request, body: body.includes('{{n}}') ? body.replaceAll('{{n}}', `${process.pid}-${counter++}`) : body }),
    onResponse: (status: number, responseBody: string) => {
      // Any GraphQL error counts as a failure, not only non-2xx answers; so does an answer with other data.
      const wrong = status === 200 && spec.expect !== undefined && !responseBody.includes('"errors"') && !answersWith(responseBody, spec.expect);
      if (wrong) wrongAnswers++;
      if (status !== 200 || responseBody.includes('"errors"') || wrong) {
        failures++;
        if (firstFailures.length < 3) firstFailures.push(responseBody.slice(0, 300));
      }
    },
  })),
}, (error, result) => {
  if (error) throw error;
  report(result);
});

// autocannon reports p97.5 but not p95: keep every latency and take the percentiles exactly.
const latencies: number[] = [];
instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function report(result: autocannon.Result): void {
  const sorted = latencies.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      requests: result.requests.total,
      rps: result.requests.average,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      p99Ms: percentile(sorted, 99),
      non2xx: result.non2xx,
      socketErrors: result.errors + result.timeouts,
      failures,
      wrongAnswers,
      firstFailures,
    })}\n`,
  );
}
