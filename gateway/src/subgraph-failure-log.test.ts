import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@app/kit/log';
import { useSubgraphFailureLog } from './subgraph-failure-log.ts';

/** A real pino logger writing JSON lines into an array. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('gateway', { level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { logger, lines };
}

const failure = (subgraph: string, n: number) => ({ subgraph, outcome: 'unreachable', durationMs: 1.4, requestId: `req-${n}`, cause: 'ECONNREFUSED' });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the subgraph failure log', () => {
  it('logs each failure with its request id, subgraph, outcome and duration', () => {
    const { logger, lines } = capturedLogger();
    useSubgraphFailureLog({ logger }).report(failure('users', 1));
    expect(lines).toEqual([expect.objectContaining({ msg: 'subgraph fetch failed', level: 40, subgraph: 'users', outcome: 'unreachable', durationMs: 1, requestId: 'req-1', cause: 'ECONNREFUSED' })]);
  });

  it('logs at most N per subgraph per interval, then says how many it held back', () => {
    const { logger, lines } = capturedLogger();
    const log = useSubgraphFailureLog({ logger, perInterval: 3, intervalMs: 10_000 });
    for (let n = 0; n < 50; n++) log.report(failure('content', n));
    log.report(failure('gifts', 99));
    expect(lines.filter((line) => line.subgraph === 'content')).toHaveLength(3);
    expect(lines.filter((line) => line.subgraph === 'gifts')).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(lines.at(-1)).toMatchObject({ msg: 'subgraph fetch failures not logged one by one', subgraph: 'content', suppressed: 47, intervalMs: 10_000 });
    // A new interval logs again.
    log.report(failure('content', 100));
    expect(lines.at(-1)).toMatchObject({ msg: 'subgraph fetch failed', requestId: 'req-100' });
    expect(lines).toHaveLength(3 + 1 + 1 + 1);
  });

  it('says what it still holds back when the gateway stops', () => {
    const { logger, lines } = capturedLogger();
    const log = useSubgraphFailureLog({ logger, perInterval: 1, intervalMs: 60_000 });
    log.report(failure('commerce', 1));
    log.report(failure('commerce', 2));
    log.flush();
    expect(lines.at(-1)).toMatchObject({ subgraph: 'commerce', suppressed: 1 });
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
  });
});
