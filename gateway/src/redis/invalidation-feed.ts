/**
 * The replicas' invalidation feed: what lets a replica read its near copy of the entity cache
 * (`near-cache.ts`) with no round trip to Redis per request, while a write answered on any replica
 * is still never read back stale from any replica's copy.
 *
 * - Each invalidation is published on the feed (`<prefix>feed`: its number, the server's epoch,
 *   its tags) by the script that makes it. A subscribed replica replays it into its copy and
 *   acknowledges it (`<prefix>acks`: its id and how far it has replayed).
 * - A replica reads its copy without a sync only while it holds a lease (`<prefix>leases`, scored
 *   by the end of each lease on Redis's clock). A lease is taken by a renewal, which is itself a
 *   sync: the copy replays the log up to the renewal, so a lease never covers an invalidation
 *   the copy has not heard. The replica counts its lease from when it sent the renewal, earlier
 *   than Redis does.
 * - An invalidation returns the replicas holding leases; the write waits until each has
 *   acknowledged it or its lease has ended (`heardBy`). So a request that arrives after the write
 *   was answered finds either the invalidation replayed, or the lease over and the copy read only
 *   after a sync, as without leases.
 *
 * The feed is pub/sub: a message is lost while the subscription is down. A replica that loses it
 * gives up its lease at once (writes stop waiting on it) and takes one again only by a renewal
 * after it has subscribed again. A replica that stops answering altogether costs each write at
 * most the rest of its lease.
 */
import type { Redis } from '@app/kit/redis';
import type { LeaseHolder } from './entity-cache.ts';

/** What the near copy does with what the feed hears. */
export interface FeedListener {
  /** An invalidation as it was made; returns how far the copy has now replayed (what is acknowledged). */
  invalidated(seq: number, epoch: string, tags: string[]): number | null;
  /** The subscription was lost: invalidations may be missed until it is back. */
  lost(): void;
  /** Subscribed (again): a renewal may now take a lease. */
  subscribed(): void;
}

interface Wait {
  seq: number;
  pending: Set<string>;
  check(): void;
}

/** How many other replicas' acknowledgements are remembered (replicas come and go with deploys). */
const REMEMBERED_REPLICAS = 1_000;

export class InvalidationFeed {
  /** When the current subscription was confirmed; null while there is none. */
  subscribedSince: number | null = null;
  /** How far each replica said it has replayed. */
  private readonly heard = new Map<string, number>();
  private readonly waits = new Set<Wait>();
  private listener: FeedListener | null = null;
  private channelsHeard: string[] = [];
  private closed = false;
  /** How far this replica last said it replayed, and how far it will say next. */
  private told = 0;
  private toTell = 0;
  private telling: NodeJS.Immediate | null = null;
  /** Invalidations this replica made itself, not yet acknowledged: no replica waits on its word for them. */
  private readonly own = new Set<number>();

  constructor(
    /** A connection of its own: a subscribed connection can do nothing else. */
    private readonly subscriber: Redis,
    private readonly publisher: Redis,
    private readonly channels: { feed: string; acks: string },
    readonly replica: string,
  ) {}

  /**
   * Subscribes, and stays subscribed across reconnections, telling `listener` what it hears;
   * without one (a replica taking no lease) it hears only acknowledgements, for its writes' waits.
   */
  start(listener: FeedListener | null): void {
    this.listener = listener;
    this.channelsHeard = listener ? [this.channels.feed, this.channels.acks] : [this.channels.acks];
    const subscriber = this.subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (channel: string, message: string) => this.heardOn(channel, message));
    subscriber.on('ready', () => void this.subscribe());
    for (const event of ['close', 'reconnecting', 'end']) subscriber.on(event, () => this.unsubscribed());
    if (subscriber.status === 'ready') void this.subscribe();
    else if (subscriber.status === 'wait') subscriber.connect().catch(() => undefined);
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(...this.channelsHeard);
    } catch {
      return; // Not connected after all: the next 'ready' tries again.
    }
    if (this.closed || this.subscriber.status !== 'ready') return;
    // A connection lost may be a Redis restarted empty, counting invalidations from 0 again: what
    // replicas said they heard before counts for nothing now.
    this.heard.clear();
    this.own.clear();
    this.told = 0;
    this.subscribedSince = performance.now();
    this.listener?.subscribed();
  }

  private unsubscribed(): void {
    if (this.subscribedSince === null) return;
    this.subscribedSince = null;
    this.listener?.lost();
  }

  private heardOn(channel: string, message: string): void {
    const first = message.indexOf(' ');
    if (channel === this.channels.acks) {
      this.acknowledged(message.slice(0, first), Number(message.slice(first + 1)));
      return;
    }
    const second = message.indexOf(' ', first + 1);
    const seq = Number(message.slice(0, first));
    const epoch = message.slice(first + 1, second);
    const heard = this.listener?.invalidated(seq, epoch, JSON.parse(message.slice(second + 1)) as string[]);
    if (heard !== null && heard !== undefined) this.acknowledgeSoon(heard);
  }

  /** Tells the writers waiting on this replica that it has replayed up to `seq`. */
  acknowledge(seq: number): void {
    this.saidUpTo(seq);
    this.publisher.publish(this.channels.acks, `${this.replica} ${seq}`).catch(() => undefined);
  }

  /** What this replica has told (or, for its own invalidations, needs not tell) the writers. */
  private saidUpTo(seq: number): void {
    this.told = seq;
    for (const mine of this.own) if (mine <= seq) this.own.delete(mine);
  }

  /** Says that this replica made invalidation `seq` (the writer waits on every replica but itself). */
  made(seq: number): void {
    if (seq > this.told) this.own.add(seq);
  }

  /**
   * Acknowledges once the pushes read in this turn are replayed, in one message (an acknowledgement
   * covers every invalidation before it), and not at all when they were all this replica's own: a
   * write's own invalidation comes back on the feed, and nobody waits on that.
   */
  private acknowledgeSoon(seq: number): void {
    // The copy's cursor as of the last push read (after a reset of the count, lower than before).
    this.toTell = seq;
    this.telling ??= setImmediate(() => {
      this.telling = null;
      const from = this.told;
      const to = this.toTell;
      let ownOnly = to > from;
      for (let heard = from + 1; ownOnly && heard <= to; heard++) ownOnly = this.own.has(heard);
      if (ownOnly) this.saidUpTo(to);
      else this.acknowledge(to);
    });
  }

  private acknowledged(replica: string, seq: number): void {
    const before = this.heard.get(replica) ?? 0;
    if (seq <= before) return;
    this.heard.delete(replica);
    this.heard.set(replica, seq);
    if (this.heard.size > REMEMBERED_REPLICAS) this.heard.delete(this.heard.keys().next().value!);
    for (const wait of this.waits) if (seq >= wait.seq && wait.pending.delete(replica)) wait.check();
  }

  /** Resolves once each holder has acknowledged `seq` or its lease has ended, with how many ended unheard. */
  heardBy(seq: number, holders: readonly LeaseHolder[]): Promise<number> {
    const unheard = holders.filter((holder) => (this.heard.get(holder.replica) ?? 0) < seq);
    if (unheard.length === 0) return Promise.resolve(0);
    return new Promise((resolve) => {
      let ended = 0;
      const timers: NodeJS.Timeout[] = [];
      const wait: Wait = {
        seq,
        pending: new Set(unheard.map((holder) => holder.replica)),
        check: () => {
          if (wait.pending.size > 0) return;
          for (const timer of timers) clearTimeout(timer);
          this.waits.delete(wait);
          resolve(ended);
        },
      };
      this.waits.add(wait);
      for (const holder of unheard) {
        // Counted from the answer, after Redis read the lease's time left: the lease is over by then.
        const timer = setTimeout(() => {
          if (!wait.pending.delete(holder.replica)) return;
          ended++;
          wait.check();
        }, holder.endsInMs + 2);
        timers.push(timer);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.telling) clearImmediate(this.telling);
    this.subscribedSince = null;
    this.subscriber.disconnect();
  }
}
