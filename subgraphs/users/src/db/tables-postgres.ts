/** The users store's Postgres tables by name, for drizzle-kit (`drizzle-pg.config.ts`): derived from `tables.ts`. */
import { usersTables } from './tables.ts';

export const { users, follows, usedNonces } = usersTables.postgres;
