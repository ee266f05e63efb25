/**
 * The rules of search, in one place.
 *
 * - `searchProducts` finds the products on sale whose title, description or brand name hold every
 *   word of `text` (the last word also as the start of one: "runn" finds "running"; words are
 *   stemmed, "shoes" finds "shoe"), narrowed by brand, price range (inclusive, minor units),
 *   stock and topic (a topic its brand's products suit). Sorted by RELEVANCE (title matches
 *   first; the default), PRICE_ASC, PRICE_DESC, NEWEST or BEST_SELLING (units sold by the orders
 *   that stand, net of refunds: a kept count); ties by id. `searchBrands` finds brands by name and
 *   description, most relevant first.
 * - Words are runs of letters and digits; anything else separates them, so no input is an
 *   operator of either engine's query language. Text with no word, more than 200 characters or
 *   more than 10 words, `minPrice` above `maxPrice`, a negative price, an unknown `brandId`, or
 *   `first` beyond the page limit are BAD_USER_INPUT (NOT_FOUND for the brand), naming the argument.
 * - A search costs what it matches (the engine's full-text index finds the matches, which are then
 *   sorted), never the whole catalogue: it has no "everything" form; `products` lists without text.
 */
import { searchWords } from '@app/kit/db/text-search';
import { badInput } from '@app/kit/errors';
import { readPage, toConnection, type PageArgs } from '@app/kit/pagination';
import type { Context } from './context.ts';
import type { ProductSearch, SearchHit } from './db/contract.ts';
import type { BrandRow, ProductRow } from './mappers.ts';
import { loadBrand } from './products.ts';
import type { ProductSort } from './vocabulary.ts';

export const SEARCH_TEXT_MAX = 200;

/**
 * Why searches page forward only: a search's order is worked out from its matches as it reads
 * them (relevance scored per match, or the few matches sorted), not an index a read could walk
 * back from a cursor.
 */
export const SEARCH_FORWARD_ONLY = 'a search ranks its matches as it reads them; no index walks that order back';
export const SEARCH_TERMS_MAX = 10;
const TOPIC_MAX = 40;

/** The words of a search's text: lower-cased runs of letters and digits. */
export function searchTerms(text: string): string[] {
  if (text.length > SEARCH_TEXT_MAX) throw badInput(`\`text\` is at most ${SEARCH_TEXT_MAX} characters.`, { argument: 'text', max: SEARCH_TEXT_MAX });
  const terms = searchWords(text);
  if (terms.length === 0) throw badInput('`text` must hold at least one word (letters or digits).', { argument: 'text' });
  if (terms.length > SEARCH_TERMS_MAX) throw badInput(`\`text\` holds at most ${SEARCH_TERMS_MAX} words.`, { argument: 'text', max: SEARCH_TERMS_MAX });
  return terms;
}

export interface ProductSearchArgs extends PageArgs {
  text: string;
  brandId?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  inStock?: boolean | null;
  topic?: string | null;
  sort?: ProductSort | null;
}

function price(value: number | null | undefined, argument: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0) throw badInput(`\`${argument}\` must be a whole number of minor units, 0 or more.`, { argument });
  return value;
}

/** Loads the hits' rows in the hits' order, into a connection whose cursors are the hits' sort keys. */
async function connectionOf<T extends { id: string }>(hits: SearchHit[], page: ReturnType<typeof readPage>, load: (ids: string[]) => Promise<(T | null | Error)[]>) {
  const rows = await load(hits.map((hit) => hit.id));
  const found = hits.flatMap((hit, i) => {
    const row = rows[i];
    return row == null || row instanceof Error ? [] : [{ row, key: hit.key }];
  });
  const connection = toConnection(found, page, (item) => item.key);
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.row })) };
}

export async function searchProducts(context: Context, args: ProductSearchArgs) {
  const page = readPage(args, 2, { forwardOnly: SEARCH_FORWARD_ONLY });
  const terms = searchTerms(args.text);
  const minPrice = price(args.minPrice, 'minPrice');
  const maxPrice = price(args.maxPrice, 'maxPrice');
  if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) throw badInput('`minPrice` must not be above `maxPrice`.', { argument: 'minPrice' });
  const topic = args.topic == null ? null : args.topic.trim().toLowerCase();
  if (topic !== null && (topic.length === 0 || topic.length > TOPIC_MAX)) throw badInput(`\`topic\` must be 1 to ${TOPIC_MAX} characters.`, { argument: 'topic' });
  if (args.brandId != null) await loadBrand(context, args.brandId);
  const search: ProductSearch = { terms, brandId: args.brandId ?? null, minPrice, maxPrice, inStock: args.inStock ?? null, topic, sort: args.sort ?? 'RELEVANCE' };
  const hits = await context.store.searchProducts(search, page);
  return connectionOf<ProductRow>(hits, page, (ids) => context.loaders.productById.loadMany(ids) as Promise<(ProductRow | null | Error)[]>);
}

export async function searchBrands(context: Context, args: PageArgs & { text: string }) {
  const page = readPage(args, 2, { forwardOnly: SEARCH_FORWARD_ONLY });
  const hits = await context.store.searchBrands(searchTerms(args.text), page);
  return connectionOf<BrandRow>(hits, page, (ids) => context.loaders.brandById.loadMany(ids) as Promise<(BrandRow | null | Error)[]>);
}
