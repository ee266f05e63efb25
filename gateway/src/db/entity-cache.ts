/**
 * The entity cache every gateway replica shares (`EntityCacheStore`), in the gateway's Postgres
 * database. There is no copy in a replica's memory: a write's invalidation is a committed DELETE
 * before the write is answered, so the next read on any replica misses and fetches. (A copy per
 * replica dropped on LISTEN/NOTIFY would be faster, but a notification arrives some time after
 * the write was answered, and a client sent to another replica in that time would not see its
 * own write.)
 *
 * A fetch in flight across a write must not store what it read before the write. A lookup
 * returns the invalidation sequence's current number as its ticket; storing refuses entries
 * showing a tag invalidated under a later number. Storing takes a shared advisory lock and an
 * invalidation an exclusive one, so the check and the insert of one store happen wholly before
 * or wholly after an invalidation's marks and DELETE.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PgDb } from '@app/kit/pg';
import { MAX_TICKET_AGE_MS, RESPONSE_KEY_PREFIX, type CacheEntry, type CacheLookup, type CacheTicket, type EntityCacheStore, type Invalidation } from '../entity-cache/store.ts';
import { entityCacheEntries, entityCacheInvalidations } from './replica-tables.ts';

/** The advisory lock stores share and invalidations take alone (an arbitrary constant of this table). */
const LOCK = 0x656e_7463;
/** How often a replica sweeps expired entries and old invalidation marks. */
const SWEEP_INTERVAL_MS = 60_000;

/** A JS array as one parameter (Drizzle's `sql` would spread it into a list of parameters). */
const array = (values: readonly unknown[]) => sql.param(values);

/** Marks the rows of whole responses, so an invalidation can count them (base64url has no `:`). */
const RESPONSE_ROW = 'response:';

/** Cache keys hold whole operations: the row's key is their SHA-256. */
function rowKey(key: string): string {
  const hash = createHash('sha256').update(key).digest('base64url');
  return key.startsWith(RESPONSE_KEY_PREFIX) ? `${RESPONSE_ROW}${hash}` : hash;
}

export class PgEntityCacheStore implements EntityCacheStore {
  private lastSweep = performance.now();

  constructor(private readonly db: PgDb) {}

  async get(keys: readonly string[]): Promise<CacheLookup> {
    const takenAt = performance.now();
    const rows = keys.map(rowKey);
    // The sequence is read in the same statement: one round trip for the values and the ticket.
    const result = await this.db.execute<{ key: string | null; value: string | null; age: number | string | null; seq: string }>(sql`
      select e.key, e.value, extract(epoch from e.expires_at - clock_timestamp())::float8 as age, case when s.is_called then s.last_value else s.last_value - 1 end as seq
      from entity_cache_invalidation_seq s
      left join ${entityCacheEntries} e on e.key = any(${array(rows)}::text[]) and e.expires_at > clock_timestamp()`);
    const found = new Map<string, { value: string; age: number }>();
    let seq = 0;
    for (const row of result.rows) {
      seq = Number(row.seq);
      if (row.key !== null && row.value !== null) found.set(row.key, { value: row.value, age: Number(row.age) });
    }
    return { values: rows.map((row) => found.get(row)?.value), ages: rows.map((row) => found.get(row)?.age), ticket: { seq, takenAt } };
  }

  async set(entries: readonly CacheEntry[], ticket: CacheTicket): Promise<void> {
    if (entries.length === 0 || performance.now() - ticket.takenAt > MAX_TICKET_AGE_MS) return;
    const keys = entries.map((entry) => rowKey(entry.key));
    const tagKeys = entries.flatMap((entry, i) => entry.tags.map(() => keys[i]!));
    const tags = entries.flatMap((entry) => entry.tags);
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock_shared(${LOCK})`);
      // Read committed: this statement sees every invalidation committed before the lock was granted.
      await tx.execute(sql`
        with incoming as (
          select * from unnest(${array(keys)}::text[], ${array(entries.map((entry) => entry.value))}::text[], ${array(entries.map((entry) => entry.maxAgeSeconds))}::float8[]) as e(key, value, age)
        ), incoming_tags as (
          select * from unnest(${array(tagKeys)}::text[], ${array(tags)}::text[]) as t(key, tag)
        ), refused as (
          select distinct t.key from incoming_tags t
          join ${entityCacheInvalidations} i on i.tag = t.tag and i.seq > ${ticket.seq}
        )
        insert into ${entityCacheEntries} (key, value, tags, expires_at)
        select e.key, e.value, coalesce((select array_agg(t.tag) from incoming_tags t where t.key = e.key), '{}'::text[]), clock_timestamp() + e.age * interval '1 second'
        from incoming e where e.key not in (select key from refused)
        on conflict (key) do update set value = excluded.value, tags = excluded.tags, expires_at = excluded.expires_at`);
    });
  }

  async invalidate(tags: readonly string[]): Promise<Invalidation> {
    if (tags.length === 0) return { responses: 0 };
    const responses = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
      await tx.execute(sql`
        insert into ${entityCacheInvalidations} (tag, seq, at)
        select tag, (select nextval('entity_cache_invalidation_seq')), clock_timestamp() from unnest(${array(tags)}::text[]) as t(tag)`);
      const dropped = await tx.execute<{ responses: number }>(sql`
        with dropped as (delete from ${entityCacheEntries} where tags && ${array(tags)}::text[] returning key)
        select count(*)::int as responses from dropped where starts_with(key, ${RESPONSE_ROW})`);
      return Number(dropped.rows[0]?.responses ?? 0);
    });
    await this.sweep();
    return { responses };
  }

  async close(): Promise<void> {}

  /** Expired entries, and marks no fetch in flight can need any more. */
  private async sweep(): Promise<void> {
    const now = performance.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    await this.db.execute(sql`delete from ${entityCacheEntries} where expires_at < clock_timestamp()`);
    await this.db.execute(sql`delete from ${entityCacheInvalidations} where at < clock_timestamp() - ${`${(2 * MAX_TICKET_AGE_MS) / 1000} seconds`}::interval`);
  }
}
