/**
 * How commerce's lists page, each either way (`first`/`after` or `last`/`before`, one index walked
 * either way). Newest-first lists (a brand's products and catalogs, orders,
 * affiliate links) page by `[createdAt, id]`; hand-ordered lists (a catalog, a showcase, the
 * catalogs a creator carries) by `[position, id]`. Each page of many parents is one statement
 * (db/statements/reads.ts), through a per-owner page loader.
 */
import type DataLoader from 'dataloader';
import { connectionOf, type ListPaging, type PageArgs, type PageInfo } from '@app/kit/pagination';
import type { Owned } from '@app/kit/db/shapes';
import type { Placed } from './db/contract.ts';
import type { PageKey } from './loaders.ts';

type PageLoader<R> = DataLoader<PageKey, R[], string>;

/** How a newest-first list pages, either way: by `[time ms, id]`, the time being `timeOf` a row's. */
export function newestFirstPaging<T extends { id: string }>(timeOf: (row: T) => Date): ListPaging<T> {
  return { arity: 2, keyOf: (row) => [timeOf(row).getTime(), row.id] };
}

/** Newest-first lists by `createdAt` (products, catalogs, orders, affiliate links). */
export const CREATED_PAGING: ListPaging<{ id: string; createdAt: Date }> = newestFirstPaging((row) => row.createdAt);

/** How a hand-ordered list pages, either way: by `[position, id]`. */
export const POSITION_PAGING: ListPaging<{ position: number; node: { id: string } }> = { arity: 2, keyOf: (row) => [row.position, row.node.id] };

/** A per-owner page's connection of the nodes themselves. */
function ofNodes<T>(connection: { pageInfo: PageInfo; edges: { cursor: string; node: { node: T } }[] }) {
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })) };
}

export function newestFirst<T extends { id: string; createdAt: Date }>(loader: PageLoader<Owned<T>>, ownerId: string, args: PageArgs) {
  return newestFirstBy(loader, ownerId, args, (row) => row.createdAt);
}

/** A newest-first list whose time is another column than `createdAt` (a payout's `requestedAt`). */
export async function newestFirstBy<T extends { id: string }>(loader: PageLoader<Owned<T>>, ownerId: string, args: PageArgs, timeOf: (row: T) => Date) {
  const paging = newestFirstPaging(timeOf);
  return ofNodes(await connectionOf(args, { arity: paging.arity, keyOf: (row: Owned<T>) => paging.keyOf(row.node) }, (page) => loader.load({ ownerId, page })));
}

export async function inPositionOrder<T extends { id: string }>(loader: PageLoader<Placed<T>>, ownerId: string, args: PageArgs) {
  return ofNodes(await connectionOf(args, POSITION_PAGING as ListPaging<Placed<T>>, (page) => loader.load({ ownerId, page })));
}
