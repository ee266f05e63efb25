import { describe, expect, it, vi } from 'vitest';
import { poller } from './poller.ts';

const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() } as never;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('poller', () => {
  it('turns again at once while a turn did work, then waits pollMs, or less when woken', async () => {
    const work = [3, 2, 0, 0];
    const times: number[] = [];
    const loop = poller(async () => {
      times.push(Date.now());
      return work.shift() ?? 0;
    }, { pollMs: 10_000, logger, failure: 'failed' });
    loop.start();
    await sleep(100);
    // Two turns with work, then one that found none: it now waits the poll.
    expect(times).toHaveLength(3);
    loop.wake();
    await sleep(50);
    expect(times).toHaveLength(4);
    await loop.stop();
  });

  it('turns again at once when woken during a turn that found nothing, since the work may have committed after it looked', async () => {
    let turns = 0;
    let loop: ReturnType<typeof poller> | null = null;
    loop = poller(async () => {
      turns += 1;
      if (turns === 1) {
        await sleep(20);
        loop!.wake();
      }
      return 0;
    }, { pollMs: 10_000, logger, failure: 'failed' });
    loop.start();
    await sleep(100);
    expect(turns).toBe(2);
    await loop.stop();
  });

  it('logs a turn that throws and goes on; stop waits for the turn in progress', async () => {
    const errorLog = vi.fn();
    let turns = 0;
    let finished = false;
    const loop = poller(
      async () => {
        turns += 1;
        if (turns === 1) throw new Error('store down');
        await sleep(100);
        finished = true;
        return 0;
      },
      { pollMs: 5, logger: { ...(logger as object), error: errorLog } as never, failure: 'turn failed' },
    );
    loop.start();
    await sleep(30);
    expect(errorLog).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'turn failed');
    expect(turns).toBe(2);
    await loop.stop();
    expect(finished).toBe(true);
    const after = turns;
    await sleep(50);
    expect(turns).toBe(after);
  });
});
