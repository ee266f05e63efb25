import { readFileSync } from 'node:fs';
import { peersOf, subgraphService, type ServeOptions } from '@app/kit/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { systemClock } from '@app/kit/clock';
import { createContext, type CommerceServices } from './context.ts';
import type { CommerceStore } from './db/store.ts';
import { payoutProvider } from '@app/kit/payouts';
import { resolvers } from './resolvers.ts';
import { commerceSettings } from './settings.ts';
import { flashDealClock } from './flashDeals.ts';
import { WEBHOOK_QUEUE_TOPIC } from '@app/kit/db/webhook-statements';
import { webhookWorker } from './webhooks.ts';
import { sampleClock } from './samples.ts';

/**
 * The commerce service. Its clock, settings and payout provider come from the environment unless
 * given (tests pass a clock they move); they are resolved when the service starts serving, so a bad setting
 * stops the process with a clear message. Serving also runs the partner webhook worker (webhooks.ts)
 * the flash deals' clock (flashDeals.ts) and the samples' clock (samples.ts) over the same store, all stopped before the store closes.
 */
export function commerceService(given: Partial<CommerceServices> = {}) {
  let services: CommerceServices | undefined;
  const resolve = () => (services ??= { clock: given.clock ?? systemClock, settings: given.settings ?? commerceSettings(), payouts: given.payouts ?? payoutProvider() });
  const service = subgraphService({
    name: 'commerce',
    // Read beside this file, in src/ or dist/: the SDL is the contract, kept as a .graphql file.
    typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
    createContext: (store: CommerceStore, viewer, peers) => createContext(store, viewer, peers, resolve()),
  });
  return {
    ...service,
    serve: async (store: CommerceStore, options: ServeOptions) => {
      const { clock, settings } = resolve();
      // One peers client for the requests and the deal clock's watch on streams ending.
      const peers = peersOf(options);
      const worker = webhookWorker(store, settings.webhooks, clock, options.logger);
      // The background loops over the store: started once it serves, stopped before it closes.
      const loops = [worker, flashDealClock(store, clock, options.logger, settings.dealClockPollMs, peers), sampleClock(store, clock, options.logger, settings.samples.clockPollMs)];
      // A commit that queued a delivery (here or, on Postgres, on any replica) wakes the worker.
      const unlisten = store.liveEvents.listen(WEBHOOK_QUEUE_TOPIC, () => worker.wake(), 'worker');
      const stopLoops = async () => {
        unlisten();
        // In-flight attempts and the clocks' turns finish and are recorded while the store is still open.
        await Promise.all(loops.map((loop) => loop.stop()));
      };
      const onStop = async () => {
        await stopLoops();
        await options.onStop?.();
      };
      const running = await service.serve(store, { ...options, peers, onStop }).catch(async (error: unknown) => {
        await stopLoops();
        throw error;
      });
      for (const loop of loops) loop.start();
      return running;
    },
  };
}

export const { name, typeDefs, createServer, serve } = commerceService();
