/**
 * Search over products and brands with each engine's own full-text index: SQLite's FTS5 (bm25),
 * Postgres' tsvector with a GIN index (ts_rank). The indexes and the triggers that keep them in
 * step with products and brands are in the migrations (`0010_product_search.sql`,
 * `drizzle-pg/0007_product_search.sql`, `drizzle-pg/0020_product_search_on_the_row.sql`,
 * `drizzle-pg/0021_sort_indexes_hold_the_document.sql`, `0023_sort_indexes_hold_the_doc_id.sql`,
 * `0024_products_by_search_doc.sql`). Each
 * statement is written once; `textSearch` below holds the only dialect parts: where the matches
 * come from, what a query is, and a match's score (higher is more relevant on both).
 */
import { and, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { before, beyond } from '@app/kit/db/shapes';
import { ftsQuery as ftsQueryOf, tsQuery as tsQueryOf } from '@app/kit/db/text-search';
import type { Page } from '@app/kit/pagination';
import type { CommerceStatements, ProductSearch, SearchHit } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';
import { DENSE_MATCHES_MAX, DENSE_SHARE, RELEVANCE_CANDIDATES, SORTED_MATCHES_MAX } from '../../vocabulary.ts';

interface TextSearch {
  /** The matches of `terms` joined to their rows: `from` … `join <table> on` and the match condition. */
  products(terms: readonly string[]): { from: SQL; where: SQL; score: SQL };
  brands(terms: readonly string[]): { from: SQL; where: SQL; score: SQL };
  /**
   * A condition on the row a walk reads in its sort key's order (`walked`: the product, or its
   * sales row for BEST_SELLING): whether the product is one of the matches. A filter on each row,
   * never the place the rows come from. SQLite tests the product's doc id, Postgres its document,
   * each held on that row and in the sort's index beside its key (migrations 0023; pg 0021).
   */
  productMatches(terms: readonly string[], walked: WalkedRow): SQL;
  /**
   * Where the engine keeps no statistics of its words (SQLite's FTS5), a bounded count of a
   * search's matches decides how it reads them. Null where the planner decides that for each
   * statement from its own statistics (Postgres: the tsvector's most common lexemes and their
   * frequencies), so the walk below is the one statement: a rare word's matches read through the
   * index and sorted, a common word's by a walk of the sort key's index.
   */
  counted: CountedSearch | null;
  /**
   * The order in which the matches are taken as relevance candidates (`RELEVANCE_CANDIDATES` of
   * them): the full-text index's own order, read without a sort.
   */
  candidateOrder: SQL | null;
  /**
   * Where a word typed ahead costs the index more than a whole word, the match condition with every
   * word whole: the relevance candidates are then the products holding the last word whole, and
   * only when fewer than RELEVANCE_CANDIDATES do, those where it starts a longer word fill the set.
   * Null where a prefix is read as one stored list like a whole word (SQLite's prefix indexes).
   */
  wholeWords: ((terms: readonly string[]) => SQL) | null;
}

/** The row a sorted walk reads: the product itself, or its kept sales row (BEST_SELLING walks those). */
type WalkedRow = 'products' | 'productSales';

/** What a search decided by counting its matches needs (`TextSearch.counted`). */
interface CountedSearch {
  /** How many products match `terms`, counting no further than `cap` + 1 (a bounded read of the index). */
  matchesUpTo(terms: readonly string[], cap: number): SQL;
  /** A bounded read of about how many products there are (the newest document id). */
  catalogueSize: SQL;
  /**
   * `productMatches` reads the matches' ids once into a set; this is the same condition tested on
   * each row by itself, for a word so dense that a page is found within a few rows.
   */
  matchesEach(terms: readonly string[], walked: WalkedRow): SQL;
  /**
   * A match's score for a dense word, where `score` reads each word's document count over its
   * whole doclist (`bm25`): which columns the words are found in, weighted as `score` weighs them.
   */
  denseScore: SQL;
}

// Every word required, the last one also as the start of a longer word (typing ahead).
const ftsQuery = (terms: readonly string[]) => ftsQueryOf(terms, 'last');
const tsQuery = (terms: readonly string[]) => tsQueryOf(terms, 'last');

function textSearchOf(engine: Engine<CommerceTables>): TextSearch {
  const { products, productSales, brands } = engine.tables;
  if (engine.name === 'sqlite') {
    // The walked row's copy of its product's doc id, which the sort's index holds too (migration 0023).
    const docOf = (walked: WalkedRow): SQL => (walked === 'products' ? sql`${products}.search_doc` : sql`${productSales}.search_doc`);
    // Title ten times a description word, the brand's name four times.
    const found = (column: number) => sql.raw(`(instr(highlight(product_search, ${column}, char(1), ''), char(1)) > 0)`);
    return {
      // Each match joined to its product by the doc id the product row holds, through an index that
      // also holds the status and id (migration 0024): the product's row is read only for a filter.
      // The matches first and that index, by rule (`cross join`, `indexed by`): with no statistics
      // SQLite's planner took a sort's index for the order (walking every product, testing each
      // against the word: 1.5 s for a word no product holds on 200,000) or for the status alone.
      products: (terms) => ({
        from: sql`product_search cross join ${products} indexed by products_search_doc on ${docOf('products')} = product_search.rowid`,
        where: sql`product_search match ${ftsQuery(terms)}`,
        score: sql`(-bm25(product_search, 10.0, 1.0, 4.0))`,
      }),
      brands: (terms) => ({
        from: sql`brand_search join brand_search_rows on brand_search_rows.doc = brand_search.rowid join ${brands} on ${brands.id} = brand_search_rows.brand_id`,
        where: sql`brand_search match ${ftsQuery(terms)}`,
        score: sql`(-bm25(brand_search, 10.0, 1.0))`,
      }),
      // The matches' doc ids are read once into a set (the index's doclist, no rows); each entry
      // walked is looked up in it by the doc id it holds.
      productMatches: (terms, walked) => sql`${docOf(walked)} in (select rowid from product_search where product_search match ${ftsQuery(terms)})`,
      counted: {
        matchesUpTo: (terms, cap) => sql`select count(*) as n from (select 1 from product_search where product_search match ${ftsQuery(terms)} limit ${cap + 1})`,
        catalogueSize: sql`select coalesce(max(doc), 0) as n from product_search_rows`,
        // One seek in the match's doclist per row (a prefix is one stored doclist: migration 0022).
        matchesEach: (terms, walked) => sql`exists (select 1 from product_search where product_search match ${ftsQuery(terms)} and product_search.rowid = ${docOf(walked)})`,
        // A word in so many products says nothing of relevance by its rarity: where it is found says the rest.
        denseScore: sql`(10.0 * ${found(0)} + 1.0 * ${found(1)} + 4.0 * ${found(2)})`,
      },
      // Doc ids grow as products are added: the newest matches first.
      candidateOrder: sql`product_search.rowid desc`,
      wholeWords: null,
    };
  }
  // A product's document is on its own row (`search_document`: migration 0020), so the matches need
  // no join and a walk tests the row it reads anyway.
  const document = sql`${products}.search_document`;
  // The walked row's document: the product's own, or the copy on its sales row (migration 0021).
  const documentOf = (walked: WalkedRow): SQL => (walked === 'products' ? document : sql`${productSales}.search_document`);
  // A float8 score: a float4 read into a number and bound back would not equal itself.
  return {
    products: (terms) => ({
      from: sql`${products}`,
      where: sql`${document} @@ to_tsquery('english', ${tsQuery(terms)})`,
      score: sql`(ts_rank(${document}, to_tsquery('english', ${tsQuery(terms)}))::float8)`,
    }),
    brands: (terms) => ({
      from: sql`brand_search join ${brands} on ${brands.id} = brand_search.brand_id`,
      where: sql`brand_search.document @@ to_tsquery('english', ${tsQuery(terms)})`,
      score: sql`(ts_rank(brand_search.document, to_tsquery('english', ${tsQuery(terms)}))::float8)`,
    }),
    // The walked row's own document (a product's, or the copy on its sales row), which the sort's
    // index also holds. The planner picks the read by the words' statistics: for a common word, an
    // index-only walk of the sort's index testing each entry; for a rare one, the matches read
    // through the table's GIN index and sorted.
    productMatches: (terms, walked) => sql`${documentOf(walked)} @@ to_tsquery('english', ${tsQuery(terms)})`,
    // Counting 500 of a common word's matches visits a heap page per match (2.7 ms for "serum" on
    // 200,000 products), more than the walk it decides on: the planner's statistics decide instead.
    counted: null,
    // The GIN index yields matches in the table's physical order, which a sort cannot say: the first ones it yields.
    candidateOrder: null,
    // A prefix's GIN read merges every word it starts into one bitmap of the matches before the first
    // is read: 2.2 ms for "serum:*"'s 4,024 on 200,000 products, 1.0–1.5 ms for the whole word's.
    wholeWords: (terms) => sql`${document} @@ to_tsquery('english', ${tsQueryOf(terms, 'none')})`,
  };
}

/** How many matches make a word dense in a catalogue of `size`: DENSE_SHARE of it, within SORTED_MATCHES_MAX + 1 and DENSE_MATCHES_MAX. */
export function denseFrom(size: number): number {
  return Math.min(DENSE_MATCHES_MAX, Math.max(SORTED_MATCHES_MAX + 1, Math.ceil(size * DENSE_SHARE)));
}

/** A hit as the engines answer it: numbers may come back as strings (Postgres' bigint, a float8 as a number). */
interface RawHit {
  id: string;
  sort_key: number | string;
}

const toHit = (row: RawHit): SearchHit => ({ id: row.id, key: [Number(row.sort_key), row.id] });

export function searchStatements(engine: Engine<CommerceTables>) {
  const { products, productSales, brandTopics } = engine.tables;
  const text = textSearchOf(engine);
  const units = sql`coalesce(${productSales.units}, 0)`;
  /** A cursor's value bound with its type: a server engine cannot tell a bound value's type in a row. */
  const number = (value: number | string) => sql`cast(${Number(value)} as double precision)`;
  const id = (value: number | string) => sql`cast(${String(value)} as text)`;

  /** What each sort orders by: a value, then the id, descending but for the lowest price first. */
  const sortValue = (search: ProductSearch, score: SQL): { value: SQL; direction: 'asc' | 'desc' } => {
    switch (search.sort) {
      case 'RELEVANCE':
        return { value: score, direction: 'desc' };
      case 'PRICE_ASC':
        return { value: sql`${products.priceAmount}`, direction: 'asc' };
      case 'PRICE_DESC':
        return { value: sql`${products.priceAmount}`, direction: 'desc' };
      case 'NEWEST':
        return { value: engine.name === 'sqlite' ? sql`${products.createdAt}` : sql`(extract(epoch from ${products.createdAt}) * 1000)::float8`, direction: 'desc' };
      case 'BEST_SELLING':
        return { value: units, direction: 'desc' };
    }
  };

  const after = (value: SQL, direction: 'asc' | 'desc', idColumn: SQL, page: Page): SQL | undefined =>
    page.after ? sql`(${value}, ${idColumn}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${number(page.after[0]!)}, ${id(page.after[1]!)})` : undefined;

  /** The search's narrowing besides its words, on a product row. */
  const filters = (search: ProductSearch): SQL | undefined =>
    and(
      eq(products.status, 'ACTIVE'),
      search.brandId === null ? undefined : eq(products.brandId, search.brandId),
      search.minPrice === null ? undefined : gte(products.priceAmount, search.minPrice),
      search.maxPrice === null ? undefined : lte(products.priceAmount, search.maxPrice),
      search.inStock === null ? undefined : search.inStock ? gt(products.inventory, 0) : eq(products.inventory, 0),
      search.topic === null ? undefined : sql`${products.brandId} in (select ${brandTopics.brandId} from ${brandTopics} where ${brandTopics.topic} = ${search.topic})`,
    );

  /** Every match, sorted, a page taken: what a search costs when its words match few products. */
  const sortMatches = async (search: ProductSearch, page: Page): Promise<SearchHit[]> => {
    const match = text.products(search.terms);
    const { value, direction } = sortValue(search, match.score);
    const order = sql.raw(direction);
    const where = and(match.where, filters(search), after(value, direction, sql`${products.id}`, page));
    const rows = await engine.rows<RawHit>(
      sql`select ${products.id} as id, ${value} as sort_key from ${match.from} left join ${productSales} on ${productSales.productId} = ${products.id} where ${where} order by sort_key ${order}, ${products.id} ${order} limit ${page.first + 1}`,
    );
    return rows.map(toHit);
  };

  /**
   * RELEVANCE ranks a bounded set of candidates: the first RELEVANCE_CANDIDATES matches that pass
   * the filters, in the index's own order (the newest products first on SQLite; on Postgres the
   * last word's whole matches before its prefix's: `wholeWords`), scored and sorted. A word
   * matching fewer products ranks them all, as before.
   */
  const relevance = async (search: ProductSearch, page: Page): Promise<SearchHit[]> => {
    const match = text.products(search.terms);
    const score = text.counted && (await matchCount(search.terms, text.counted)).dense ? text.counted.denseScore : match.score;
    const candidatesWhere = (where: SQL | undefined, limit: SQL | number) =>
      sql`select ${products.id} as id, ${score} as sort_key from ${match.from} where ${and(where, filters(search))}${text.candidateOrder ? sql` order by ${text.candidateOrder}` : sql``} limit ${limit}`;
    // The last word whole first where a prefix costs more; a prefix's other matches fill the rest
    // (none read when the whole word fills the set: a limit of 0 reads nothing).
    const whole = text.wholeWords?.(search.terms);
    const prelude = whole ? sql`with whole as materialized (${candidatesWhere(whole, RELEVANCE_CANDIDATES)}) ` : sql``;
    const candidates = whole
      ? sql`select id, sort_key from whole union all select id, sort_key from (${candidatesWhere(sql`${match.where} and ${products.id} not in (select id from whole)`, sql`(select ${RELEVANCE_CANDIDATES} - count(*) from whole)`)}) as rest`
      : candidatesWhere(match.where, RELEVANCE_CANDIDATES);
    const rows = await engine.rows<RawHit>(
      sql`${prelude}select candidates.id as id, candidates.sort_key as sort_key from (${candidates}) as candidates${page.after ? sql` where ${after(sql`candidates.sort_key`, 'desc', sql`candidates.id`, page)}` : sql``} order by candidates.sort_key desc, candidates.id desc limit ${page.first + 1}`,
    );
    return rows.map(toHit);
  };

  /**
   * How many products the words match, counted up to where they are dense, and whether they are:
   * so many that reading every match would cost what the catalogue holds.
   */
  const matchCount = async (terms: readonly string[], counted: CountedSearch): Promise<{ matched: number; dense: boolean }> => {
    const [size] = await engine.rows<{ n: number | string }>(counted.catalogueSize);
    const denseAt = denseFrom(Number(size?.n ?? 0));
    const [found] = await engine.rows<{ n: number | string }>(counted.matchesUpTo(terms, denseAt));
    const matched = Number(found?.n ?? 0);
    return { matched, dense: matched >= denseAt };
  };

  /**
   * A sort with an index, when the words match many products: walk the sort key's index in order,
   * keep the rows that match, stop at the page. The denser the matches, the sooner it stops.
   */
  const walk = async (search: ProductSearch, page: Page, dense: boolean): Promise<SearchHit[]> => {
    const membership = dense && text.counted ? text.counted.matchesEach : text.productMatches;
    const matches = membership(search.terms, 'products');
    const limit = page.first + 1;
    const key = page.after ? ([Number(page.after[0]), String(page.after[1])] as [number, string]) : null;
    switch (search.sort) {
      case 'NEWEST': {
        const value = engine.name === 'sqlite' ? sql`${products.createdAt}` : sql`(extract(epoch from ${products.createdAt}) * 1000)::float8`;
        const where = and(filters(search), matches, before(engine, [products.createdAt, products.id], key));
        return (await engine.rows<RawHit>(sql`select ${products.id} as id, ${value} as sort_key from ${products} where ${where} order by ${products.createdAt} desc, ${products.id} desc limit ${limit}`)).map(toHit);
      }
      case 'PRICE_ASC':
      case 'PRICE_DESC': {
        const ascending = search.sort === 'PRICE_ASC';
        const order = sql.raw(ascending ? 'asc' : 'desc');
        const where = and(filters(search), matches, (ascending ? beyond : before)(engine, [products.priceAmount, products.id], key));
        return (await engine.rows<RawHit>(sql`select ${products.id} as id, ${products.priceAmount} as sort_key from ${products} where ${where} order by ${products.priceAmount} ${order}, ${products.id} ${order} limit ${limit}`)).map(toHit);
      }
      case 'BEST_SELLING': {
        // Every product has its kept row (0 until it sells: migration 0015), so the sort is one
        // walk down its index; membership is tested on that row before the product is read: the
        // copy of the product's doc id (SQLite) or document (Postgres) it and its index hold.
        const where = and(filters(search), membership(search.terms, 'productSales'), before(engine, [productSales.units, productSales.productId], key));
        const rows = await engine.rows<RawHit>(
          sql`select ${products.id} as id, ${productSales.units} as sort_key from ${productSales} cross join ${products} where ${products.id} = ${productSales.productId} and ${where} order by ${productSales.units} desc, ${productSales.productId} desc limit ${limit}`,
        );
        return rows.map(toHit);
      }
      case 'RELEVANCE':
        return relevance(search, page);
    }
  };

  return {
    searchProducts: async (search, page) => {
      if (search.sort === 'RELEVANCE') return relevance(search, page);
      // Postgres' planner chooses how to read the matches from its statistics of the words.
      if (!text.counted) return walk(search, page, false);
      // SQLite: a bounded look at how many products the words match decides how to read them: few,
      // sorted whole; more, a walk of the sort's index keeping the matches; so many that the walk
      // finds a page within a few rows, each row tested by itself instead of every match read once.
      const { matched, dense } = await matchCount(search.terms, text.counted);
      if (matched <= SORTED_MATCHES_MAX) return sortMatches(search, page);
      return walk(search, page, dense);
    },

    searchBrands: async (terms, page) => {
      const match = text.brands(terms);
      const { brands } = engine.tables;
      const rows = await engine.rows<RawHit>(
        sql`select ${brands.id} as id, ${match.score} as sort_key from ${match.from} where ${and(match.where, after(match.score, 'desc', sql`${brands.id}`, page))} order by sort_key desc, ${brands.id} desc limit ${page.first + 1}`,
      );
      return rows.map(toHit);
    },
  } satisfies Partial<CommerceStatements>;
}
