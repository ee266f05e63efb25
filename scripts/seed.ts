/**
 * `npm run seed -- --world large [--scale 0.01] [--data-dir DIR]`: fills fresh stores with a world
 * (`small` by default) and prints, per store, rows, seconds and rows per second, then the total.
 * Stores are where the services find them: SQLite files under `--data-dir` (or DATA_DIR, default
 * `data/`), or Postgres databases named by `<NAME>_DATABASE_URL`. A store that holds anything is
 * refused: nothing is written, exit code 1.
 */
import { parseArgs } from 'node:util';
import { withSeedTime } from './seed-time.ts';

const { values } = parseArgs({ options: { world: { type: 'string', default: 'small' }, scale: { type: 'string', default: '1' }, 'data-dir': { type: 'string' } } });
const env: NodeJS.ProcessEnv = { ...process.env, ...(values['data-dir'] ? { DATA_DIR: values['data-dir'] } : {}) };
// Dated before anything loads the seed world (@app/fixtures reads SEED_TIME as it loads).
withSeedTime(env);
process.env.SEED_TIME = env.SEED_TIME;
const { worldName } = await import('../packages/fixtures/src/large.ts');
const { seedWorld, StoreNotEmptyError } = await import('./seed-world.ts');
const started = performance.now();
try {
  const world = worldName(values.world);
  const seeded = await seedWorld({ world, scale: Number(values.scale), env, onFull: 'refuse', log: (line) => console.log(line) });
  const rows = seeded.reduce((sum, store) => sum + (store.report?.rows ?? 0), 0);
  console.log(`The ${world} world is built: ${world === 'large' ? `${rows.toLocaleString('en-US')} rows, ` : ''}${((performance.now() - started) / 1000).toFixed(1)} s in all.`);
} catch (error) {
  if (!(error instanceof StoreNotEmptyError) && !(error instanceof RangeError) && !(error as Error).message.startsWith('A world is')) throw error;
  console.error((error as Error).message);
  process.exit(1);
}
