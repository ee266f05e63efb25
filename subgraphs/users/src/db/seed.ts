import { SeededRandom } from '@app/fixtures/random';
import { CREATOR_COUNT, DAY, SEED_TIME, userIds } from '@app/fixtures/world';
import type { follows, users } from './schema.ts';

const FIRST_NAMES = ['Maya', 'Leo', 'Ava', 'Noah', 'Zoe', 'Kai', 'Ivy', 'Eli', 'Nia', 'Omar', 'Luna', 'Theo', 'Sofia', 'Jin', 'Priya', 'Diego', 'Amara', 'Finn', 'Yuki', 'Sam'];
const LAST_NAMES = ['Reyes', 'Chen', 'Okafor', 'Novak', 'Patel', 'Kim', 'Silva', 'Haddad', 'Moreau', 'Jensen', 'Tanaka', 'Brooks'];
const NICHES = ['cooking', 'fitness', 'beauty', 'gaming', 'travel', 'comedy', 'tech', 'fashion', 'music', 'outdoors'];
/** Most users are in the US (the Small Gestures market); some are not, so the rule can be seen. */
const COUNTRIES = ['US', 'US', 'US', 'US', 'US', 'US', 'CA', 'GB', 'MX', 'DE', 'BR', 'JP'];

/** The seeded world as rows, the same for every engine: each store inserts them in this order. */
export interface UsersSeed {
  users: (typeof users.$inferInsert)[];
  follows: (typeof follows.$inferInsert)[];
}

/**
 * The users store's first rows: 60 users, the first 20 of them creators, and a follow graph in
 * which creators draw most follows. The same data every time.
 */
export function usersSeed(): UsersSeed {
  const random = new SeededRandom(1);
  const userRows = userIds.map((id, i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] as string;
    const isCreator = i < CREATOR_COUNT;
    const niche = NICHES[i % NICHES.length] as string;
    return {
      id,
      handle: isCreator ? `${first.toLowerCase()}.${niche}` : `${first.toLowerCase()}${last.toLowerCase()}${i}`,
      displayName: `${first} ${last}`,
      bio: isCreator ? `${niche[0]?.toUpperCase()}${niche.slice(1)} videos every week. Shop my picks below.` : random.chance(0.5) ? `Here for the ${niche}.` : null,
      // The first creator is in the US so the walk-throughs can use it; the rest vary.
      country: i === 0 ? 'US' : random.pick(COUNTRIES),
      verified: isCreator && random.chance(0.6),
      isCreator,
      joinedAt: new Date(SEED_TIME - random.int(30, 900) * DAY),
    };
  });

  const followRows: (typeof follows.$inferInsert)[] = [];
  for (const [i, followerId] of userIds.entries()) {
    const creatorsFollowed = random.sample(userIds.slice(0, CREATOR_COUNT), random.int(3, 12));
    const friendsFollowed = random.sample(userIds.slice(CREATOR_COUNT), random.int(0, 6));
    for (const followeeId of new Set([...creatorsFollowed, ...friendsFollowed])) {
      if (followeeId === followerId) continue;
      followRows.push({ followerId, followeeId, createdAt: new Date(SEED_TIME - random.int(1, 400) * DAY - i * 60_000) });
    }
  }

  return { users: userRows, follows: followRows };
}
