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
