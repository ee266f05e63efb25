/**
 * A deferred query (`@defer`) sent as a client that accepts incremental delivery sends it
 * (`multipart/mixed;deferSpec=20220824`, Apollo Client's format), timed part by part: the scale
 * bench's deferred profile (issue 22).
 */
/**
 * One deferred request as a client that accepts incremental delivery sends it: the time until
 * the initial payload has arrived whole (the part after it has begun) and until the last part, with
 * every part checked (JSON, no errors, the initial one with data, the last one `hasNext: false`).
 */
export async function deferredRequest(url: string, query: string, variables: Record<string, unknown>): Promise<{ initialMs: number; lastMs: number; parts: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed;deferSpec=20220824, application/json' },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/mixed')) throw new Error(`a deferred query answered ${response.status} ${type}: ${(await response.text()).slice(0, 300)}`);
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1] ?? '-';
  const delimiter = `\r\n--${boundary}`;
  const decoder = new TextDecoder();
  let text = '';
  let initialMs: number | null = null;
  for await (const chunk of response.body!) {
    text += decoder.decode(chunk as Uint8Array, { stream: true });
    // The first delimiter opens the initial payload, the second closes it.
    if (initialMs === null && text.split(delimiter).length > 2) initialMs = performance.now() - started;
  }
  const lastMs = performance.now() - started;
  const parts = text
    .split(delimiter)
    .slice(1)
    .map((part) => part.slice(part.indexOf('\r\n\r\n') + 4).trim())
    .filter((body) => body.startsWith('{'))
    .map((body) => JSON.parse(body) as { data?: unknown; errors?: unknown[]; incremental?: { errors?: unknown[] }[]; hasNext?: boolean });
  if (parts.length < 2 || !parts[0]!.data || parts.at(-1)!.hasNext !== false) throw new Error(`a deferred answer in ${parts.length} parts, the last with hasNext ${parts.at(-1)?.hasNext}: ${text.slice(0, 300)}`);
  const errors = parts.flatMap((part) => [...(part.errors ?? []), ...(part.incremental ?? []).flatMap((increment) => increment.errors ?? [])]);
  if (errors.length) throw new Error(`a deferred answer with errors: ${JSON.stringify(errors).slice(0, 300)}`);
  return { initialMs: initialMs ?? lastMs, lastMs, parts: parts.length };
}

