/**
 * Lines by key, each `width` wide: at most `width` tasks of one key run at once in this process,
 * the others wait in memory in the order they came. A key's line is forgotten as it empties, so
 * keys no longer in use (a stream that ended) cost nothing.
 *
 * Written here rather than taken from p-limit, which limits one pool of tasks: what is needed is a
 * line per key, dropped exactly when its last task ends, and that bookkeeping is these few lines.
 */
export interface Lines {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting. */
  readonly size: number;
}

interface Line {
  running: number;
  waiting: (() => void)[];
}

export function lines(width: number): Lines {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`A line is at least 1 wide, got ${width}.`);
  const byKey = new Map<string, Line>();
  const lineOf = (key: string): Line => {
    let line = byKey.get(key);
    if (!line) byKey.set(key, (line = { running: 0, waiting: [] }));
    return line;
  };
  return {
    async run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const line = lineOf(key);
      if (line.running < width) line.running++;
      // Let in by a task of the line ending, which hands on its place: `running` counts this one already.
      else await new Promise<void>((resolve) => line.waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = line.waiting.shift();
        if (next) next();
        else if (--line.running === 0) byKey.delete(key);
      }
    },
    get size() {
      return byKey.size;
    },
  };
}
