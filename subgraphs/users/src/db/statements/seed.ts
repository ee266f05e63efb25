import type { Engine } from '@app/kit/db/engine';
import { insertBulk } from '@app/kit/db/shapes';
import type { UsersStatements } from '../contract.ts';
import type { UsersTables } from '../tables.ts';

export function seedStatements(engine: Engine<UsersTables>) {
  const { db } = engine;
  const { users, follows } = engine.tables;
  return {
    isEmpty: async () => (await db.select({ id: users.id }).from(users).limit(1)).length === 0,

    insertSeedRows: async (rows) => {
      // Users first: every follow points at two of them.
      await insertBulk(engine, users, rows.users);
      await insertBulk(engine, follows, rows.follows);
    },
  } satisfies Partial<UsersStatements>;
}
