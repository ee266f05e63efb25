/**
 * Who is where in the seeded world: the users subgraph's seed decides countries, and Small
 * Gestures go only to recipients in an offer's regions (the seeded offers' are the US).
 */
import { usersSeed } from '@app/subgraph-users/src/db/seed.ts';

const seeded = usersSeed().users;

/** The seeded users in the US, in seed order. */
export const US_USER_IDS: readonly string[] = seeded.filter((user) => user.country === 'US').map((user) => user.id);

/** Seeded users outside the US, in seed order. */
export const NON_US_USER_IDS: readonly string[] = seeded.filter((user) => user.country !== 'US').map((user) => user.id);
