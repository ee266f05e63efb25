import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';

/**
 * The field's answer must not be kept anywhere (the response's cache-control says `no-store`):
 * for an answer that depends on arguments a `@cacheControl` hint cannot see, such as a filter on
 * a fact another subgraph decides per viewer at the time.
 */
export function keepNothing(info: GraphQLResolveInfo): void {
  maybeCacheControlFromInfo(info)?.cacheHint.restrict({ maxAge: 0 });
}
