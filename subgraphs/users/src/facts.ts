/**
 * Facts users asks other subgraphs for, through the kit's peers client: signed, on the caller's
 * behalf, so the owner's own access rule decides what the caller may learn.
 */
import type { Context } from './context.ts';

/**
 * Each creator's sample fulfilment rate (commerce owns it), in the order of `ids`: null where
 * commerce knows no rate (no sample settled yet).
 * @throws FORBIDDEN when commerce does not show rates to this caller; SERVICE_UNAVAILABLE when it does not answer.
 */
export async function fulfilmentRates(context: Context, ids: readonly string[]): Promise<(number | null)[]> {
  const creators = await context.peers.entities<{ sampleFulfilment: { rate: number | null } | null }>('commerce', 'Creator', ids, 'sampleFulfilment { rate }', context.viewer);
  return creators.map((creator) => creator?.sampleFulfilment?.rate ?? null);
}
