/** Migration journals: dated in the order they run, or a store past one would skip the next. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { migrationsFolderFor, StoreOpenError } from './store.ts';

/** A module beside a `drizzle/` folder whose journal dates its migrations `whens`. */
function moduleBesideJournal(whens: number[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
  fs.mkdirSync(path.join(dir, 'drizzle', 'meta'), { recursive: true });
  const entries = whens.map((when, idx) => ({ idx, version: '7', when, tag: `000${idx}_step`, breakpoints: true }));
  fs.writeFileSync(path.join(dir, 'drizzle', 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }));
  fs.mkdirSync(path.join(dir, 'src'));
  return path.join(dir, 'src', 'store.ts');
}

it('finds a migrations folder whose migrations are dated in the order they run', () => {
  const module = moduleBesideJournal([100, 200, 300]);
  expect(migrationsFolderFor(`file://${module}`)).toBe(path.join(path.dirname(module), '..', 'drizzle'));
});

it('refuses one with a migration dated before the one it follows, which a store past that one would never run', () => {
  const module = moduleBesideJournal([100, 300, 200]);
  expect(() => migrationsFolderFor(`file://${module}`)).toThrow(StoreOpenError);
  expect(() => migrationsFolderFor(`file://${module}`)).toThrow(/0002_step is dated no later than 0001_step/);
});

it("holds for every subgraph's migrations, on both engines", () => {
  const root = path.resolve(import.meta.dirname, '..', '..', '..', 'subgraphs');
  const subgraphs = fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'drizzle')));
  expect(subgraphs.length).toBe(4);
  for (const subgraph of subgraphs) {
    for (const folder of ['drizzle', 'drizzle-pg'] as const) {
      expect(migrationsFolderFor(`file://${path.join(root, subgraph, 'src', 'store.ts')}`, folder)).toBe(path.join(root, subgraph, folder));
    }
  }
});
