import { badInput } from './errors.ts';

/** The largest page any list in the graph serves; asking for more is an error, not a silent clamp. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A cursor holds the sort key of the last row seen, e.g. `[publishedAt, id]`. */
export type CursorKey = readonly (string | number)[];

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  /** Backward paging (Relay's `last`/`before`), on the lists that offer it. */
  last?: number | null;
  before?: string | null;
}

export interface Page {
  /** How many rows the client asked for. */
  first: number;
  /** The sort key after which the page starts, or null for the first page. */
  after: CursorKey | null;
  /**
   * Set when the client pages backward (`last`/`before`): the page is the `first` rows just before
   * this key (null: the end of the list), read walking the list's index the other way.
   */
  backward?: { before: CursorKey | null };
}

export interface ReadPageOptions {
  max?: number;
  /** Whether the list offers `last`/`before`; one that does not refuses them rather than ignore them. */
  backward?: boolean;
  /** Why a list that does not offer `last`/`before` cannot, said in the refusal. */
  forwardOnly?: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, argument: 'after' | 'before' = 'after'): CursorKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === arity &&
    key.every((part) => typeof part === 'string' || (typeof part === 'number' && Number.isFinite(part)));
  if (!valid) throw badInput(`The cursor ${JSON.stringify(cursor)} is not one this list gave out.`, { argument });
  return key as CursorKey;
}

function pageSize(value: number, argument: 'first' | 'last', max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw badInput(`\`${argument}\` must be between 0 and ${max}, got ${value}.`, { argument, max });
  }
  return value;
}

/**
 * Validates `first`/`after` (or, on a list that offers them, `last`/`before`) for a list whose
 * cursor has `arity` parts. One direction at a time: `first` with `last`, or `after` with
 * `before`, is refused rather than guessed at.
 * @throws BAD_USER_INPUT when a size is out of range, a cursor is malformed, or directions are mixed.
 */
export function readPage(args: PageArgs, arity: number, { max = MAX_PAGE_SIZE, backward = false, forwardOnly }: ReadPageOptions = {}): Page {
  const wantsBackward = (args.last ?? null) !== null || (args.before ?? null) !== null;
  if (wantsBackward && !backward) {
    throw badInput(`This list pages forward only${forwardOnly ? ` (${forwardOnly})` : ''}: use \`first\` and \`after\`.`, { argument: args.last != null ? 'last' : 'before' });
  }
  if (wantsBackward) {
    if (args.first != null || args.after != null) throw badInput('Page one way at a time: `first`/`after` or `last`/`before`, not both.', { argument: 'last' });
    return { first: pageSize(args.last ?? DEFAULT_PAGE_SIZE, 'last', max), after: null, backward: { before: args.before ? decodeCursor(args.before, arity, 'before') : null } };
  }
  return { first: pageSize(args.first ?? DEFAULT_PAGE_SIZE, 'first', max), after: args.after ? decodeCursor(args.after, arity) : null };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * Builds a connection from up to `first + 1` rows in reading order: the extra row, when present,
 * only says that another page exists that way. A backward page's rows come nearest the cursor
 * first, so they are turned back into list order. The side a page came from is known to hold
 * more (Relay lets a server say so without a second read).
 */
export function toConnection<T>(rows: readonly T[], page: Page, keyOf: (row: T) => CursorKey): Connection<T> {
  const more = rows.length > page.first;
  const nodes = page.backward ? rows.slice(0, page.first).reverse() : rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.backward.before !== null : more,
      hasPreviousPage: page.backward ? more : page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * How one list pages: its cursor is the sort key `keyOf` gives a row (`arity` parts). A list
 * pages both ways unless `forwardOnly` says why it cannot (e.g. its order is not one an index can
 * walk back); `last`/`before` are then refused with that reason.
 */
export interface ListPaging<T> {
  arity: number;
  keyOf: (row: T) => CursorKey;
  forwardOnly?: string;
  max?: number;
}

/**
 * A list's connection from its arguments, in one place for every list: `args` are read into a
 * page (either way, validated), `read` fetches up to `first + 1` rows of it in reading order (the
 * store walks the list's index from the cursor, back against the list's order for a
 * `last`/`before` page: `keysetPage`), and the rows become the connection.
 * @throws BAD_USER_INPUT as `readPage` does, before anything is read.
 */
export async function connectionOf<T>(args: PageArgs, paging: ListPaging<T>, read: (page: Page) => Promise<readonly T[]>): Promise<Connection<T>> {
  const page = readPage(args, paging.arity, { max: paging.max, backward: paging.forwardOnly === undefined, forwardOnly: paging.forwardOnly });
  return toConnection(await read(page), page, paging.keyOf);
}

/** A stable string for a page, to group DataLoader keys that share the same arguments. */
export function pageGroup(page: Page): string {
  return JSON.stringify([page.first, page.after, page.backward?.before ?? null, page.backward ? 1 : 0]);
}
