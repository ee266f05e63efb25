/**
 * Search over products and brands with each engine's own full-text index: SQLite's FTS5 (bm25),
 * Postgres' tsvector with a GIN index (ts_rank). The tables and the triggers that keep them in
 * step with products and brands are in the migrations (`0010_product_search.sql`,
 * `drizzle-pg/0007_product_search.sql`). Each statement is written once; `textSearch` below holds
 * the only dialect parts: where the matches come from, what a query is, and a match's score
 * (higher is more relevant on both).
 */
import { and, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Engine } from '@app/kit/db/engine';
import { ftsQuery as ftsQueryOf, tsQuery as tsQueryOf } from '@app/kit/db/text-search';
import type { Page } from '@app/kit/pagination';
import type { CommerceStatements, ProductSearch, SearchHit } from '../contract.ts';
import type { CommerceTables } from '../tables.ts';

interface TextSearch {
  /** The matches of `terms` joined to their rows: `from` … `join <table> on` and the match condition. */
  products(terms: readonly string[]): { from: SQL; where: SQL; score: SQL };
  brands(terms: readonly string[]): { from: SQL; where: SQL; score: SQL };
}

// Every word required, the last one also as the start of a longer word (typing ahead).
const ftsQuery = (terms: readonly string[]) => ftsQueryOf(terms, 'last');
const tsQuery = (terms: readonly string[]) => tsQueryOf(terms, 'last');

function textSearchOf(engine: Engine<CommerceTables>): TextSearch {
  const { products, brands } = engine.tables;
  if (engine.name === 'sqlite') {
    // Title ten times a description word, the brand's name four times.
    return {
      products: (terms) => ({
        from: sql`product_search join product_search_rows on product_search_rows.doc = product_search.rowid join ${products} on ${products.id} = product_search_rows.product_id`,
        where: sql`product_search match ${ftsQuery(terms)}`,
        score: sql`(-bm25(product_search, 10.0, 1.0, 4.0))`,
      }),
      brands: (terms) => ({
        from: sql`brand_search join brand_search_rows on brand_search_rows.doc = brand_search.rowid join ${brands} on ${brands.id} = brand_search_rows.brand_id`,
        where: sql`brand_search match ${ftsQuery(terms)}`,
        score: sql`(-bm25(brand_search, 10.0, 1.0))`,
      }),
    };
  }
  // A float8 score: a float4 read into a number and bound back would not equal itself.
  return {
    products: (terms) => ({
      from: sql`product_search join ${products} on ${products.id} = product_search.product_id`,
      where: sql`product_search.document @@ to_tsquery('english', ${tsQuery(terms)})`,
      score: sql`(ts_rank(product_search.document, to_tsquery('english', ${tsQuery(terms)}))::float8)`,
    }),
    brands: (terms) => ({
      from: sql`brand_search join ${brands} on ${brands.id} = brand_search.brand_id`,
      where: sql`brand_search.document @@ to_tsquery('english', ${tsQuery(terms)})`,
      score: sql`(ts_rank(brand_search.document, to_tsquery('english', ${tsQuery(terms)}))::float8)`,
    }),
  };
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

  return {
    searchProducts: async (search, page) => {
      const match = text.products(search.terms);
      const { value, direction } = sortValue(search, match.score);
      const order = sql.raw(direction);
      const where = and(
        match.where,
        eq(products.status, 'ACTIVE'),
        search.brandId === null ? undefined : eq(products.brandId, search.brandId),
        search.minPrice === null ? undefined : gte(products.priceAmount, search.minPrice),
        search.maxPrice === null ? undefined : lte(products.priceAmount, search.maxPrice),
        search.inStock === null ? undefined : search.inStock ? gt(products.inventory, 0) : eq(products.inventory, 0),
        search.topic === null ? undefined : sql`${products.brandId} in (select ${brandTopics.brandId} from ${brandTopics} where ${brandTopics.topic} = ${search.topic})`,
        after(value, direction, sql`${products.id}`, page),
      );
      const rows = await engine.rows<RawHit>(
        sql`select ${products.id} as id, ${value} as sort_key from ${match.from} left join ${productSales} on ${productSales.productId} = ${products.id} where ${where} order by sort_key ${order}, ${products.id} ${order} limit ${page.first + 1}`,
      );
      return rows.map(toHit);
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
