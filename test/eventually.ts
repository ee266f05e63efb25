/**
 * Polls until `condition` holds; after `timeoutMs` fails naming `what` it waited for. A condition
 * that reads what the test has collected is read every 10 ms; one that answers a promise (a
 * request, a query, a page) is asked again 200 ms after it answers, so the waiting does not load
 * what it watches.
 */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = condition();
    const asked = answer instanceof Promise;
    if (asked ? await answer : answer) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, asked ? 200 : 10));
  }
}
