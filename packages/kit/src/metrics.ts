import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Route } from './http.ts';

/** A subgraph's Prometheus metrics: its SQL and its GraphQL requests, on a registry of its own. */
export function createSubgraphMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const statements = new Counter({ name: 'sql_statements_total', help: 'SQL statements executed.', registers: [registry] });
  const commits = new Counter({ name: 'sql_commits_total', help: 'Commits of the SQLite store (each one sync of its log on a store that holds value).', registers: [registry] });
  const committed = new Counter({ name: 'sql_committed_transactions_total', help: 'Transactions those commits made durable: several per commit when they waited in line together.', registers: [registry] });
  const retries = new Counter({
    name: 'sql_transaction_retries_total',
    help: 'Transactions of the Postgres store run again after a serialization failure or deadlock (a write that collided with another on the same rows).',
    registers: [registry],
  });
  const statementDuration = new Histogram({
    name: 'sql_statement_duration_seconds',
    help: 'Time to execute one SQL statement.',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  return {
    registry,
    requests: new Counter({ name: 'graphql_requests_total', help: 'GraphQL requests by outcome.', labelNames: ['outcome'] as const, registers: [registry] }),
    /** Pass to openStore's onCommit: commits, and the transactions each made durable (group commit). */
    observeCommit: (transactions: number) => {
      commits.inc();
      committed.inc(transactions);
    },
    /** Pass to a Postgres store's onRetry. */
    observeRetry: () => retries.inc(),
    /** Pass to openStore's onStatement. */
    observeStatement: (_sql: string, durationMs: number) => {
      statements.inc();
      statementDuration.observe(durationMs / 1000);
    },
  };
}

export type SubgraphMetrics = ReturnType<typeof createSubgraphMetrics>;

/** `GET /metrics` in Prometheus' text format. */
export function metricsRoute(registry: Registry): Route {
  return async (req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') return false;
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
    return true;
  };
}
