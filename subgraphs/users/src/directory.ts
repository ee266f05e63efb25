/**
 * The creators directory: how brands and viewers find creators.
 *
 * - Creators most followed first (ties by id), narrowed by any of: words of their handle, name or
 *   bio (each word a prefix of one of theirs, all required), their topic, a follower band
 *   (inclusive), a country. Paged by `[followerCount, id]` either way (`last`/`before` walk the
 *   same index back); a creator whose count moves between
 *   two pages may be met twice or not at all, as in any list sorted by a live count.
 * - Text is at most SEARCH_TEXT_MAX characters and SEARCH_TERMS_MAX different words; text with no
 *   word in it is refused rather than answered with everyone. A band whose minimum is above its maximum, negative bounds and a
 *   country that is not two letters are refused too.
 * - A minimum sample fulfilment rate (commerce owns the rate) is a bounded look: the directory is
 *   walked in its own order from the cursor, the candidates' rates asked of commerce
 *   FULFILMENT_LOOK_BATCH at a time on the caller's behalf (commerce's rule decides who may see
 *   rates: its FORBIDDEN is passed on; no answer is SERVICE_UNAVAILABLE, never a guess), those at or
 *   above the minimum kept (no rate yet is not proven: left out), until the page is full or
 *   FULFILMENT_LOOK_MAX candidates were looked at. The page's far cursor is the last candidate
 *   looked at, so the next page goes on from there; a page may hold fewer than asked with more to
 *   come. Its cost is bounded by the look, never by the directory's size.
 */
import { badInput } from '@app/kit/errors';
import { searchWords } from '@app/kit/db/text-search';
import { connectionOf, encodeCursor, readPage, toConnection, type Connection, type ListPaging, type Page, type PageArgs } from '@app/kit/pagination';
import type { UserRow } from './mappers.ts';
import type { Context } from './context.ts';
import type { CreatorFilter } from './db/contract.ts';
import { fulfilmentRates } from './facts.ts';
import { CREATOR_TOPICS, FULFILMENT_LOOK_BATCH, FULFILMENT_LOOK_MAX, SEARCH_TERMS_MAX, SEARCH_TEXT_MAX, type CreatorTopic } from './vocabulary.ts';

export interface DirectoryArgs extends PageArgs {
  text?: string | null;
  topic?: CreatorTopic | null;
  followers?: { min?: number | null; max?: number | null } | null;
  country?: string | null;
  minFulfilmentRate?: number | null;
}

/** The filter the arguments ask for. @throws BAD_USER_INPUT naming the argument that cannot be met. */
export function directoryFilter(args: DirectoryArgs): CreatorFilter {
  let terms: string[] = [];
  if (args.text != null) {
    if (args.text.length > SEARCH_TEXT_MAX) throw badInput(`text must be at most ${SEARCH_TEXT_MAX} characters.`, { argument: 'text' });
    terms = [...new Set(searchWords(args.text))];
    if (terms.length === 0) throw badInput('text has no word to search for: give letters or digits, or leave it out.', { argument: 'text' });
    if (terms.length > SEARCH_TERMS_MAX) throw badInput(`text holds at most ${SEARCH_TERMS_MAX} different words.`, { argument: 'text', max: SEARCH_TERMS_MAX });
  }
  const min = args.followers?.min ?? null;
  const max = args.followers?.max ?? null;
  if ((min !== null && min < 0) || (max !== null && max < 0)) throw badInput('A follower band is never negative.', { argument: 'followers' });
  if (min !== null && max !== null && min > max) throw badInput(`The follower band's min (${min}) is above its max (${max}).`, { argument: 'followers' });
  const country = args.country ?? null;
  if (country !== null && !/^[A-Z]{2}$/.test(country)) throw badInput('country is an ISO 3166-1 alpha-2 code, e.g. US.', { argument: 'country' });
  if (args.topic != null && !CREATOR_TOPICS.includes(args.topic)) throw badInput(`topic is one of ${CREATOR_TOPICS.join(', ')}.`, { argument: 'topic' });
  return { terms, topic: args.topic ?? null, minFollowers: min, maxFollowers: max, country };
}

/** The minimum fulfilment rate asked for, or null. @throws BAD_USER_INPUT (argument minFulfilmentRate) outside 0 to 1. */
export function minimumFulfilmentRate(args: DirectoryArgs): number | null {
  const rate = args.minFulfilmentRate ?? null;
  if (rate !== null && !(Number.isFinite(rate) && rate >= 0 && rate <= 1)) {
    throw badInput(`minFulfilmentRate is a share from 0 to 1 (0.8 for 80%), got ${rate}.`, { argument: 'minFulfilmentRate' });
  }
  return rate;
}

/** How the directory pages, either way: by `[followerCount, id]`. */
export const DIRECTORY_PAGING: ListPaging<UserRow> = { arity: 2, keyOf: (row) => [row.followerCount, row.id] };

/** A page of the creators directory. */
export async function creatorDirectory(context: Context, args: DirectoryArgs): Promise<Connection<UserRow>> {
  const filter = directoryFilter(args);
  const minRate = minimumFulfilmentRate(args);
  if (minRate !== null) return lookByFulfilment(context, filter, readPage(args, DIRECTORY_PAGING.arity, { backward: true }), minRate);
  return connectionOf(args, DIRECTORY_PAGING, (page) => directoryRows(context, filter, page));
}

async function directoryRows(context: Context, filter: CreatorFilter, page: Page): Promise<UserRow[]> {
  const rows = await context.store.creatorDirectoryPage(filter, page);
  for (const row of rows) context.loaders.userById.prime(row.id, row);
  return rows;
}

/**
 * The directory's page of creators whose fulfilment rate is at least `minRate`: the bounded look
 * (see the module's comment). Either way: a backward page walks back from its cursor and its start
 * cursor is the last candidate looked at.
 */
async function lookByFulfilment(context: Context, filter: CreatorFilter, page: Page, minRate: number): Promise<Connection<UserRow>> {
  // Nothing to keep: the plain page says whether the list goes on, and no rate is asked.
  if (page.first === 0) return toConnection(await directoryRows(context, filter, page), page, DIRECTORY_PAGING.keyOf);
  const kept: UserRow[] = [];
  let from = page.backward ? page.backward.before : page.after;
  let lastLooked: UserRow | null = null;
  let looked = 0;
  // Whether the directory holds candidates past the last one looked at.
  let more = true;
  while (more && kept.length < page.first && looked < FULFILMENT_LOOK_MAX) {
    const size = Math.min(FULFILMENT_LOOK_BATCH, FULFILMENT_LOOK_MAX - looked);
    const rows = await directoryRows(context, filter, page.backward ? { first: size, after: null, backward: { before: from } } : { first: size, after: from });
    const candidates = rows.slice(0, size);
    more = rows.length > size;
    if (candidates.length === 0) break;
    const rates = await fulfilmentRates(context, candidates.map((row) => row.id));
    for (const [index, row] of candidates.entries()) {
      looked += 1;
      lastLooked = row;
      const rate = rates[index] ?? null;
      if (rate !== null && rate >= minRate) kept.push(row);
      if (kept.length === page.first) {
        more ||= index < candidates.length - 1;
        break;
      }
    }
    from = DIRECTORY_PAGING.keyOf(lastLooked as UserRow);
  }
  const nodes = page.backward ? kept.reverse() : kept;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(DIRECTORY_PAGING.keyOf(node)), node }));
  const farCursor = lastLooked ? encodeCursor(DIRECTORY_PAGING.keyOf(lastLooked)) : null;
  return {
    edges,
    pageInfo: page.backward
      ? { hasNextPage: page.backward.before !== null, hasPreviousPage: more, startCursor: farCursor, endCursor: edges.at(-1)?.cursor ?? null }
      : { hasNextPage: more, hasPreviousPage: page.after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: farCursor },
  };
}
