/**
 * `npm run gift-shares -- set|clear|list`: an operator gives a creator a share of LIVE gifts of
 * their own, or sends them back to the default. It writes to the gifts store the service uses
 * (GIFTS_DATABASE_URL, else the SQLite file under DATA_DIR), and the next gift to that creator is
 * credited at it; past gifts keep the share they were credited at.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '@app/kit/clock';
import { ConfigError } from '@app/kit/config';
import { openStoreAt, type StoreHandle } from '@app/kit/subgraph';
import { clearCreatorShare, creatorsWithOwnShares, setCreatorShare } from './creatorShares.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from './db/store.ts';
import { parseShare } from './rates.ts';
import { giftsSettings } from './settings.ts';

const USAGE = `Usage:
  npm run gift-shares -- set <creatorId> <share> [--note <why>]    share as "53%" or "53/100"
  npm run gift-shares -- clear <creatorId>                         back to the default share
  npm run gift-shares -- list

The default share is GIFT_DIAMONDS_PER_COIN (1/2: one diamond per two coins).
Find creator ids with the query { creators(first: 20) { edges { node { id handle } } } } in the explorer.`;

const percent = (diamonds: number, coins: number) => `${((diamonds / coins) * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { note: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, creatorId, shareText] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  if ((command === 'set' && (!creatorId || !shareText)) || (command === 'clear' && !creatorId) || !['set', 'clear', 'list'].includes(command)) {
    console.error(USAGE);
    return 1;
  }
  const fallback = giftsSettings().rates.diamondsPerCoin;
  const store = await openStoreAt<GiftsStore & StoreHandle>('gifts', { sqlite: openGiftsStore, postgres: openGiftsPgStore }, { onStatement: () => undefined });
  try {
    if (command === 'set') {
      const share = parseShare(shareText as string, 'The share');
      await setCreatorShare(store, creatorId as string, share, values.note ?? null, systemClock.now());
      console.log(`Creator ${creatorId} now gets ${percent(share.diamonds, share.coins)} of each gift's coins as diamonds (${share.diamonds}/${share.coins}), from their next gift on.`);
    } else if (command === 'clear') {
      const had = await clearCreatorShare(store, creatorId as string);
      console.log(had ? `Creator ${creatorId} is back on the default share, ${percent(fallback.diamonds, fallback.coins)}.` : `Creator ${creatorId} had no share of their own; they get the default, ${percent(fallback.diamonds, fallback.coins)}.`);
    } else {
      const rows = await creatorsWithOwnShares(store);
      console.log(`Default share: ${percent(fallback.diamonds, fallback.coins)} (${fallback.diamonds}/${fallback.coins})`);
      if (rows.length === 0) console.log('No creator has a share of their own.');
      for (const row of rows) console.log(`${row.creatorId}  ${percent(row.diamonds, row.coins).padEnd(7)}  ${row.diamonds}/${row.coins}  ${row.updatedAt.toISOString()}  ${row.note ?? ''}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof RangeError ? error.message : error);
    process.exit(1);
  },
);
