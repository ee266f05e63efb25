/**
 * `npx tsx bench/tie-pages.ts [--streams N]`: what a page of `liveNow` (content's
 * `streamsByViewers`, most viewers first, ties to the lower id) reads after a cursor inside a long
 * tie, in rows, not milliseconds. N live streams (200,000 by default) share one viewer count beside
 * a few others; the page of 20 after the middle one of the tie is read two ways:
 *
 * - **one statement**, the expanded keyset condition the kit's `keysetPage` used for mixed orders
 *   (`viewers <= v and (viewers < v or (viewers = v and id > x))`), as it stood;
 * - **the walks** `keysetWalks` reads now: the rest of the tie (`viewers = v and id > x`), then the
 *   rows past it (`viewers < v`), each limited to what the page still needs.
 *
 * On SQLite (in memory) it counts the index entries each statement visits (a counting function
 * placed first in the condition, so it runs for every row the index range yields), and prints each
 * plan; on a throwaway Postgres 15 it prints `EXPLAIN (ANALYZE, BUFFERS)`'s rows read and removed
 * by the filter, and shared buffers touched.
 */
import { parseArgs } from 'node:util';
// The statement the kit used to send is rebuilt here, to be measured beside the walks that replaced it.
// eslint-disable-next-line no-restricted-imports
import { and, asc, desc, eq, gt, lt, lte, or, type SQL } from 'drizzle-orm';
import { keeper, pgEngine, sqliteEngine, type Engine } from '../packages/kit/src/db/engine.ts';
import { LiveEventBus } from '../packages/kit/src/live.ts';
import { insertRows, keysetWalks, type KeysetRange } from '../packages/kit/src/db/shapes.ts';
import { startThrowawayCluster } from '../packages/kit/src/pg-cluster.ts';
import type { Page } from '../packages/kit/src/pagination.ts';
import { openContentPgStore, openContentStore } from '../subgraphs/content/src/db/store.ts';
import { contentTables, type ContentTables } from '../subgraphs/content/src/db/tables.ts';

const { values } = parseArgs({ options: { streams: { type: 'string', default: '200000' } } });
const TIED = Number(values.streams);
const VIEWERS = 0;
const tied = (i: number) => `liv_tie_${String(i).padStart(7, '0')}`;
/** After the middle of the tie (the page is all tie), and 10 before its end (the page crosses into fewer viewers). */
const PAGES: { name: string; page: Page }[] = [
  { name: 'after the middle one', page: { first: 20, after: [VIEWERS, tied(Math.floor(TIED / 2))] } },
  { name: '10 before the tie ends', page: { first: 20, after: [VIEWERS, tied(TIED - 11)] } },
];
const started = new Date(Date.UTC(2026, 0, 1));
const base = { creatorId: 'usr_tie', title: 'Tied', status: 'LIVE' as const, startedAt: started, sortAt: started };
const rows = [
  ...Array.from({ length: TIED }, (_, i) => ({ ...base, id: tied(i), viewerCount: VIEWERS })),
  // As many ended streams, their ids among the tied ones' (a stream that ended keeps its row).
  ...Array.from({ length: TIED }, (_, i) => ({ ...base, id: `${tied(i)}_ended`, status: 'ENDED' as const, viewerCount: VIEWERS })),
  ...[50, 20, 10, -1, -2].map((viewerCount) => ({ ...base, id: `liv_more_${viewerCount}`, viewerCount })),
];

type Read = (query: { toSQL(): { sql: string; params: unknown[] } }, run: () => Promise<unknown[]>) => Promise<unknown[]>;

/** The page both ways, each statement through `read`: the expanded condition in one statement, then the walks. */
async function bothWays(engine: Engine<ContentTables>, read: Read, PAGE: Page) {
  const { liveStreams } = engine.tables;
  const [v, x] = [Number(PAGE.after![0]), String(PAGE.after![1])];
  const select = (where: SQL | undefined, orderBy: SQL[], limit: number) => engine.db.select().from(liveStreams).where(and(eq(liveStreams.status, 'LIVE'), where)).orderBy(...orderBy).limit(limit);
  const expanded = and(lte(liveStreams.viewerCount, v), or(lt(liveStreams.viewerCount, v), and(eq(liveStreams.viewerCount, v), gt(liveStreams.id, x))));
  const one = select(expanded, [desc(liveStreams.viewerCount), asc(liveStreams.id)], PAGE.first + 1);
  const single = (await read(one, () => one)) as { id: string }[];
  const walked = await keysetWalks(engine, { columns: [liveStreams.viewerCount, liveStreams.id], order: ['desc', 'asc'], values: (key) => [Number(key[0]), String(key[1])], tiebreakOf: (row: { id: string }) => row.id }, PAGE, async (range: KeysetRange, limit) => {
    const query = select(range.where, range.orderBy, limit);
    return (await read(query, () => query)) as { id: string }[];
  });
  if (JSON.stringify(single.map((row) => row.id)) !== JSON.stringify(walked.map((row) => row.id))) throw new Error('the two reads answered different pages');
  console.log(`  same page both ways: ${walked.length} rows, ${walked[0]?.id} … ${walked.at(-1)?.id}`);
}

async function onSqlite() {
  const store = openContentStore(':memory:');
  const client = store.sqlite.sqlite;
  let visited = 0;
  client.function('visited', { deterministic: false }, () => {
    visited++;
    return 1;
  });
  const engine = sqliteEngine(store.sqlite as never, contentTables.sqlite, new LiveEventBus()) as Engine<ContentTables>;
  await insertRows(engine, engine.tables.liveStreams, rows);
  for (const { name, page } of PAGES) {
  console.log(`SQLite, ${TIED.toLocaleString('en')} live streams tied at ${VIEWERS} viewers (and as many ended), the page of ${page.first} ${name}:`);
  await bothWays(engine, async (query) => {
    const { sql: text, params } = query.toSQL();
    // The counter first in the condition: it runs for each row the index range yields, before the rest is tested.
    const counted = text.replace(/ where /, ' where visited() and ');
    const plan = (client.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]).map((step) => step.detail).join('; ');
    visited = 0;
    const answer = client.prepare(counted).all(...params);
    console.log(`  ${String(visited).padStart(7)} index entries visited, ${answer.length} rows: ${plan}\n      ${text}`);
    return answer.map((row) => ({ id: (row as { id: string }).id }));
  }, page);
  }
  store.close();
}

async function onPostgres() {
  const cluster = await startThrowawayCluster();
  try {
    const admin = (await import('pg')).default;
    const setup = new admin.Client({ connectionString: cluster.urlFor('postgres') });
    await setup.connect();
    await setup.query('create database ties');
    await setup.end();
    const store = await openContentPgStore(cluster.urlFor('ties'));
    const pool = store.pg.pool;
    const engine = pgEngine(store.pg.db, contentTables.postgres, keeper()) as Engine<ContentTables>;
    await insertRows(engine, engine.tables.liveStreams, rows);
    await pool.query('analyze live_streams');
    for (const { name, page } of PAGES) {
    console.log(`Postgres, the page ${name}:`);
    await bothWays(engine, async (query, run) => {
      const { sql: text, params } = query.toSQL();
      const [row] = (await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (analyze, buffers, format json) ${text}`, params)).rows;
      const nodes = flatten(row!['QUERY PLAN'][0]!.Plan);
      const scan = nodes.find((node) => /Index/.test(node['Node Type']))!;
      console.log(
        `  ${scan['Node Type']} on ${scan['Index Name']}: ${scan['Actual Rows']} rows, ${scan['Rows Removed by Filter'] ?? 0} removed by the filter, ${scan['Shared Hit Blocks'] + (scan['Shared Read Blocks'] ?? 0)} buffers; cond ${scan['Index Cond']}${scan.Filter ? `, filter ${scan.Filter}` : ''}`,
      );
      return run();
    }, page);
    }
    await store.close();
  } finally {
    await cluster.stop();
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks'?: number;
  'Index Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}
const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];

await onSqlite();
await onPostgres();
