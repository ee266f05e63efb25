/**
 * `npm run reconcile`: recounts every kept count and total of every subgraph's store from its
 * history and prints each one that differs. Stores are found where the services find them
 * (`<NAME>_DATABASE_URL`, `<NAME>_DB`, `DATA_DIR`). Exits 1 when any differs, 0 when all agree.
 * A recount reads all history by nature: run it beside the services, not on a request path.
 */
import type { KeptCountDifference } from '../packages/kit/src/db/reconcile.ts';
import { openStoreAt, type StoreHandle, type StoreOpeners } from '../packages/kit/src/subgraph.ts';
import type { SubgraphName } from '../packages/kit/src/config.ts';
import { openCommercePgStore, openCommerceStore } from '../subgraphs/commerce/src/db/store.ts';
import { openContentPgStore, openContentStore } from '../subgraphs/content/src/db/store.ts';
import { openGiftsPgStore, openGiftsStore } from '../subgraphs/gifts/src/db/store.ts';
import { openUsersPgStore, openUsersStore } from '../subgraphs/users/src/db/store.ts';

type Reconcilable = StoreHandle & { keptCountDifferences(): Promise<KeptCountDifference[]> };

const stores: [SubgraphName, StoreOpeners<Reconcilable>][] = [
  ['users', { sqlite: openUsersStore, postgres: openUsersPgStore }],
  ['content', { sqlite: openContentStore, postgres: openContentPgStore }],
  ['gifts', { sqlite: openGiftsStore, postgres: openGiftsPgStore }],
  ['commerce', { sqlite: openCommerceStore, postgres: openCommercePgStore }],
];

let differences = 0;
for (const [name, openers] of stores) {
  const started = performance.now();
  const store = await openStoreAt(name, openers, { onStatement: () => undefined });
  try {
    const found = await store.keptCountDifferences();
    differences += found.length;
    const took = Math.round(performance.now() - started);
    if (found.length === 0) console.log(`${name}: every kept count agrees with its history (${took} ms)`);
    for (const difference of found) console.log(`${name}: ${difference.count} of ${difference.key} is kept as ${difference.kept}, history says ${difference.recounted}`);
  } finally {
    await store.close();
  }
}
process.exit(differences > 0 ? 1 : 0);
