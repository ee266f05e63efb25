import { ConfigError, isProduction } from '@app/kit/config';
import type { Money } from '@app/kit/money';

/** One charge to ask a payment provider for. */
export interface ChargeRequest {
  /**
   * The coin purchase being paid for. Providers take it as their idempotency key: asking twice
   * for the same reference charges once and answers the same both times.
   */
  reference: string;
  userId: string;
  amount: Money;
  /** The payment method token the client got from the provider's SDK, if any. */
  paymentMethod: string | null;
  description: string;
}

export type ChargeResult = { status: 'APPROVED'; chargeId: string } | { status: 'DECLINED'; reason: string };

/**
 * Where coin purchases are paid. `charge` answers APPROVED or DECLINED; it throws only when the
 * provider could not be reached or did not answer in time, and then the purchase stays pending
 * until a retry with the same idempotency key asks again for the same reference.
 */
export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
}

/** The payment method token the test provider declines. */
export const TEST_DECLINE_PAYMENT_METHOD = 'test_decline';

/**
 * The default provider, for development and tests: approves every charge except one made with
 * the payment method `test_decline`. The charge id derives from the reference, so a repeated
 * reference is the same charge, as with a real provider's idempotency keys.
 */
export function testPaymentProvider(): PaymentProvider {
  return {
    name: 'test',
    charge(request) {
      if (request.paymentMethod === TEST_DECLINE_PAYMENT_METHOD) {
        return Promise.resolve({ status: 'DECLINED', reason: 'The test provider declines the payment method "test_decline".' });
      }
      return Promise.resolve({ status: 'APPROVED', chargeId: `ch_test_${request.reference}` });
    },
  };
}

let configured: PaymentProvider | undefined;

/**
 * The provider this process charges through: PAYMENTS_PROVIDER, "test" (the only one so far) by
 * default. Production must name it explicitly, so a deployment never hands out free coins by accident.
 * @throws ConfigError for an unknown provider, or none named in production.
 */
export function paymentProvider(env: NodeJS.ProcessEnv = process.env): PaymentProvider {
  if (configured) return configured;
  const name = env.PAYMENTS_PROVIDER?.trim() || (isProduction(env) ? '' : 'test');
  if (name !== 'test') {
    throw new ConfigError(
      name
        ? `PAYMENTS_PROVIDER ${JSON.stringify(name)} is not a provider this build has; only "test" exists.`
        : 'PAYMENTS_PROVIDER must be set in production. Only "test" exists so far, and it approves every payment.',
    );
  }
  configured = testPaymentProvider();
  return configured;
}
