import { serviceUnavailable } from './errors.ts';
import type { Logger } from './log.ts';

/**
 * A provider's answer (a charge, a payout), or a rejection once `ms` have passed without one:
 * a write waiting on a provider must not hang a request. The provider's own call is not
 * cancelled; its idempotency reference makes asking again safe.
 */
export async function answerWithin<T>(answer: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      answer,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a write waits for a payments or payouts provider before calling it unavailable. */
export const PROVIDER_TIMEOUT_MS = 10_000;

export interface ProviderCall {
  /** What the provider serves, as a client is told when it does not answer: `payments`, `payouts`. */
  service: string;
  /** The provider's name, for the log. */
  provider: string;
  logger: Logger;
  /** What the call is for (`{ payoutId }`) and the request it serves, for the log. */
  about: Record<string, unknown>;
  within?: number;
}

/**
 * Asks a payments or payouts provider, before any transaction: its answer within the deadline, or
 * SERVICE_UNAVAILABLE (logged with what it was for) when it fails or does not answer. The caller
 * then settles what it asked about in one transaction, once; the provider's idempotency reference
 * (the purchase's or payout's id) makes asking again after an outage safe.
 */
export async function askProvider<T>(call: ProviderCall, answer: () => Promise<T>): Promise<T> {
  try {
    return await answerWithin(answer(), call.within ?? PROVIDER_TIMEOUT_MS);
  } catch (error) {
    call.logger.warn({ err: error, provider: call.provider, ...call.about }, `${call.service} provider failed`);
    throw serviceUnavailable(call.service);
  }
}
