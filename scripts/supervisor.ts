/**
 * Keeps one service process running for `npm start`: a process that exits on its own is
 * restarted after a delay that doubles with each crash in a row (so a service that dies at
 * once does not spin the CPU), and the delay starts over once it has stayed up a while.
 */
import type { ChildProcess } from 'node:child_process';

export interface Backoff {
  /** Delay before the first restart after a crash. */
  initialMs: number;
  /** The delay never grows past this. */
  maxMs: number;
  /** A process up this long since it became ready is healthy again: the next crash starts from `initialMs`. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, stableMs: 30_000 };

/** The delay before restart number `attempt` (1 for the first restart after a healthy run). */
export function restartDelay(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.initialMs * 2 ** Math.max(0, attempt - 1), backoff.maxMs);
}

export interface SupervisedOptions {
  name: string;
  /** Spawns the process; its output is the caller's business. */
  spawn: () => ChildProcess;
  /** Resolves once the process serves; rejects if it exits or never gets there. */
  ready: (child: ChildProcess) => Promise<void>;
  log: (message: string) => void;
  backoff?: Backoff;
}

function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

export class SupervisedProcess {
  readonly name: string;
  private child: ChildProcess | null = null;
  private stopping = false;
  private crashesInARow = 0;
  private readySince = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;

  constructor(private readonly options: SupervisedOptions) {
    this.name = options.name;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The first start: a failure here is the caller's (a taken port, a broken store), not restarted. */
  async start(): Promise<void> {
    const child = this.launch();
    await this.options.ready(child);
    this.readySince = Date.now();
    this.supervise(child);
  }

  private launch(): ChildProcess {
    const child = this.options.spawn();
    this.child = child;
    return child;
  }

  private supervise(child: ChildProcess): void {
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      if (this.readySince > 0 && Date.now() - this.readySince >= this.backoff.stableMs) this.crashesInARow = 0;
      this.crashesInARow += 1;
      this.readySince = 0;
      const delay = restartDelay(this.backoff, this.crashesInARow);
      this.options.log(`${this.name} stopped unexpectedly (${exitReason(code, signal)}); restarting in ${(delay / 1000).toFixed(1)} s (crash ${this.crashesInARow} in a row). The other services keep serving.`);
      this.restartTimer = setTimeout(() => void this.restart(), delay);
    });
  }

  private async restart(): Promise<void> {
    this.restartTimer = null;
    if (this.stopping) return;
    const child = this.launch();
    // Registered before waiting, so a crash while starting is seen and restarted too.
    this.supervise(child);
    try {
      await this.options.ready(child);
      this.readySince = Date.now();
      this.options.log(`${this.name} is back (pid ${child.pid}).`);
    } catch (error) {
      // The exit handler restarts it; a process that starts but never gets ready is killed so it does.
      if (child.exitCode === null && child.signalCode === null && !this.stopping) {
        this.options.log(`${this.name} did not become ready (${(error as Error).message}); killing it to restart.`);
        child.kill('SIGKILL');
      }
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`; cancels a pending restart. */
  stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
