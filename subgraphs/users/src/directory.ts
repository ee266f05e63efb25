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
 */
import { badInput } from '@app/kit/errors';
import { searchWords } from '@app/kit/db/text-search';
import { connectionOf, type ListPaging, type PageArgs } from '@app/kit/pagination';
import type { UserRow } from './mappers.ts';
import type { Context } from './context.ts';
import type { CreatorFilter } from './db/contract.ts';
import { CREATOR_TOPICS, SEARCH_TERMS_MAX, SEARCH_TEXT_MAX, type CreatorTopic } from './vocabulary.ts';

export interface DirectoryArgs extends PageArgs {
  text?: string | null;
  topic?: CreatorTopic | null;
  followers?: { min?: number | null; max?: number | null } | null;
  country?: string | null;
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

/** How the directory pages, either way: by `[followerCount, id]`. */
export const DIRECTORY_PAGING: ListPaging<UserRow> = { arity: 2, keyOf: (row) => [row.followerCount, row.id] };

/** A page of the creators directory. */
export function creatorDirectory(context: Context, args: DirectoryArgs) {
  const filter = directoryFilter(args);
  return connectionOf(args, DIRECTORY_PAGING, async (page) => {
    const rows = await context.store.creatorDirectoryPage(filter, page);
    for (const row of rows) context.loaders.userById.prime(row.id, row);
    return rows;
  });
}
