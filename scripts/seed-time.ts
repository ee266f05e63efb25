/**
 * The world's moment for the stores under DATA_DIR, kept in `DATA_DIR/seed-time` so every
 * service seeding an empty store later dates it the same way (ISO 8601, one line). A fresh
 * data dir gets now; a data dir with stores from before the file existed gets the reference
 * moment they were seeded with. SEED_TIME in the environment wins over both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '../packages/kit/src/config.ts';
import { freshSeedTime, REFERENCE_SEED_TIME, seedTimeFrom } from '../packages/fixtures/src/seed-time.ts';

export const SEED_TIME_FILE = 'seed-time';

export function settleSeedTime(env: NodeJS.ProcessEnv, now: number = Date.now()): number {
  if (env.SEED_TIME !== undefined && env.SEED_TIME !== '') return seedTimeFrom(env.SEED_TIME);
  const dir = dataDir(env);
  const file = path.join(dir, SEED_TIME_FILE);
  if (fs.existsSync(file)) return seedTimeFrom(fs.readFileSync(file, 'utf8').trim());
  const holdsStores = fs.existsSync(dir) && fs.readdirSync(dir).some((name) => name.endsWith('.db'));
  const at = holdsStores ? REFERENCE_SEED_TIME : freshSeedTime(now);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${new Date(at).toISOString()}\n`);
  return at;
}

/** Sets SEED_TIME in `env` (the children's environment) and returns it. */
export function withSeedTime(env: NodeJS.ProcessEnv, now?: number): number {
  const at = settleSeedTime(env, now);
  env.SEED_TIME = new Date(at).toISOString();
  return at;
}
