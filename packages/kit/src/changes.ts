import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * What a write tells the gateway it changed, so that the gateway's entity cache drops what it
 * holds of it before the write's answer reaches the client (who must read their own writes).
 *
 * With an id: that entity changed (any field of it, in this subgraph). Without one: which
 * entities of the type exist, or their order, changed (one was created, or left a list such as
 * `products` at the root), so every cached list of that type is stale. A list inside an entity
 * (a brand's products, a creator's showcase) belongs to that entity: name the entity instead.
 */
export interface ChangedEntity {
  typename: string;
  id?: string;
}

/**
 * The domain's one-line call after a write: `context.changed('Product', id)`, or a list of ids
 * of one type (an empty list names nothing); `context.changed('Product')`, with no id at all,
 * when which products exist changed.
 */
export type Changed = (typename: string, id?: string | readonly string[]) => void;

/** Where a subgraph's response names the entities the request changed. */
export const CHANGED_ENTITIES_EXTENSION = 'changedEntities';

const recorded = new WeakMap<Changed, Map<string, ChangedEntity>>();

/**
 * A request's `changed`: it remembers each entity once. A transaction body retried on Postgres
 * may call it twice, and a write that rolled back may already have called it: naming an entity
 * that did not change costs one needless cache miss, never a wrong answer.
 */
export function changeRecorder(): Changed {
  const changes = new Map<string, ChangedEntity>();
  const changed: Changed = (typename, id) => {
    if (id === undefined) changes.set(`${typename}[]`, { typename });
    else for (const one of typeof id === 'string' ? [id] : id) changes.set(`${typename}:${one}`, { typename, id: one });
  };
  recorded.set(changed, changes);
  return changed;
}

/** The entities a request's context recorded as changed, in the order first named. */
export function changesOf(context: unknown): ChangedEntity[] {
  const changed = (context as { changed?: Changed } | null)?.changed;
  const changes = changed ? recorded.get(changed) : undefined;
  return changes ? [...changes.values()] : [];
}

/**
 * Puts what the request changed into its response's `extensions.changedEntities`, errors or
 * not: a write that committed before a later field failed still changed what it changed.
 */
export function changedEntitiesPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const changes = changesOf(contextValue);
          if (changes.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [CHANGED_ENTITIES_EXTENSION]: changes };
        },
      };
    },
  };
}
