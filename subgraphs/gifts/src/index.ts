import { createLogger } from '@app/kit/log';
import { payoutProvider } from '@app/kit/payouts';
import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from './db/store.ts';
import { paymentProvider } from './payments.ts';
import { giftsService } from './server.ts';
import { giftsSettings } from './settings.ts';

// The configuration is read and checked first, so a malformed rate, combo window, payout minimum or
// claim window, or a missing payment or payout provider, stops the start with its reason before the
// store is opened, rather than failing a request later.
let service: ReturnType<typeof giftsService>;
try {
  service = giftsService({ settings: giftsSettings(), payments: paymentProvider(), payouts: payoutProvider() });
} catch (error) {
  createLogger('gifts').fatal({ err: error }, (error as Error).message);
  process.exit(1);
}

await runSubgraphProcess<GiftsStore & StoreHandle>('gifts', { sqlite: openGiftsStore, postgres: openGiftsPgStore }, service.serve, seedGiftsStore);
