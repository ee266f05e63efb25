/**
 * How the bench decides a response is right: its `data` is exactly the reference's, and it has
 * no errors. Both gateways serialize with JSON.stringify in field order, and Apollo Server
 * writes `errors` before `data` and `extensions` after it, so a body is right when it starts
 * with `{"data":<reference>` followed by the end of the object or by `extensions` (our gateway
 * adds `extensions.cost`, whose `available` changes with every request). A string comparison
 * keeps the load generator cheap enough not to steal the cores it measures.
 */
export function answersWith(body: string, expectedData: string): boolean {
  const prefix = `{"data":${expectedData}`;
  if (!body.startsWith(prefix)) return false;
  const rest = body.slice(prefix.length).trimEnd();
  return rest === '}' || rest.startsWith(',"extensions":');
}

/** Every string in an answer (ids, handles, titles): what an answer shows, to tell which answers a write can change. */
export function stringsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/** The `data` of a GraphQL response body, or a description of why there is none to check. */
export function dataOf(body: string): { data: Record<string, unknown> } | { problem: string } {
  let parsed: { data?: Record<string, unknown> | null; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { problem: `not JSON: ${body.slice(0, 200)}` };
  }
  if (parsed.errors?.length) return { problem: `errors: ${parsed.errors.map((error) => `${error.extensions?.code ?? ''} ${error.message ?? ''}`).join('; ').slice(0, 300)}` };
  if (!parsed.data) return { problem: 'no data' };
  return { data: parsed.data };
}
