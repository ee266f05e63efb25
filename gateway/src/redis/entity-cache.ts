/**
 * The entity cache (and the whole responses kept beside it, `../response-cache.ts`) that every
 * gateway replica shares, in Redis (`REDIS_URL`). Like the Postgres store (`../db/entity-cache.ts`)
 * there is no copy in a replica's memory while Redis answers: a write's invalidation has dropped
 * the entries from Redis before the write is answered, so the next read on any replica misses.
 *
 * Keys (under `prefix`, `gw:` by default):
 * - `e:<sha256 of the cache key>` the entry's tags (a JSON array), a newline and its value, with
 *   the entry's max age as its TTL (`e:r:<sha256>` for whole responses, so an invalidation can
 *   count them); the tags let a replica's near copy (`near-cache.ts`) drop it by tag;
 * - `t:<tag>` a sorted set of the entry keys showing the tag, scored by when each expires: each
 *   store drops the members already expired and keeps the set as long as its longest entry;
 * - `m:<tag>` the invalidation number of the tag's last invalidation, kept for twice the longest
 *   a fetch may take (`MAX_TICKET_AGE_MS`);
 * - `seq` the invalidation counter; `epoch` this server's life (a random id set by the first
 *   lookup on an empty server);
 * - `log` the tags of the last `LOG_LENGTH` invalidations, in order (the last one is number
 *   `seq`): what replicas' near copies replay to catch up (`sync`);
 * - `leases` the replicas that read their near copy without a sync, scored by when each one's
 *   lease ends (`renew`); channels `feed` (each invalidation as it is made) and `acks` (each
 *   replica saying how far it has replayed): `invalidation-feed.ts`.
 *
 * Each operation is one Lua script, so it is one round trip and atomic: a lookup reads the
 * values, their time left and the counter (the ticket); a store refuses entries showing a tag
 * invalidated after the ticket (or a ticket of an earlier epoch: a Redis that restarted empty
 * counts from 0 again); an invalidation counts, marks, and deletes every entry of every tag and
 * the tag sets. Redis runs one script at a time, so a store's check and writes happen wholly before
 * or wholly after an invalidation, as the advisory locks make it on Postgres. A store waits for
 * the next lookup and goes in its script (`FILL_DELAY_MS`): one round trip for both.
 *
 * One Redis server (with replicas of its own, if any), not Redis Cluster: the scripts touch keys
 * they find as they go. Its `maxmemory-policy` should stay `noeviction` (the default): a tag set
 * evicted while its entries stay would keep them past the write that should drop them.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from '@app/kit/redis';
import { MAX_TICKET_AGE_MS, RESPONSE_KEY_PREFIX, type CacheEntry, type CacheLookup, type CacheTicket, type EntityCacheStore, type Invalidation } from '../entity-cache/store.ts';

/** The server's epoch (KEYS[2]), set to ARGV[1] by the first script on an empty server. */
const EPOCH = `
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  redis.call('SET', KEYS[2], ARGV[1])
  epoch = ARGV[1]
end
`;

/** Each entry key from KEYS[first] on: its value and time left, or false and -2, appended to `out`. */
const valuesFrom = (first: number) => `
for i = ${first}, #KEYS do
  local value = redis.call('GET', KEYS[i])
  if value then
    out[#out + 1] = value
    out[#out + 1] = redis.call('PTTL', KEYS[i])
  else
    out[#out + 1] = false
    out[#out + 1] = -2
  end
end
return out`;

/**
 * Keeps the fills from ARGV[first] on (the prefix, the epoch of their tickets, then per entry: key,
 * value, time to live, its ticket, how many tags, the tags), each unless one of its tags was
 * invalidated after its ticket, or the tickets are of an earlier epoch.
 */
const keepFills = (first: number) => `
local function keepFills()
  local p = ARGV[${first}]
  if #ARGV < ${first + 1} or redis.call('GET', p .. 'epoch') ~= ARGV[${first + 1}] then return 0 end
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local kept = 0
  local i = ${first + 2}
  while i <= #ARGV do
    local key = p .. 'e:' .. ARGV[i]
    local ttl = tonumber(ARGV[i + 2])
    local ticket = tonumber(ARGV[i + 3])
    local tags = tonumber(ARGV[i + 4])
    local fresh = true
    for j = 1, tags do
      local mark = redis.call('GET', p .. 'm:' .. ARGV[i + 4 + j])
      if mark and tonumber(mark) > ticket then
        fresh = false
        break
      end
    end
    if fresh then
      redis.call('SET', key, ARGV[i + 1], 'PX', ttl)
      for j = 1, tags do
        local tagKey = p .. 't:' .. ARGV[i + 4 + j]
        redis.call('ZADD', tagKey, 'GT', now + ttl, key)
        redis.call('ZREMRANGEBYSCORE', tagKey, '-inf', now)
        if redis.call('PTTL', tagKey) < ttl then redis.call('PEXPIRE', tagKey, ttl) end
      end
      kept = kept + 1
    end
    i = i + 5 + tags
  end
  return kept
end
`;

/** A lookup (ARGV[1]: the epoch to set on an empty server) that first keeps the fills waiting (ARGV[2] on). */
const LOOKUP = `${EPOCH}${keepFills(2)}keepFills()
local out = { epoch, redis.call('GET', KEYS[1]) or '0' }
${valuesFrom(3)}`;

const STORE = `${keepFills(1)}return keepFills()`;

/** How many invalidations the log keeps: a near copy further behind than this starts empty again. */
export const LOG_LENGTH = 10_000;

/** The server's clock in milliseconds, as `now`. */
const NOW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
`;

const INVALIDATE = `
local p = ARGV[1]
local seq = redis.call('INCR', p .. 'seq')
local responses = 0
local tags = {}
for i = 4, #ARGV do
  local tagKey = p .. 't:' .. ARGV[i]
  tags[#tags + 1] = ARGV[i]
  redis.call('SET', p .. 'm:' .. ARGV[i], seq, 'PX', ARGV[2])
  for _, key in ipairs(redis.call('ZRANGE', tagKey, 0, -1)) do
    if redis.call('DEL', key) == 1 and string.sub(key, #p + 3, #p + 4) == 'r:' then responses = responses + 1 end
  end
  redis.call('DEL', tagKey)
end
redis.call('RPUSH', p .. 'log', cjson.encode(tags))
redis.call('LTRIM', p .. 'log', -${LOG_LENGTH}, -1)
redis.call('PUBLISH', p .. 'feed', seq .. ' ' .. (redis.call('GET', p .. 'epoch') or '') .. ' ' .. cjson.encode(tags))
${NOW}
local out = { responses, seq }
local holders = redis.call('ZRANGEBYSCORE', p .. 'leases', '(' .. now, '+inf', 'WITHSCORES')
for i = 1, #holders, 2 do
  if holders[i] ~= ARGV[3] then
    out[#out + 1] = holders[i]
    out[#out + 1] = tonumber(holders[i + 1]) - now
  end
end
return out`;

/** The invalidations after a near copy's cursor (ARGV[3]) of its epoch (ARGV[2]), as `out`: epoch, seq, 'log' or 'reset', how many, their tags. */
const CATCH_UP = `${EPOCH}local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
local cursor = tonumber(ARGV[3])
local out = { epoch, seq, 'reset', 0 }
local behind = seq - cursor
if epoch == ARGV[2] and behind >= 0 and behind <= redis.call('LLEN', KEYS[3]) then
  out[3] = 'log'
  if behind > 0 then
    for _, tags in ipairs(redis.call('LRANGE', KEYS[3], -behind, -1)) do out[#out + 1] = tags end
  end
  out[4] = behind
end
`;

const SYNC = `${CATCH_UP}${valuesFrom(4)}`;

/**
 * A sync that also gives replica ARGV[4] a lease of ARGV[5] ms (KEYS[4]). It does not say the
 * replica has heard: only the replica can, once it has replayed the answer.
 */
const RENEW = `${CATCH_UP}${NOW}
local lease = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
redis.call('ZADD', KEYS[4], now + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[4], 2 * lease)
return out`;

/** A replica that held a lease when an invalidation was made, and how long it had left then. */
export interface LeaseHolder {
  replica: string;
  endsInMs: number;
}

/**
 * Resolves once every holder has heard invalidation `seq` or its lease has ended, with how many
 * ended unheard (`invalidation-feed.ts` listens for their acknowledgements).
 */
export type HeardBy = (seq: number, holders: readonly LeaseHolder[]) => Promise<number>;

/** Without a feed to hear acknowledgements on: every holder's lease is waited out. */
const waitLeasesOut: HeardBy = async (_seq, holders) => {
  const longest = Math.max(...holders.map((holder) => holder.endsInMs));
  await new Promise((resolve) => setTimeout(resolve, longest + 2));
  return holders.length;
};

export interface RedisEntityCacheOptions {
  /** Key prefix, `gw:` by default. */
  prefix?: string;
  /** This replica's id among lease holders (`invalidation-feed.ts`): its own invalidations do not wait on it. */
  replica?: string;
  /** How a write waits on the replicas holding leases; without a feed, it waits their leases out. */
  heardBy?: HeardBy;
}

/** What a near copy must do to catch up with the shared store since its cursor, and the keys it asked for with it. */
export interface Sync {
  epoch: string;
  seq: number;
  /** The tags of each invalidation after the cursor, in order; `reset` when they cannot be told (drop everything). */
  changes: string[][] | 'reset';
  /** The keys asked for, read in the same step (their ticket is this sync's `seq` and `epoch`). */
  found: CacheLookup;
}

interface RedisTicket extends CacheTicket {
  readonly epoch: string;
}

/**
 * How long a fill may wait for a lookup to carry it to Redis. A store is a round trip of its own
 * otherwise, and fills come as often as lookups; meanwhile other replicas miss what it holds, and
 * a ticket makes a late store as safe as an early one.
 */
export const FILL_DELAY_MS = 20;

/** The most keys one turn's lookups put in one script, and the most fills that wait for a lookup. */
const MAX_KEYS_PER_SCRIPT = 1_000;

/** The lookups asked in one turn, sent in one script. */
interface PendingLookups {
  /** How many keys its callers asked for, together. */
  keys: number;
  callers: { keys: readonly string[]; takenAt: number; resolve(found: CacheLookup): void; reject(error: unknown): void }[];
}

/** Fills waiting to go to Redis, all under tickets of one epoch. */
interface PendingFills {
  epoch: string;
  entries: { entry: CacheEntry; ticket: CacheTicket }[];
  waiting: { resolve(): void; reject(error: unknown): void }[];
  timer: NodeJS.Timeout;
}

type EntityCacheCommands = {
  entityCacheLookup(...args: (string | number)[]): Promise<(string | number | null)[]>;
  entityCacheStore(...args: (string | number)[]): Promise<number>;
  entityCacheInvalidate(...args: (string | number)[]): Promise<(string | number)[]>;
  entityCacheSync(...args: (string | number)[]): Promise<(string | number)[]>;
  entityCacheRenew(...args: (string | number)[]): Promise<(string | number)[]>;
};

/** Cache keys hold whole operations: the entry's key is their SHA-256. */
function entryKey(key: string): string {
  const hash = createHash('sha256').update(key).digest('base64url');
  return key.startsWith(RESPONSE_KEY_PREFIX) ? `r:${hash}` : hash;
}

/** An entry as stored: its tags, a newline, its value; anything else (kept by an older gateway) is a miss. */
function unpack(stored: string): { tags: string[]; value: string } | null {
  const split = stored.indexOf('\n');
  if (!stored.startsWith('[') || split < 0) return null;
  try {
    return { tags: JSON.parse(stored.slice(0, split)) as string[], value: stored.slice(split + 1) };
  } catch {
    return null;
  }
}

export class RedisEntityCacheStore implements EntityCacheStore {
  private readonly redis: Redis & EntityCacheCommands;
  /** Offered as the epoch when a lookup finds none (an empty server). */
  private readonly candidateEpoch = randomUUID();
  private readonly prefix: string;
  private readonly replica: string;
  private readonly heardBy: HeardBy;
  private fills: PendingFills | null = null;
  private lookups: PendingLookups | null = null;
  /** The channels of the invalidation feed (`invalidation-feed.ts`). */
  readonly channels: { feed: string; acks: string };

  constructor(redis: Redis, options: RedisEntityCacheOptions = {}) {
    if (!('entityCacheLookup' in redis)) {
      redis.defineCommand('entityCacheLookup', { lua: LOOKUP });
      redis.defineCommand('entityCacheStore', { lua: STORE, numberOfKeys: 0 });
      redis.defineCommand('entityCacheInvalidate', { lua: INVALIDATE, numberOfKeys: 0 });
      redis.defineCommand('entityCacheSync', { lua: SYNC });
      redis.defineCommand('entityCacheRenew', { lua: RENEW, numberOfKeys: 4 });
    }
    this.redis = redis as Redis & EntityCacheCommands;
    this.prefix = options.prefix ?? 'gw:';
    this.replica = options.replica ?? '';
    this.heardBy = options.heardBy ?? waitLeasesOut;
    this.channels = { feed: `${this.prefix}feed`, acks: `${this.prefix}acks` };
  }

  /**
   * The values of `keys` and a ticket. The lookups of one turn of the event loop (a plan's parallel
   * fetches, requests arriving together) share one script, with the fills waiting.
   */
  get(keys: readonly string[]): Promise<CacheLookup> {
    // A script holds the server while it runs: a turn asking for very many keys sends several.
    if (this.lookups && this.lookups.keys + keys.length > MAX_KEYS_PER_SCRIPT) this.lookups = null;
    const batch = (this.lookups ??= this.newLookups());
    batch.keys += keys.length;
    return new Promise<CacheLookup>((resolve, reject) => batch.callers.push({ keys, takenAt: performance.now(), resolve, reject }));
  }

  private newLookups(): PendingLookups {
    const batch: PendingLookups = { keys: 0, callers: [] };
    setImmediate(() => {
      if (this.lookups === batch) this.lookups = null;
      void this.lookUp(batch);
    });
    return batch;
  }

  private async lookUp({ callers }: PendingLookups): Promise<void> {
    const p = this.prefix;
    const at = new Map<string, number>();
    for (const { keys } of callers) for (const key of keys) if (!at.has(key)) at.set(key, at.size);
    const fills = this.takeFills();
    let reply: (string | number | null)[];
    try {
      reply = await this.redis.entityCacheLookup(2 + at.size, `${p}seq`, `${p}epoch`, ...[...at.keys()].map((key) => `${p}e:${entryKey(key)}`), this.candidateEpoch, ...fills.args);
    } catch (error) {
      fills.failed(error);
      for (const caller of callers) caller.reject(error);
      return;
    }
    fills.sent();
    const found = this.entriesOf(reply, 2, at.size);
    for (const { keys, takenAt, resolve } of callers) {
      const ticket: RedisTicket = { seq: Number(reply[1]), takenAt, epoch: String(reply[0]) };
      const positions = keys.map((key) => at.get(key)!);
      resolve({ values: positions.map((i) => found.values[i]), ages: positions.map((i) => found.ages[i]), tags: positions.map((i) => found.tags[i]), ticket });
    }
  }

  /** `count` entries of a script's reply from `at` on: value and time left of each. */
  private entriesOf(reply: (string | number | null)[], at: number, count: number): Required<Omit<CacheLookup, 'ticket'>> {
    const values: (string | undefined)[] = [];
    const ages: (number | undefined)[] = [];
    const tags: (readonly string[] | undefined)[] = [];
    for (let i = 0; i < count; i++) {
      const stored = reply[at + 2 * i];
      const ttl = Number(reply[at + 1 + 2 * i]);
      const entry = typeof stored === 'string' && ttl > 0 ? unpack(stored) : null;
      values.push(entry?.value);
      tags.push(entry?.tags);
      ages.push(entry ? ttl / 1000 : undefined);
    }
    return { values, ages, tags };
  }

  /** The invalidations after `cursor` (of `epoch`'s count), for a near copy to replay, and `keys` read in the same step. */
  async sync(epoch: string | null, cursor: number, keys: readonly string[] = []): Promise<Sync> {
    const takenAt = performance.now();
    const p = this.prefix;
    const reply = await this.redis.entityCacheSync(3 + keys.length, `${p}seq`, `${p}epoch`, `${p}log`, ...keys.map((key) => `${p}e:${entryKey(key)}`), this.candidateEpoch, epoch ?? '', cursor);
    return this.syncOf(reply, takenAt, keys.length);
  }

  /**
   * A sync that leaves this replica a lease of `leaseMs` on the server's clock: until it ends,
   * every invalidation waits for this replica's acknowledgement (or the lease's end) before it
   * returns (`invalidation-feed.ts`).
   */
  async renew(leaseMs: number, epoch: string | null, cursor: number): Promise<Sync> {
    const takenAt = performance.now();
    const p = this.prefix;
    const reply = await this.redis.entityCacheRenew(`${p}seq`, `${p}epoch`, `${p}log`, `${p}leases`, this.candidateEpoch, epoch ?? '', cursor, this.replica, leaseMs);
    return this.syncOf(reply, takenAt, 0);
  }

  /** Gives up this replica's lease at once (it stopped hearing the feed, or is closing): writes no longer wait on it. */
  async release(): Promise<void> {
    await this.redis.zrem(`${this.prefix}leases`, this.replica);
  }

  private syncOf(reply: (string | number | null)[], takenAt: number, keys: number): Sync {
    const seq = Number(reply[1]);
    const logged = Number(reply[3]);
    const changes = reply[2] === 'reset' ? 'reset' : reply.slice(4, 4 + logged).map((tags) => JSON.parse(String(tags)) as string[]);
    const ticket: RedisTicket = { seq, takenAt, epoch: String(reply[0]) };
    return { epoch: String(reply[0]), seq, changes, found: { ...this.entriesOf(reply, 4 + logged, keys), ticket } };
  }

  /**
   * Keeps the entries a fetch brought, unless an invalidation after `ticket` refuses them. They wait
   * (at most `FILL_DELAY_MS`) to go with the next lookup, in its round trip; resolves once they are
   * in Redis (or refused).
   */
  async set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void> {
    const epoch = (ticket as Partial<RedisTicket>).epoch;
    if (epoch === undefined || performance.now() - ticket.takenAt > MAX_TICKET_AGE_MS) return;
    const kept = entries.filter((entry) => Math.round(entry.maxAgeSeconds * 1000) > 0);
    if (kept.length === 0) return;
    // Tickets of two epochs never go in one script (the server restarted between them): the older fills go first.
    if (this.fills && this.fills.epoch !== epoch) this.sendFills();
    if (!this.fills) {
      const fills: PendingFills = { epoch, entries: [], waiting: [], timer: setTimeout(() => this.sendFills(), FILL_DELAY_MS) };
      fills.timer.unref();
      this.fills = fills;
    }
    const fills = this.fills;
    for (const entry of kept) fills.entries.push({ entry, ticket });
    const stored = new Promise<void>((resolve, reject) => fills.waiting.push({ resolve, reject }));
    // Like a turn's lookups, so many fills go at once rather than lengthen the next lookup's script.
    if (fills.entries.length >= MAX_KEYS_PER_SCRIPT) void this.sendFills();
    return stored;
  }

  /** The fills waiting, as a script's arguments (those whose ticket grew too old left out), and how to tell their callers. */
  private takeFills(): { args: (string | number)[]; sent(): void; failed(error: unknown): void } {
    const fills = this.fills;
    if (!fills) return { args: [], sent: () => undefined, failed: () => undefined };
    this.fills = null;
    clearTimeout(fills.timer);
    const now = performance.now();
    const args: (string | number)[] = [this.prefix, fills.epoch];
    for (const { entry, ticket } of fills.entries) {
      if (now - ticket.takenAt > MAX_TICKET_AGE_MS) continue;
      args.push(entryKey(entry.key), `${JSON.stringify(entry.tags)}\n${entry.value}`, Math.round(entry.maxAgeSeconds * 1000), ticket.seq, entry.tags.length, ...entry.tags);
    }
    return {
      args: args.length > 2 ? args : [],
      sent: () => fills.waiting.forEach((waiting) => waiting.resolve()),
      failed: (error) => fills.waiting.forEach((waiting) => waiting.reject(error)),
    };
  }

  /** Sends the fills waiting in a round trip of their own (no lookup came in time). */
  private sendFills(): Promise<void> {
    const fills = this.takeFills();
    if (fills.args.length === 0) {
      fills.sent();
      return Promise.resolve();
    }
    return this.redis.entityCacheStore(...fills.args).then(fills.sent, fills.failed);
  }

  /**
   * Drops every entry showing the tags and publishes the invalidation on the feed; returns once
   * every other replica holding a lease has heard it or its lease has ended, so no replica reads
   * what it dropped from its near copy after the write is answered.
   */
  async invalidate(tags: readonly string[]): Promise<Invalidation> {
    if (tags.length === 0) return { responses: 0 };
    const reply = await this.redis.entityCacheInvalidate(this.prefix, 2 * MAX_TICKET_AGE_MS, this.replica, ...new Set(tags));
    const seq = Number(reply[1]);
    const holders: LeaseHolder[] = [];
    for (let i = 2; i < reply.length; i += 2) holders.push({ replica: String(reply[i]), endsInMs: Number(reply[i + 1]) });
    const unheard = holders.length > 0 ? await this.heardBy(seq, holders) : 0;
    return { responses: Number(reply[0]), seq, ...(unheard > 0 ? { unheard } : {}) };
  }

  async close(): Promise<void> {
    await this.sendFills();
  }
}
