/**
 * Where commission payouts are sent: the same shape as gifts' payment provider
 * (`subgraphs/gifts/src/payments.ts`), the other way round.
 */
import { ConfigError, isProduction } from '@app/kit/config';
import type { Money } from '@app/kit/money';

/** One transfer to ask a payout provider for. */
export interface TransferRequest {
  /**
   * The payout being paid. Providers take it as their idempotency key: asking twice for the same
   * reference transfers once and answers the same both times.
   */
  reference: string;
  creatorId: string;
  amount: Money;
  /** Where the creator asked to be paid (a token from the provider's onboarding), if they named one. */
  payoutMethod: string | null;
  description: string;
}

export type TransferResult = { status: 'PAID'; transferId: string } | { status: 'FAILED'; reason: string };

/**
 * Where payouts go. `transfer` answers PAID or FAILED; it throws only when the provider could not
 * be reached or did not answer in time, and then the payout stays REQUESTED until a retry with
 * the same idempotency key asks again for the same reference.
 */
export interface PayoutProvider {
  readonly name: string;
  transfer(request: TransferRequest): Promise<TransferResult>;
}

/** The payout method the test provider fails. */
export const TEST_FAIL_PAYOUT_METHOD = 'test_fail';

/**
 * The default provider, for development and tests: pays every transfer except one to the payout
 * method `test_fail`. The transfer id derives from the reference, so a repeated reference is the
 * same transfer, as with a real provider's idempotency keys.
 */
export function testPayoutProvider(): PayoutProvider {
  return {
    name: 'test',
    transfer(request) {
      if (request.payoutMethod === TEST_FAIL_PAYOUT_METHOD) {
        return Promise.resolve({ status: 'FAILED', reason: 'The test provider fails transfers to the payout method "test_fail".' });
      }
      return Promise.resolve({ status: 'PAID', transferId: `tr_test_${request.reference}` });
    },
  };
}

/**
 * The provider this process pays through: PAYOUTS_PROVIDER, "test" (the only one so far) by
 * default. Production must name it explicitly, so a deployment never pretends to pay creators.
 * @throws ConfigError for an unknown provider, or none named in production.
 */
export function payoutProvider(env: NodeJS.ProcessEnv = process.env): PayoutProvider {
  const name = env.PAYOUTS_PROVIDER?.trim() || (isProduction(env) ? '' : 'test');
  if (name !== 'test') {
    throw new ConfigError(
      name
        ? `PAYOUTS_PROVIDER ${JSON.stringify(name)} is not a provider this build has; only "test" exists.`
        : 'PAYOUTS_PROVIDER must be set in production. Only "test" exists so far, and it pays nobody.',
    );
  }
  return testPayoutProvider();
}
