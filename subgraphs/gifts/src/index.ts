import { createLogger } from '@app/kit/log';
import { runSubgraphProcess } from '@app/kit/subgraph';
import { comboWindowMs } from './liveGiftEvents.ts';
import { paymentProvider } from './payments.ts';
import { giftRates } from './rates.ts';
import { serve } from './server.ts';
import { openGiftsStore } from './db/store.ts';

// Read LIVE gifting's configuration first, so a malformed rate, combo window or a missing payment
// provider stops the start with its reason rather than failing a request later.
try {
  giftRates();
  comboWindowMs();
  paymentProvider();
} catch (error) {
  createLogger('gifts').fatal({ err: error }, (error as Error).message);
  process.exit(1);
}

await runSubgraphProcess('gifts', openGiftsStore, serve);
