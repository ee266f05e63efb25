/**
 * Relay's `node(id:)`: any object with a global id, found by that id alone. Ids carry their type
 * as a prefix (`prd_…`), so the prefix says which type and which loader, and nothing else is
 * stored. An object the viewer may not see (an order, a return, an affiliate link) is null, the
 * same answer as an id nobody has: `node` never tells whether a hidden object exists.
 *
 * Commerce owns the `Node` interface (a Federation entity interface, `@key(fields: "id")`), so
 * every type that implements it is declared in this subgraph; a type another subgraph owns joins
 * by a stub here with `implements Node` and a prefix below, and the gateway fetches its fields
 * from its owner.
 */
import { linkReference } from './affiliates.ts';
import type { Context } from './context.ts';
import type { AffiliateLinkView, BrandRow, CatalogRow, CommissionPayoutRow, OrderReturnRow, OrderRow, ProductRow } from './mappers.ts';
import { orderReference } from './orders.ts';
import { payoutReference } from './payouts.ts';
import { returnReference } from './returns.ts';

/** The types commerce answers `node` for, by id prefix. */
const BY_PREFIX = {
  brd: { typename: 'Brand', load: (context: Context, id: string) => context.loaders.brandById.load(id) },
  prd: { typename: 'Product', load: (context: Context, id: string) => context.loaders.productById.load(id) },
  cat: { typename: 'Catalog', load: (context: Context, id: string) => context.loaders.catalogById.load(id) },
  ord: { typename: 'Order', load: orderReference },
  ret: { typename: 'OrderReturn', load: returnReference },
  afl: { typename: 'AffiliateLink', load: linkReference },
  pay: { typename: 'CommissionPayout', load: payoutReference },
} as const;

/** What `node` answers: a row tagged with its GraphQL type, which is how `Node` resolves its type. */
export type NodeValue =
  | (BrandRow & { __typename: 'Brand' })
  | (ProductRow & { __typename: 'Product' })
  | (CatalogRow & { __typename: 'Catalog' })
  | (OrderRow & { __typename: 'Order' })
  | (OrderReturnRow & { __typename: 'OrderReturn' })
  | (AffiliateLinkView & { __typename: 'AffiliateLink' })
  | (CommissionPayoutRow & { __typename: 'CommissionPayout' });

/** The object with this global id, tagged with its type; null when unknown or not the viewer's to see. */
export async function node(context: Context, id: string): Promise<NodeValue | null> {
  const prefix = id.slice(0, id.indexOf('_'));
  if (!Object.hasOwn(BY_PREFIX, prefix)) return null;
  const kind = BY_PREFIX[prefix as keyof typeof BY_PREFIX];
  const row = await kind.load(context, id);
  return row ? ({ ...row, __typename: kind.typename } as NodeValue) : null;
}
