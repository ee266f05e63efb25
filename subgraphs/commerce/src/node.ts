/**
 * Relay's `node(id:)`: any object with a global id, found by that id alone. Ids carry their type
 * as a prefix (`prd_…`), so the prefix says which type, which subgraph owns it and where to look,
 * and nothing else is stored. An object the viewer may not see (an order, a return, someone's
 * Small Gesture) is null, the same answer as an id nobody has: `node` never tells whether a hidden
 * object exists. An id no type could have is BAD_USER_INPUT: a client bug, not a missing object.
 *
 * Commerce owns the `Node` interface (a Federation entity interface, `@key(fields: "id")`), so
 * every type that implements it is declared in this subgraph; a type another subgraph owns joins
 * by a stub here with `implements Node` and its prefix below, and the gateway fetches its fields
 * from its owner.
 *
 * Whether another subgraph's object exists is its owner's to say, and is asked before answering:
 * the gateway cannot turn a stub into null afterwards. An owner's null `_entities` answer leaves
 * the stub in place (`{ id }` still comes back, and a non-null field asked of it becomes an
 * INVALID_GRAPHQL error), and `node { id }` alone never reaches the owner at all.
 */
import { badInput } from '@app/kit/errors';
import type { SubgraphName } from '@app/kit/config';
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { linkReference } from './affiliates.ts';
import type { Context } from './context.ts';
import type { AffiliateLinkView, BrandRow, CatalogRow, CommissionPayoutRow, EntityRef, OrderReturnRow, OrderRow, ProductRow } from './mappers.ts';
import { orderReference } from './orders.ts';
import { payoutReference } from './payouts.ts';
import { returnReference } from './returns.ts';

/** Commerce's own types, by id prefix, each read (and its visibility decided) here. */
const OWN = {
  brd: { typename: 'Brand', load: (context: Context, id: string) => context.loaders.brandById.load(id) },
  prd: { typename: 'Product', load: (context: Context, id: string) => context.loaders.productById.load(id) },
  cat: { typename: 'Catalog', load: (context: Context, id: string) => context.loaders.catalogById.load(id) },
  ord: { typename: 'Order', load: orderReference },
  ret: { typename: 'OrderReturn', load: returnReference },
  afl: { typename: 'AffiliateLink', load: linkReference },
  pay: { typename: 'CommissionPayout', load: payoutReference },
  fld: { typename: 'FlashDeal', load: (context: Context, id: string) => context.loaders.flashDealById.load(id) },
} as const;

/** Other subgraphs' types, by id prefix: their owner answers whether one exists for this viewer. */
const FOREIGN = {
  vid: { typename: 'Video', owner: 'content' },
  liv: { typename: 'LiveStream', owner: 'content' },
  gof: { typename: 'GiftOffer', owner: 'gifts' },
  lgf: { typename: 'LiveGift', owner: 'gifts' },
  sgs: { typename: 'SmallGesture', owner: 'gifts' },
  lgs: { typename: 'LiveGiftSend', owner: 'gifts' },
  cpu: { typename: 'CoinPurchase', owner: 'gifts' },
  gpo: { typename: 'GiftPayout', owner: 'gifts' },
} as const satisfies Record<string, { typename: string; owner: SubgraphName }>;

/** A user's id is also their creator profile's: one prefix, two types (see `userNode`). */
const USER_PREFIX = 'usr';

type OwnPrefix = keyof typeof OWN;
type ForeignPrefix = keyof typeof FOREIGN;
export type NodeTypename = (typeof OWN)[OwnPrefix]['typename'] | (typeof FOREIGN)[ForeignPrefix]['typename'] | 'User' | 'Creator';

/** Every prefix `node` knows, with the types an id of it can be and the subgraph that owns them. */
export const NODE_PREFIXES: Readonly<Record<string, { types: readonly NodeTypename[]; owner: SubgraphName }>> = {
  [USER_PREFIX]: { types: ['User', 'Creator'], owner: 'users' },
  ...Object.fromEntries(Object.entries(OWN).map(([prefix, kind]) => [prefix, { types: [kind.typename], owner: 'commerce' }])),
  ...Object.fromEntries(Object.entries(FOREIGN).map(([prefix, kind]) => [prefix, { types: [kind.typename], owner: kind.owner }])),
};

/** What an id's body may hold: the base64url of `newId` and the seeds' hashes. */
const ID_BODY = /^[A-Za-z0-9_-]+$/;

/**
 * The prefix of a global id, checked against the types `node` knows.
 * @throws BAD_USER_INPUT when the id is not `<prefix>_<body>` or no type has its prefix.
 */
export function nodePrefixOf(id: string): string {
  const cut = id.indexOf('_');
  const prefix = cut > 0 ? id.slice(0, cut) : '';
  if (!prefix || !ID_BODY.test(id.slice(cut + 1))) {
    throw badInput(`${JSON.stringify(id)} is not a global id: ids are a type prefix, "_" and letters, digits, "-" or "_" (e.g. "prd_…").`, { argument: 'id' });
  }
  if (!Object.hasOwn(NODE_PREFIXES, prefix)) {
    throw badInput(`${JSON.stringify(id)} is not a global id: no type has ids beginning "${prefix}_". Known prefixes: ${Object.keys(NODE_PREFIXES).join(', ')}.`, { argument: 'id' });
  }
  return prefix;
}

/** What `node` answers: a row tagged with its GraphQL type, which is how `Node` resolves its type. */
export type NodeValue =
  | (BrandRow & { __typename: 'Brand' })
  | (ProductRow & { __typename: 'Product' })
  | (CatalogRow & { __typename: 'Catalog' })
  | (OrderRow & { __typename: 'Order' })
  | (OrderReturnRow & { __typename: 'OrderReturn' })
  | (AffiliateLinkView & { __typename: 'AffiliateLink' })
  | (CommissionPayoutRow & { __typename: 'CommissionPayout' })
  | (EntityRef & { __typename: (typeof FOREIGN)[ForeignPrefix]['typename'] | 'User' | 'Creator' });

/**
 * The object with this global id, tagged with its type; null when no object of that type has
 * the id or the viewer may not see it. `asked` is the types the selection has fragments on
 * (`typesAsked`), which decides between a user and their creator profile.
 * @throws BAD_USER_INPUT for an id no type could have; SERVICE_UNAVAILABLE when the owner does not answer.
 */
export async function node(context: Context, id: string, asked: ReadonlySet<string> = new Set()): Promise<NodeValue | null> {
  const prefix = nodePrefixOf(id);
  if (prefix === USER_PREFIX) return userNode(context, id, asked);
  if (Object.hasOwn(OWN, prefix)) {
    const kind = OWN[prefix as OwnPrefix];
    const row = await kind.load(context, id);
    return row ? ({ ...row, __typename: kind.typename } as NodeValue) : null;
  }
  const { typename, owner } = FOREIGN[prefix as ForeignPrefix];
  const [found] = await context.peers.entities(owner, typename, [id], 'id', context.viewer);
  return found ? { __typename: typename, id } : null;
}

/**
 * A user's id answers the type the id is: the `Creator` for a creator (the `User` is its `user`),
 * else the `User` (whose `creator` is null). A selection with fragments on `User` and none on
 * `Creator` gets the `User` either way: that is a refetch of a user (Relay's `node` query for a
 * `User` fragment), which a `Creator` would leave empty.
 */
async function userNode(context: Context, id: string, asked: ReadonlySet<string>): Promise<NodeValue | null> {
  const [user] = await context.peers.entities<{ id: string; creator: { id: string } | null }>('users', 'User', [id], 'id creator { id }', context.viewer);
  if (!user) return null;
  const wantsUser = asked.has('User') && !asked.has('Creator');
  return { __typename: user.creator && !wantsUser ? 'Creator' : 'User', id };
}

/** The types a field's selection has fragments on (inline or named, nested ones included). */
export function typesAsked(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Set<string> {
  const types = new Set<string>();
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition) types.add(selection.typeCondition.name.value);
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment: FragmentDefinitionNode | undefined = info.fragments[selection.name.value];
        if (!fragment) continue;
        types.add(fragment.typeCondition.name.value);
        visit(fragment.selectionSet);
      }
    }
  };
  for (const field of info.fieldNodes) visit(field.selectionSet);
  return types;
}
