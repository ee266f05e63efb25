/**
 * For contract suites: walks a list through `connectionOf` forward (`first`/`after`) to its end
 * and backward (`last`/`before`) to its start, and checks what a client relies on: the same rows
 * either way in the same order, none twice, and `pageInfo` true at both ends and in between.
 */
import { expect } from 'vitest';
import { connectionOf, type Connection, type ListPaging, type Page, type PageInfo } from '../pagination.ts';

/** More pages than any list in a contract suite has: a walk that goes on longer is stuck. */
const MAX_PAGES = 1_000;

async function walk<T>(paging: ListPaging<T>, read: (page: Page) => Promise<readonly T[]>, size: number, backward: boolean) {
  const rows: T[] = [];
  const pages: PageInfo[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const args = backward ? { last: size, before: cursor } : { first: size, after: cursor };
    const connection: Connection<T> = await connectionOf(args, paging, read);
    pages.push(connection.pageInfo);
    const nodes = connection.edges.map((edge) => edge.node);
    if (backward) rows.unshift(...nodes);
    else rows.push(...nodes);
    const more = backward ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage;
    if (!more) return { rows, pages };
    cursor = backward ? connection.pageInfo.startCursor : connection.pageInfo.endCursor;
  }
  throw new Error(`The list did not end within ${MAX_PAGES} pages of ${size}.`);
}

/**
 * Walks the list both ways `size` rows at a time and expects the backward walk to be the forward
 * one, with no row twice and each page's `pageInfo` right: the first page forward has no previous
 * page and every later one has; the last has no next page (and the same mirrored backward).
 * @returns the rows in list order, for the suite to compare with what it seeded.
 */
export async function expectPagesBothWays<T>(paging: ListPaging<T>, read: (page: Page) => Promise<readonly T[]>, size: number): Promise<T[]> {
  const forward = await walk(paging, read, size, false);
  const backward = await walk(paging, read, size, true);
  const keys = (rows: readonly T[]) => rows.map((row) => JSON.stringify(paging.keyOf(row)));
  expect(keys(backward.rows), 'the list read backward is the list read forward').toEqual(keys(forward.rows));
  expect(new Set(keys(forward.rows)).size, 'no row twice').toBe(forward.rows.length);
  const pagesNeeded = Math.max(1, Math.ceil(forward.rows.length / size));
  for (const { pages, previous, next } of [
    { pages: forward.pages, previous: 'hasPreviousPage', next: 'hasNextPage' },
    { pages: backward.pages, previous: 'hasNextPage', next: 'hasPreviousPage' },
  ] as const) {
    // Walking away from the start: the first page has nothing behind it, every later one has.
    expect(pages.map((page) => page[previous])).toEqual(pages.map((_page, i) => i > 0));
    expect(pages.map((page) => page[next])).toEqual(pages.map((_page, i) => i < pages.length - 1));
    expect(pages.length, 'pages read').toBe(pagesNeeded);
  }
  return forward.rows;
}
