import type { Logger } from '@app/kit/log';

/** One subgraph fetch that got no good answer. */
export interface SubgraphFetchFailure {
  subgraph: string;
  /** `timeout`, `unreachable`, or `http_<status>` for an answer that was not 2xx. */
  outcome: string;
  durationMs: number;
  requestId?: string;
  /** Why it was unreachable, when the socket said (ECONNREFUSED, ECONNRESET, …). */
  cause?: string;
}

export interface SubgraphFailureLogOptions {
  logger: Logger;
  /** Failures logged one by one per subgraph in each interval; the rest are counted. */
  perInterval?: number;
  intervalMs?: number;
}

interface Window {
  startedAt: number;
  logged: number;
  suppressed: number;
  timer?: NodeJS.Timeout;
}

/**
 * Logs each subgraph timeout, unreachable subgraph and refused request (request id, subgraph,
 * outcome, duration), at most `perInterval` per subgraph in each `intervalMs` window, so an outage
 * under load writes a few lines instead of one per request. At the end of a window in which some
 * were held back, one line says how many. The metrics still count every failure.
 */
export function useSubgraphFailureLog({ logger, perInterval = 5, intervalMs = 10_000 }: SubgraphFailureLogOptions) {
  const windows = new Map<string, Window>();
  const summarize = (subgraph: string, window: Window) => {
    clearTimeout(window.timer);
    windows.delete(subgraph);
    if (window.suppressed > 0) logger.warn({ subgraph, suppressed: window.suppressed, intervalMs }, 'subgraph fetch failures not logged one by one');
  };
  return {
    report(failure: SubgraphFetchFailure): void {
      const now = Date.now();
      let window = windows.get(failure.subgraph);
      if (window && now - window.startedAt >= intervalMs) {
        summarize(failure.subgraph, window);
        window = undefined;
      }
      if (!window) {
        window = { startedAt: now, logged: 0, suppressed: 0 };
        windows.set(failure.subgraph, window);
      }
      if (window.logged < perInterval) {
        window.logged++;
        logger.warn({ ...failure, durationMs: Math.round(failure.durationMs) }, 'subgraph fetch failed');
        return;
      }
      window.suppressed++;
      if (!window.timer) {
        const current = window;
        current.timer = setTimeout(() => summarize(failure.subgraph, current), current.startedAt + intervalMs - now);
        current.timer.unref();
      }
    },
    /** Says what is still held back and stops the timers: when the gateway stops. */
    flush(): void {
      for (const [subgraph, window] of [...windows]) summarize(subgraph, window);
    },
  };
}

export type SubgraphFailureLog = ReturnType<typeof useSubgraphFailureLog>;
