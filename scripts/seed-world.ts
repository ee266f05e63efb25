/**
 * Builds a world into the four subgraphs' stores, wherever `storeLocation` says they are (SQLite
 * files under DATA_DIR as `npm start` uses, or `<NAME>_DATABASE_URL` Postgres databases): the
 * small seed world, or the large one (packages/fixtures/src/large.ts) at a scale. `npm run seed`
 * and `SEED_WORLD=large npm start` run it before any service listens, so building never stalls a
 * request. A store that holds anything is refused (`onFull: 'refuse'`) or left as it is (`'skip'`).
 */
import { newReport, type BulkReport } from '../packages/fixtures/src/bulk.ts';
import { largeWorldSize, type WorldName } from '../packages/fixtures/src/large.ts';
import { withIndexesAfter } from '../packages/kit/src/db/bulk-load.ts';
import { openStoreAt, storeLocation, type StoreHandle, type StoreOpeners } from '../packages/kit/src/subgraph.ts';
import type { SubgraphName } from '../packages/kit/src/config.ts';
import { seedLargeCommerceStore } from '../subgraphs/commerce/src/db/seed-large.ts';
import { seedCommerceStore } from '../subgraphs/commerce/src/db/seed.ts';
import { openCommercePgStore, openCommerceStore } from '../subgraphs/commerce/src/db/store.ts';
import { seedLargeContentStore } from '../subgraphs/content/src/db/seed-large.ts';
import { seedContentStore } from '../subgraphs/content/src/db/seed.ts';
import { openContentPgStore, openContentStore } from '../subgraphs/content/src/db/store.ts';
import { seedLargeGiftsStore } from '../subgraphs/gifts/src/db/seed-large.ts';
import { seedGiftsStore } from '../subgraphs/gifts/src/db/seed.ts';
import { openGiftsPgStore, openGiftsStore } from '../subgraphs/gifts/src/db/store.ts';
import { seedLargeUsersStore } from '../subgraphs/users/src/db/seed-large.ts';
import { seedUsersStore } from '../subgraphs/users/src/db/seed.ts';
import { openUsersPgStore, openUsersStore } from '../subgraphs/users/src/db/store.ts';

export class StoreNotEmptyError extends Error {}

interface Seedable extends StoreHandle {
  isEmpty(): Promise<boolean>;
  transaction<T>(body: (tx: never) => Promise<T>): Promise<T>;
}

/** Each store: how it opens, how the small seed and the large one fill it. */
interface WorldStore {
  name: SubgraphName;
  openers: StoreOpeners<Seedable>;
  small: (store: never) => Promise<void>;
  large: (store: never, size: ReturnType<typeof largeWorldSize>, report: BulkReport) => Promise<BulkReport>;
}

const STORES: WorldStore[] = [
  { name: 'users', openers: { sqlite: openUsersStore, postgres: openUsersPgStore } as unknown as StoreOpeners<Seedable>, small: seedUsersStore, large: seedLargeUsersStore },
  { name: 'content', openers: { sqlite: openContentStore, postgres: openContentPgStore } as unknown as StoreOpeners<Seedable>, small: seedContentStore, large: seedLargeContentStore },
  { name: 'gifts', openers: { sqlite: openGiftsStore, postgres: openGiftsPgStore } as unknown as StoreOpeners<Seedable>, small: seedGiftsStore, large: seedLargeGiftsStore },
  { name: 'commerce', openers: { sqlite: openCommerceStore, postgres: openCommercePgStore } as unknown as StoreOpeners<Seedable>, small: seedCommerceStore, large: seedLargeCommerceStore },
];

export interface SeedWorldOptions {
  world: WorldName;
  /** Of the large world (1, the full size, unless told). */
  scale?: number;
  env?: NodeJS.ProcessEnv;
  onFull: 'refuse' | 'skip';
  log?: (line: string) => void;
}

export interface StoreSeeded {
  name: SubgraphName;
  where: string;
  /** Null when the store held rows already and was left as it was. */
  report: BulkReport | null;
}

/** Fills every store with the world; refuses (before writing anything) when one holds rows and `onFull` says so. */
export async function seedWorld(options: SeedWorldOptions): Promise<StoreSeeded[]> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const size = largeWorldSize(options.scale ?? 1);
  const opened: { entry: WorldStore; store: Seedable; where: string }[] = [];
  try {
    for (const entry of STORES) {
      const location = storeLocation(entry.name, env);
      const store = await openStoreAt(entry.name, entry.openers, { onStatement: () => undefined }, env);
      opened.push({ entry, store, where: location.engine === 'sqlite' ? location.path : location.url.replace(/\/\/[^@/]*@/, '//') });
    }
    const full = [];
    for (const { entry, store, where } of opened) if (!(await store.isEmpty())) full.push(`${entry.name} (${where})`);
    if (full.length > 0 && options.onFull === 'refuse') {
      throw new StoreNotEmptyError(`Not seeding: ${full.join(', ')} already hold${full.length === 1 ? 's' : ''} rows. Seed into fresh stores (an empty DATA_DIR, or empty databases).`);
    }
    const seeded: StoreSeeded[] = [];
    for (const { entry, store, where } of opened) {
      if (!(await store.isEmpty())) {
        seeded.push({ name: entry.name, where, report: null });
        continue;
      }
      const report = newReport();
      const started = performance.now();
      log(`${entry.name}: building the ${options.world} world in ${where} …`);
      // The large world is a bulk load: its indexes are made after it (see bulk-load.ts).
      if (options.world === 'large') await withIndexesAfter(store, () => entry.large(store as never, size, report));
      else await entry.small(store as never);
      report.ms = performance.now() - started;
      seeded.push({ name: entry.name, where, report });
      if (options.world === 'large') log(`${entry.name}: ${report.rows.toLocaleString('en-US')} rows in ${(report.ms / 1000).toFixed(1)} s (${Math.round(report.rows / (report.ms / 1000)).toLocaleString('en-US')} rows/s): ${Object.entries(report.perTable).filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`).join(', ')}`);
      else log(`${entry.name}: seeded in ${(report.ms / 1000).toFixed(1)} s`);
    }
    return seeded;
  } finally {
    for (const { store } of opened) await store.close();
  }
}
