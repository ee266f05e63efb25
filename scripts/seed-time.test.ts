import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REFERENCE_SEED_TIME, seedTimeFrom, testSeedTime, TEST_WORLD_AGE_DAYS } from '../packages/fixtures/src/seed-time.ts';
import { SEED_TIME_FILE, settleSeedTime, withSeedTime } from './seed-time.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-time-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const now = Date.UTC(2027, 2, 14, 9, 26, 53, 589);

describe('the world is dated from the moment its stores are first created', () => {
  it('a fresh data dir gets now (to the minute), written beside the stores, and keeps it on the next start', () => {
    const dataDir = path.join(tempDir(), 'data');
    expect(settleSeedTime({ DATA_DIR: dataDir }, now)).toBe(Date.UTC(2027, 2, 14, 9, 26));
    expect(fs.readFileSync(path.join(dataDir, SEED_TIME_FILE), 'utf8')).toBe('2027-03-14T09:26:00.000Z\n');
    expect(settleSeedTime({ DATA_DIR: dataDir }, now + 400 * 86_400_000)).toBe(Date.UTC(2027, 2, 14, 9, 26));
  });

  it('stores seeded before the file existed keep the reference moment they were seeded with', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'users.db'), '');
    expect(settleSeedTime({ DATA_DIR: dataDir }, now)).toBe(REFERENCE_SEED_TIME);
    expect(fs.readFileSync(path.join(dataDir, SEED_TIME_FILE), 'utf8').trim()).toBe('2026-11-20T18:00:00.000Z');
  });

  it('SEED_TIME in the environment wins, and the children are given it', () => {
    const env: NodeJS.ProcessEnv = { DATA_DIR: tempDir(), SEED_TIME: '2030-01-01T00:00:00Z' };
    expect(withSeedTime(env, now)).toBe(Date.UTC(2030, 0, 1));
    expect(env.SEED_TIME).toBe('2030-01-01T00:00:00.000Z');
    expect(fs.existsSync(path.join(env.DATA_DIR!, SEED_TIME_FILE))).toBe(false);
  });

  it('reads epoch milliseconds or ISO 8601, and refuses anything else by name', () => {
    expect(seedTimeFrom(undefined)).toBe(REFERENCE_SEED_TIME);
    expect(seedTimeFrom(String(now))).toBe(now);
    expect(seedTimeFrom('2027-03-14T09:26:53.589Z')).toBe(now);
    expect(() => seedTimeFrom('next tuesday')).toThrow(/SEED_TIME must be epoch milliseconds or an ISO 8601 timestamp/);
  });

  it("the tests' world is always the same age", () => {
    expect(testSeedTime(now)).toBe(Date.UTC(2027, 2, 14, 9) - TEST_WORLD_AGE_DAYS * 86_400_000);
  });
});
