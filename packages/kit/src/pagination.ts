import { badInput } from './errors.ts';

/** The largest page any list in the graph serves; asking for more is an error, not a silent clamp. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A cursor holds the sort key of the last row seen, e.g. `[publishedAt, id]`. */
export type CursorKey = readonly (string | number)[];

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  /** How many rows the client asked for. */
  first: number;
  /** The sort key after which the page starts, or null for the first page. */
  after: CursorKey | null;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorKey {
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
  if (!valid) throw badInput(`The cursor ${JSON.stringify(cursor)} is not one this list gave out.`, { argument: 'after' });
  return key as CursorKey;
}

/**
 * Validates `first`/`after` for a list whose cursor has `arity` parts.
 * @throws BAD_USER_INPUT when `first` is out of range or `after` is malformed.
 */
export function readPage(args: PageArgs, arity: number, max = MAX_PAGE_SIZE): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(`\`first\` must be between 0 and ${max}, got ${first}.`, { argument: 'first', max });
  }
  return { first, after: args.after ? decodeCursor(args.after, arity) : null };
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
 * Builds a connection from up to `first + 1` rows: the extra row, when present, only says
 * that another page exists.
 */
export function toConnection<T>(rows: readonly T[], page: Page, keyOf: (row: T) => CursorKey): Connection<T> {
  const nodes = rows.slice(0, page.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A stable string for a page, to group DataLoader keys that share the same arguments. */
export function pageGroup(page: Page): string {
  return JSON.stringify([page.first, page.after]);
}
