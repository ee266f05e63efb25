/**
 * Where creator payouts are sent: gift earnings (gifts) and commission (commerce) alike, each
 * subgraph paying out what it owns. The mirror of gifts' payment provider (`payments.ts`).
 */
import { ConfigError, isProduction } from './config.ts';
import type { Money } from './money.ts';

/** One payout to ask a payout provider for: money to a creator's account. */
export interface PayoutRequest {
  /**
   * The payout being paid. Providers take it as their idempotency key: asking twice for the same
   * reference pays once and answers the same both times.
   */
  reference: string;
  creatorId: string;
  amount: Money;
  /** The payout destination token the creator got from the provider's onboarding, if any. */
  payoutMethod: string | null;
  description: string;
}

export type PayoutResult = { status: 'PAID'; payoutId: string } | { status: 'FAILED'; reason: string };

/**
 * Where payouts are paid. `pay` answers PAID or FAILED; it throws only when the provider
 * could not be reached or did not answer in time, and then the payout stays REQUESTED (in flight)
 * until a retry with the same idempotency key asks again for the same reference.
 */
export interface PayoutProvider {
  readonly name: string;
  pay(request: PayoutRequest): Promise<PayoutResult>;
}

/** The payout method token the test provider fails. */
export const TEST_FAIL_PAYOUT_METHOD = 'test_fail';

/**
 * The default provider, for development and tests: pays every payout except one to the payout
 * method `test_fail`. The payout id derives from the reference, so a repeated reference is the
 * same payout, as with a real provider's idempotency keys.
 */
export function testPayoutProvider(): PayoutProvider {
  return {
    name: 'test',
    pay(request) {
      if (request.payoutMethod === TEST_FAIL_PAYOUT_METHOD) {
        return Promise.resolve({ status: 'FAILED', reason: 'The test provider fails payouts to the payout method "test_fail".' });
      }
      return Promise.resolve({ status: 'PAID', payoutId: `po_test_${request.reference}` });
    },
  };
}

let configured: PayoutProvider | undefined;

/**
 * The provider this process pays through: PAYOUTS_PROVIDER, "test" (the only one so far) by
 * default. Production must name it explicitly, so a deployment never pretends to pay creators.
 * The process's own provider is chosen once; another environment (a test's) is read each time.
 * @throws ConfigError for an unknown provider, or none named in production.
 */
export function payoutProvider(env: NodeJS.ProcessEnv = process.env): PayoutProvider {
  if (env === process.env && configured) return configured;
  const name = env.PAYOUTS_PROVIDER?.trim() || (isProduction(env) ? '' : 'test');
  if (name !== 'test') {
    throw new ConfigError(
      name
        ? `PAYOUTS_PROVIDER ${JSON.stringify(name)} is not a provider this build has; only "test" exists.`
        : 'PAYOUTS_PROVIDER must be set in production. Only "test" exists so far, and it moves no money.',
    );
  }
  const provider = testPayoutProvider();
  if (env === process.env) configured = provider;
  return provider;
}
