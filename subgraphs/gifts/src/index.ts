import { createLogger } from '@app/kit/log';
import { runSubgraphProcess, type StoreHandle } from '@app/kit/subgraph';
import { comboWindowMs } from './liveGiftEvents.ts';
import { payoutMinimumCents } from './giftPayouts.ts';
import { paymentProvider } from './payments.ts';
import { payoutProvider } from '@app/kit/payouts';
import { giftRates } from './rates.ts';
import { serve } from './server.ts';
import { claimWindowMs } from './smallGestures.ts';
import { seedGiftsStore } from './db/seed.ts';
import { openGiftsPgStore, openGiftsStore, type GiftsStore } from './db/store.ts';

// Read the configuration first, so a malformed rate, combo window, payout minimum or claim window, or
// a missing payment or payout provider, stops the start with its reason rather than failing a request later.
try {
  giftRates();
  comboWindowMs();
  paymentProvider();
  payoutMinimumCents();
  payoutProvider();
  claimWindowMs();
} catch (error) {
  createLogger('gifts').fatal({ err: error }, (error as Error).message);
  process.exit(1);
}

await runSubgraphProcess<GiftsStore & StoreHandle>('gifts', { sqlite: openGiftsStore, postgres: openGiftsPgStore }, serve, seedGiftsStore);
