/**
 * The users store's large world: the seed's users and follows as they are, then a million bulk
 * users (the first of them creators) and a follow graph drawn by a power law: every bulk user
 * follows Maya (the walk-throughs' creator), and zero to three more creators, each drawn with odds
 * falling with its rank, so a few seed creators hold hundreds of thousands of followers and the
 * last bulk creators a handful. All bulk follows are older than the seed's.
 */
import { chunksOf, insertChunks, newReport, type BulkReport, type SeedTarget } from '@app/fixtures/bulk';
import { bulkCreatorTopic, bulkUserId, largeCreatorCount, largeCreatorId, type LargeWorldSize } from '@app/fixtures/large';
import { SeededRandom } from '@app/fixtures/random';
import { CREATOR_COUNT, DAY, SEED_TIME } from '@app/fixtures/world';
import type { UsersSeedRows } from './contract.ts';
import { usersSeed } from './seed.ts';
import type { NewFollow, NewUser } from './tables.ts';

const CHUNK = 25_000;
/** Every bulk follow is older than every seed follow (the seed's go back 400 days and an hour). */
const FOLLOWS_BEFORE = SEED_TIME - 401 * DAY;
const FIRST = ['Ada', 'Bea', 'Cal', 'Dev', 'Eva', 'Fox', 'Gus', 'Hal', 'Ida', 'Jax', 'Kim', 'Lou', 'Max', 'Ned', 'Oli', 'Pia', 'Quinn', 'Rex', 'Sol', 'Tess', 'Uma', 'Vic', 'Wes', 'Xia', 'Yas', 'Zed'];
const LAST = ['Abara', 'Berg', 'Costa', 'Dahl', 'Eze', 'Fox', 'Gray', 'Holm', 'Ito', 'Jung', 'Kerr', 'Lund', 'Moss', 'Nash', 'Ortiz', 'Park'];
const COUNTRIES = ['US', 'US', 'US', 'US', 'US', 'US', 'CA', 'GB', 'MX', 'DE', 'BR', 'JP'];

/** Who each bulk user follows besides Maya: creator ranks, `offsets[j]..offsets[j+1]` for user j. */
interface FollowDraw {
  offsets: Uint32Array;
  ranks: Uint32Array;
  /** Followers per creator rank, bulk follows only. */
  followers: Uint32Array;
}

/** Draws the whole follow graph as creator ranks (a few bytes a follow), so counts are known before any row. */
function drawFollows(size: LargeWorldSize, random: SeededRandom): FollowDraw {
  const creators = largeCreatorCount(size);
  // Odds of rank r (r ≥ 1; Maya, rank 0, is followed by all) ∝ 1 / r^1.1, as a running total to search.
  const cumulative = new Float64Array(creators);
  for (let r = 1; r < creators; r++) cumulative[r] = (cumulative[r - 1] as number) + 1 / r ** 1.1;
  const total = cumulative[creators - 1] as number;
  const drawRank = () => {
    const target = random.next() * total;
    let low = 1;
    let high = creators - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const offsets = new Uint32Array(size.bulkUsers + 1);
  const ranks = new Uint32Array(size.bulkUsers * 3);
  const followers = new Uint32Array(creators);
  let n = 0;
  for (let j = 0; j < size.bulkUsers; j++) {
    offsets[j] = n;
    const own = j < size.bulkCreators ? CREATOR_COUNT + j : -1;
    const wanted = random.int(0, 3);
    const start = n;
    for (let tries = 0; n - start < wanted && tries < 20; tries++) {
      const rank = drawRank();
      if (rank === own || ranks.subarray(start, n).includes(rank)) continue;
      ranks[n++] = rank;
      followers[rank] = (followers[rank] as number) + 1;
    }
  }
  offsets[size.bulkUsers] = n;
  // Every bulk user follows Maya.
  followers[0] = size.bulkUsers;
  return { offsets, ranks: ranks.subarray(0, n), followers };
}

const emptyRows = (): UsersSeedRows => ({ users: [], follows: [] });

/** The bulk users and their follows, a chunk of users at a time. */
function* bulkChunks(size: LargeWorldSize, draw: FollowDraw, random: SeededRandom): Generator<Partial<UsersSeedRows>> {
  for (const [start, end] of chunksOf(size.bulkUsers, CHUNK)) {
    const users: NewUser[] = [];
    const follows: NewFollow[] = [];
    for (let j = start; j < end; j++) {
      const id = bulkUserId(j);
      const isCreator = j < size.bulkCreators;
      const first = FIRST[j % FIRST.length] as string;
      const last = LAST[(j * 7) % LAST.length] as string;
      const from = draw.offsets[j] as number;
      const to = draw.offsets[j + 1] as number;
      // This user's follows, a few seconds apart, newest first; all before the seed's.
      const followedAt = FOLLOWS_BEFORE - j * 20_000 - random.int(0, 9_999);
      follows.push({ followerId: id, followeeId: largeCreatorId(0), createdAt: new Date(followedAt) });
      for (let k = from; k < to; k++) follows.push({ followerId: id, followeeId: largeCreatorId(draw.ranks[k] as number), createdAt: new Date(followedAt - (k - from + 1) * 1_000) });
      const topic = bulkCreatorTopic(j);
      users.push({
        id,
        // `zz` sorts after every seed handle, so the creators directory's first pages are the seed's.
        handle: isCreator ? `zz.${first.toLowerCase()}.${topic}${j}` : `zz.${first.toLowerCase()}${last.toLowerCase()}${j}`,
        displayName: `${first} ${last}`,
        bio: isCreator ? `${topic[0]?.toUpperCase()}${topic.slice(1)} every day.` : null,
        country: random.pick(COUNTRIES),
        verified: isCreator && random.chance(0.1),
        isCreator,
        joinedAt: new Date(followedAt - random.int(1, 300) * DAY),
        followerCount: isCreator ? (draw.followers[CREATOR_COUNT + j] as number) : 0,
        followingCount: 1 + (to - from),
      });
    }
    yield { users, follows };
  }
}

/**
 * Fills an empty users store with the large world at `size`: the seed's rows (their kept counts
 * with the bulk follows added), then the bulk a chunk at a time, each chunk one transaction.
 */
export async function seedLargeUsersStore(store: SeedTarget<UsersSeedRows>, size: LargeWorldSize, report: BulkReport = newReport()): Promise<BulkReport> {
  const started = performance.now();
  const random = new SeededRandom(101);
  const draw = drawFollows(size, random);
  const seed = usersSeed();
  // The seed's creators are followed by bulk users too: their kept counts say so from the start.
  for (let rank = 0; rank < CREATOR_COUNT; rank++) {
    const user = seed.users.find((row) => row.id === largeCreatorId(rank));
    if (user) user.followerCount = (user.followerCount ?? 0) + (draw.followers[rank] as number);
  }
  await insertChunks(store, [seed], emptyRows, report);
  await insertChunks(store, bulkChunks(size, draw, random), emptyRows, report);
  report.ms = performance.now() - started;
  return report;
}
