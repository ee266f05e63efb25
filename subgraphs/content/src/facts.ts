/** Facts other subgraphs own that content's writes depend on, asked at the time of the write. */
import type { Context } from './context.ts';

/** Whether the users subgraph knows this id as a creator. @throws SERVICE_UNAVAILABLE when users does not answer. */
export async function isCreator(context: Context, userId: string): Promise<boolean> {
  const [creator] = await context.peers.entities<{ id: string }>('users', 'Creator', [userId], 'id', context.viewer);
  return creator !== null && creator !== undefined;
}

/** A product as commerce sells it, as far as tagging it needs. */
export interface ProductFact {
  id: string;
  status: 'ACTIVE' | 'ARCHIVED';
}

/**
 * The products commerce knows among `ids`, by id (an id commerce does not know is absent):
 * commerce's `Product` entities, through the peers client and within its deadline.
 * @throws SERVICE_UNAVAILABLE when commerce does not answer in time.
 */
export async function productsByIds(context: Context, ids: readonly string[]): Promise<Map<string, ProductFact>> {
  const products = await context.peers.entities<{ id: string; status: ProductFact['status'] }>('commerce', 'Product', ids, 'id status', context.viewer);
  return new Map(products.flatMap((product) => (product ? [[product.id, product] as const] : [])));
}
