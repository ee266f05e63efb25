/**
 * A service's background loop (the webhook dispatcher, commerce's deal clock): runs a turn, again
 * at once while the turn did some work, else after `pollMs` or as soon as it is woken. A turn that
 * throws is logged and the loop goes on; `stop` waits for the turn in progress.
 */
import type { Logger } from './log.ts';

export interface Poller {
  start(): void;
  /** Work just committed: turn now rather than at the next poll. */
  wake(): void;
  /** Stops turning and waits for the turn in progress. */
  stop(): Promise<void>;
}

export interface PollerOptions {
  /** How long to wait after a turn that did nothing. */
  pollMs: number;
  logger: Logger;
  /** What the log says when a turn throws. */
  failure: string;
}

/** `turn` answers how much it did: more than 0 turns again at once. */
export function poller(turn: () => Promise<number>, options: PollerOptions): Poller {
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;

  // A wake that came during a turn: the turn may have looked before that work committed.
  let wokenDuringTurn = false;

  async function run(): Promise<void> {
    while (running) {
      let done = 0;
      wokenDuringTurn = false;
      try {
        done = await turn();
      } catch (error) {
        options.logger.error({ err: error }, options.failure);
      }
      if (done > 0 || wokenDuringTurn || !running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        timer.unref();
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      if (wakeUp) wakeUp();
      else wokenDuringTurn = true;
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      loop = null;
    },
  };
}
