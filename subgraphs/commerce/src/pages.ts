/**
 * How commerce's lists page. Newest-first lists (a brand's products and catalogs, orders,
 * affiliate links) page by `[createdAt, id]`; hand-ordered lists (a catalog, a showcase, the
 * catalogs a creator carries) by `[position, id]`. Each page of many parents is one statement
 * (db/statements/reads.ts), through a per-owner page loader.
 */
import type DataLoader from 'dataloader';
import { readPage, toConnection, type PageArgs } from '@app/kit/pagination';
import type { Owned } from '@app/kit/db/shapes';
import type { Placed } from './db/contract.ts';
import type { PageKey } from './loaders.ts';

type PageLoader<R> = DataLoader<PageKey, R[], string>;

/** The cursor of both kinds of list has two parts. */
const CURSOR_PARTS = 2;

export function newestFirst<T extends { id: string; createdAt: Date }>(loader: PageLoader<Owned<T>>, ownerId: string, args: PageArgs) {
  return newestFirstBy(loader, ownerId, args, (row) => row.createdAt);
}

/** A newest-first list whose time is another column than `createdAt` (a payout's `requestedAt`). */
export async function newestFirstBy<T extends { id: string }>(loader: PageLoader<Owned<T>>, ownerId: string, args: PageArgs, timeOf: (row: T) => Date) {
  const page = readPage(args, CURSOR_PARTS);
  const rows = await loader.load({ ownerId, page });
  const connection = toConnection(rows, page, (row) => [timeOf(row.node).getTime(), row.node.id]);
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })) };
}

export async function inPositionOrder<T extends { id: string }>(loader: PageLoader<Placed<T>>, ownerId: string, args: PageArgs) {
  const page = readPage(args, CURSOR_PARTS);
  const rows = await loader.load({ ownerId, page });
  const connection = toConnection(rows, page, (row) => [row.position, row.node.id]);
  return { pageInfo: connection.pageInfo, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.node })) };
}
