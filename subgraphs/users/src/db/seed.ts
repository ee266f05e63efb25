import { SeededRandom } from '@app/fixtures/random';
import { CREATOR_COUNT, DAY, SEED_TIME, TOPICS, creatorIds, creatorPopularity, creatorTopic, userIds } from '@app/fixtures/world';
import type { UsersSeedRows } from './contract.ts';
import type { UsersStore } from './store.ts';
import type { NewFollow, NewUser } from './tables.ts';

/** The first 20 name the creators (their handles are `first.topic`), so new names go at the end. */
const FIRST_NAMES = ['Maya', 'Leo', 'Ava', 'Noah', 'Zoe', 'Kai', 'Ivy', 'Eli', 'Nia', 'Omar', 'Luna', 'Theo', 'Sofia', 'Jin', 'Priya', 'Diego', 'Amara', 'Finn', 'Yuki', 'Sam', 'Mateo', 'Hana', 'Aisha', 'Lucas', 'Mei', 'Ravi', 'Elena', 'Tomas', 'Zara', 'Kofi'];
const LAST_NAMES = ['Reyes', 'Chen', 'Okafor', 'Novak', 'Patel', 'Kim', 'Silva', 'Haddad', 'Moreau', 'Jensen', 'Tanaka', 'Brooks', 'Alvarez', 'Nguyen', 'Mensah', 'Kowalski'];
/** 7 and 16 share no factor, so neighbours get different last names and so do users 30 apart (the same first name). */
const lastNameOf = (i: number): string => LAST_NAMES[(i * 7) % LAST_NAMES.length] as string;
/** Most users are in the US (the Small Gestures market); some are not, so the rule can be seen. */
const COUNTRIES = ['US', 'US', 'US', 'US', 'US', 'US', 'CA', 'GB', 'MX', 'DE', 'BR', 'JP'];

/**
 * The users store's first rows: 60 users, the first 20 of them creators, and a follow graph in
 * which creators draw most follows, each in proportion to their popularity. The same data every time,
 * for every engine: the seed step inserts them in this order.
 */
export function usersSeed(): UsersSeedRows {
  const random = new SeededRandom(1);
  const userRows = userIds.map((id, i): NewUser => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] as string;
    const last = lastNameOf(i);
    const isCreator = i < CREATOR_COUNT;
    const niche = isCreator ? creatorTopic(id) : (TOPICS[i % TOPICS.length] as string);
    return {
      id,
      handle: isCreator ? `${first.toLowerCase()}.${niche}` : `${first.toLowerCase()}${last.toLowerCase()}${i}`,
      displayName: `${first} ${last}`,
      bio: isCreator ? `${niche[0]?.toUpperCase()}${niche.slice(1)} videos every week. Shop my picks below.` : random.chance(0.5) ? `Here for the ${niche}.` : null,
      // The first creator is in the US so the walk-throughs can use it; the rest vary.
      country: i === 0 ? 'US' : random.pick(COUNTRIES),
      verified: isCreator && random.chance(0.6),
      isCreator,
      topic: isCreator ? creatorTopic(id) : null,
      joinedAt: new Date(SEED_TIME - random.int(30, 900) * DAY),
    };
  });

  const followRows: NewFollow[] = [];
  for (const [i, followerId] of userIds.entries()) {
    const creatorsFollowed = random.weightedSample(creatorIds, creatorPopularity, random.int(3, 12));
    const friendsFollowed = random.sample(userIds.slice(CREATOR_COUNT), random.int(0, 6));
    for (const followeeId of new Set([...creatorsFollowed, ...friendsFollowed])) {
      if (followeeId === followerId) continue;
      followRows.push({ followerId, followeeId, createdAt: new Date(SEED_TIME - random.int(1, 400) * DAY - i * 60_000) });
    }
  }

  // The kept counts, as the follows just drawn make them.
  const followers = new Map<string, number>();
  const following = new Map<string, number>();
  for (const follow of followRows) {
    followers.set(follow.followeeId, (followers.get(follow.followeeId) ?? 0) + 1);
    following.set(follow.followerId, (following.get(follow.followerId) ?? 0) + 1);
  }
  for (const user of userRows) {
    user.followerCount = followers.get(user.id) ?? 0;
    user.followingCount = following.get(user.id) ?? 0;
  }
  return { users: userRows, follows: followRows };
}

/** Fills an empty users store with the seed world; a store that holds anything is left as it is. */
export async function seedUsersStore(store: Pick<UsersStore, 'transaction'>): Promise<void> {
  await store.transaction(async (tx) => {
    if (await tx.isEmpty()) await tx.insertSeedRows(usersSeed());
  });
}
