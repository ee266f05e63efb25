/**
 * Living through an outage of a store on another server: what uses it degrades instead of
 * failing every request, and comes back by itself when the server answers again.
 *
 * - `OutageGate`: one per store. While the store is down, a request does not wait for it (a
 *   server that does not answer would cost every request a connection timeout): one call per
 *   `retryAfterMs` is let through to find out whether it is back, the others take the fallback.
 *   It says so once when the outage starts and once when it ends, not once per request.
 * - `cachedProbe`: a readiness check (`select 1` with a short timeout) asked at most once per
 *   `cacheMs` however often a load balancer polls `/ready`.
 */

export interface OutageGateOptions {
  /** While down, how often one call is let through to the store (default 1 s). */
  retryAfterMs?: number;
  /** The outage started (once per outage). */
  onDown?: (error: unknown) => void;
  /** The store answered again (once per outage). */
  onUp?: () => void;
  now?: () => number;
}

export class OutageGate {
  private downSince: number | null = null;
  private lastTry = 0;
  private readonly retryAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly options: OutageGateOptions = {}) {
    this.retryAfterMs = options.retryAfterMs ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** Whether this call should go to the store: always while it is up; while down, one call per `retryAfterMs`. */
  shouldTry(): boolean {
    if (this.downSince === null) return true;
    const now = this.now();
    if (now - this.lastTry < this.retryAfterMs) return false;
    this.lastTry = now;
    return true;
  }

  /** The store answered. */
  succeeded(): void {
    if (this.downSince === null) return;
    this.downSince = null;
    this.options.onUp?.();
  }

  /** The store did not answer. */
  failed(error: unknown): void {
    this.lastTry = this.now();
    if (this.downSince !== null) return;
    this.downSince = this.lastTry;
    this.options.onDown?.(error);
  }

  /**
   * `work` on the store when the gate lets it through, `fallback` otherwise or when it fails with
   * an error `isOutage` accepts (any error by default); other errors are thrown as they are.
   */
  async run<T>(work: () => Promise<T>, fallback: (error: unknown) => T | Promise<T>, isOutage: (error: unknown) => boolean = () => true): Promise<T> {
    if (!this.shouldTry()) return fallback(null);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      if (!isOutage(error)) throw error;
      this.failed(error);
      return fallback(error);
    }
    this.succeeded();
    return result;
  }
}

/**
 * `probe` asked at most once per `cacheMs` (concurrent callers share the one in flight), for
 * `/ready`. A probe that throws counts as false.
 */
export function cachedProbe(probe: () => Promise<boolean>, options: { cacheMs?: number; now?: () => number } = {}): () => Promise<boolean> {
  const cacheMs = options.cacheMs ?? 1_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; ok: boolean } | null = null;
  let inFlight: Promise<boolean> | null = null;
  return async () => {
    if (cached && now() - cached.at < cacheMs) return cached.ok;
    inFlight ??= probe()
      .catch(() => false)
      .then((ok) => {
        cached = { at: now(), ok };
        inFlight = null;
        return ok;
      });
    return inFlight;
  };
}
