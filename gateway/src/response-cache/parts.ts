/**
 * What one operation's subgraph fetches say about keeping its whole response: the entity cache
 * (`../entity-cache.ts`) reports each fetch here as it answers it, from its store or from the
 * subgraph. The response may be kept only when every fetch could have been kept for every caller
 * (`public`), for as long as the shortest-lived of them, tagged with every entity they showed and
 * every root list they read.
 */
export class ResponseParts {
  private fetches = 0;
  private refused = false;
  private age = Number.POSITIVE_INFINITY;
  private readonly shown = new Set<string>();
  /** The operation's name, for the request metrics of its hits. */
  operationName = 'anonymous';

  /** The set a fetch adds its tags to (the entity cache's taggers write into a set). */
  get tags(): Set<string> {
    return this.shown;
  }

  /** A fetch that could be kept for everyone, for `maxAgeSeconds`; its tags were added to `tags`. */
  kept(maxAgeSeconds: number | undefined): void {
    this.fetches++;
    // A hit whose store cannot say its age leaves the response's age to the others (capped anyway).
    if (maxAgeSeconds !== undefined) this.age = Math.min(this.age, maxAgeSeconds);
  }

  /** A fetch that could not be kept (a write, a private or uncacheable answer, an error): nor can the response. */
  notKept(): void {
    this.fetches++;
    this.refused = true;
  }

  /**
   * How the response may be kept: for how long and under which tags; null when it may not (a part
   * was not kept, or no subgraph was asked: introspection and `__typename` are cheap already).
   */
  verdict(capSeconds: number): { maxAgeSeconds: number; tags: string[] } | null {
    if (this.refused || this.fetches === 0) return null;
    const maxAgeSeconds = Math.floor(Math.min(this.age, capSeconds));
    return maxAgeSeconds >= 1 ? { maxAgeSeconds, tags: [...this.shown] } : null;
  }
}
