import { describe, expect, it } from 'vitest';
import { lines } from './lines.ts';

/** A task that runs until `finish` is called, noting when it started. */
function held(started: string[], name: string) {
  let finish: (fail?: boolean) => void = () => undefined;
  const task = () =>
    new Promise<string>((resolve, reject) => {
      started.push(name);
      finish = (fail) => (fail ? reject(new Error(`${name} failed`)) : resolve(name));
    });
  return { task, finish: (fail?: boolean) => finish(fail) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('lines', () => {
  it('runs at most its width of one key at once, the rest in the order they came, and forgets the key once empty', async () => {
    const line = lines(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd', 'e'].map((name) => held(started, name));
    const answers = Promise.allSettled(tasks.map(({ task }) => line.run('stream-1', task)));
    await settle();
    expect(started).toEqual(['a', 'b']);

    tasks[1]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    // A task that fails hands its place on as well.
    tasks[0]!.finish(true);
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    for (const { finish } of tasks.slice(2)) {
      finish();
      await settle();
    }
    expect(await answers).toEqual([
      { status: 'rejected', reason: new Error('a failed') },
      { status: 'fulfilled', value: 'b' },
      { status: 'fulfilled', value: 'c' },
      { status: 'fulfilled', value: 'd' },
      { status: 'fulfilled', value: 'e' },
    ]);
    expect(line.size).toBe(0);
  });

  it('keeps each key to its own line', async () => {
    const line = lines(1);
    const started: string[] = [];
    const [first, second, other] = [held(started, 'first'), held(started, 'second'), held(started, 'other')];
    const answers = [line.run('hot', first.task), line.run('hot', second.task), line.run('quiet', other.task)];
    await settle();
    expect(started).toEqual(['first', 'other']);
    expect(line.size).toBe(2);
    other.finish();
    await settle();
    expect(line.size).toBe(1);
    first.finish();
    await settle();
    second.finish();
    expect(await Promise.all(answers)).toEqual(['first', 'second', 'other']);
    expect(line.size).toBe(0);
  });

  it('refuses a width below one', () => {
    expect(() => lines(0)).toThrow(RangeError);
    expect(() => lines(1.5)).toThrow(/at least 1 wide/);
  });
});
