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
 *   `seq`): what replicas' near copies replay to catch up (`sync`).
 *
 * Each operation is one Lua script, so it is one round trip and atomic: a lookup reads the
 * values, their time left and the counter (the ticket); a store refuses entries showing a tag
 * invalidated after the ticket (or a ticket of an earlier epoch: a Redis that restarted empty
 * counts from 0 again); an invalidation counts, marks, and deletes every entry of every tag and
 * the tag sets. Redis runs one script at a time, so a store's check and writes happen wholly before
 * or wholly after an invalidation, as the advisory locks make it on Postgres.
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

const LOOKUP = `${EPOCH}local out = { epoch, redis.call('GET', KEYS[1]) or '0' }
${valuesFrom(3)}`;

const STORE = `
local p = ARGV[1]
if redis.call('GET', p .. 'epoch') ~= ARGV[2] then return 0 end
local ticket = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local kept = 0
local i = 4
while i <= #ARGV do
  local key = p .. 'e:' .. ARGV[i]
  local ttl = tonumber(ARGV[i + 2])
  local tags = tonumber(ARGV[i + 3])
  local fresh = true
  for j = 1, tags do
    local mark = redis.call('GET', p .. 'm:' .. ARGV[i + 3 + j])
    if mark and tonumber(mark) > ticket then
      fresh = false
      break
    end
  end
  if fresh then
    redis.call('SET', key, ARGV[i + 1], 'PX', ttl)
    for j = 1, tags do
      local tagKey = p .. 't:' .. ARGV[i + 3 + j]
      redis.call('ZADD', tagKey, 'GT', now + ttl, key)
      redis.call('ZREMRANGEBYSCORE', tagKey, '-inf', now)
      if redis.call('PTTL', tagKey) < ttl then redis.call('PEXPIRE', tagKey, ttl) end
    end
    kept = kept + 1
  end
  i = i + 4 + tags
end
return kept`;

/** How many invalidations the log keeps: a near copy further behind than this starts empty again. */
export const LOG_LENGTH = 10_000;

const INVALIDATE = `
local p = ARGV[1]
local seq = redis.call('INCR', p .. 'seq')
local responses = 0
local tags = {}
for i = 3, #ARGV do
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
return { responses, seq }`;

const SYNC = `${EPOCH}local seq = tonumber(redis.call('GET', KEYS[1]) or '0')
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
${valuesFrom(4)}`;

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

type EntityCacheCommands = {
  entityCacheLookup(...args: (string | number)[]): Promise<(string | number | null)[]>;
  entityCacheStore(...args: (string | number)[]): Promise<number>;
  entityCacheInvalidate(...args: (string | number)[]): Promise<[number, number]>;
  entityCacheSync(...args: (string | number)[]): Promise<(string | number)[]>;
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

  constructor(
    redis: Redis,
    private readonly prefix = 'gw:',
  ) {
    if (!('entityCacheLookup' in redis)) {
      redis.defineCommand('entityCacheLookup', { lua: LOOKUP });
      redis.defineCommand('entityCacheStore', { lua: STORE, numberOfKeys: 0 });
      redis.defineCommand('entityCacheInvalidate', { lua: INVALIDATE, numberOfKeys: 0 });
      redis.defineCommand('entityCacheSync', { lua: SYNC });
    }
    this.redis = redis as Redis & EntityCacheCommands;
  }

  async get(keys: readonly string[]): Promise<CacheLookup> {
    const takenAt = performance.now();
    const p = this.prefix;
    const reply = await this.redis.entityCacheLookup(2 + keys.length, `${p}seq`, `${p}epoch`, ...keys.map((key) => `${p}e:${entryKey(key)}`), this.candidateEpoch);
    const ticket: RedisTicket = { seq: Number(reply[1]), takenAt, epoch: String(reply[0]) };
    return { ...this.entriesOf(reply, 2, keys.length), ticket };
  }

  /** `count` entries of a script's reply from `at` on: value and time left of each. */
  private entriesOf(reply: (string | number | null)[], at: number, count: number): Omit<CacheLookup, 'ticket'> {
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
    const seq = Number(reply[1]);
    const logged = Number(reply[3]);
    const changes = reply[2] === 'reset' ? 'reset' : reply.slice(4, 4 + logged).map((tags) => JSON.parse(String(tags)) as string[]);
    const ticket: RedisTicket = { seq, takenAt, epoch: String(reply[0]) };
    return { epoch: String(reply[0]), seq, changes, found: { ...this.entriesOf(reply, 4 + logged, keys.length), ticket } };
  }

  async set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void> {
    if (entries.length === 0 || performance.now() - ticket.takenAt > MAX_TICKET_AGE_MS) return;
    const epoch = (ticket as Partial<RedisTicket>).epoch;
    if (epoch === undefined) return;
    const args: (string | number)[] = [this.prefix, epoch, ticket.seq];
    for (const entry of entries) {
      const ttlMs = Math.round(entry.maxAgeSeconds * 1000);
      if (ttlMs <= 0) continue;
      args.push(entryKey(entry.key), `${JSON.stringify(entry.tags)}\n${entry.value}`, ttlMs, entry.tags.length, ...entry.tags);
    }
    if (args.length > 3) await this.redis.entityCacheStore(...args);
  }

  async invalidate(tags: readonly string[]): Promise<Invalidation> {
    if (tags.length === 0) return { responses: 0 };
    const [responses, seq] = await this.redis.entityCacheInvalidate(this.prefix, 2 * MAX_TICKET_AGE_MS, ...new Set(tags));
    return { responses: Number(responses), seq: Number(seq) };
  }

  async close(): Promise<void> {}
}
