import { defineConfig } from 'drizzle-kit';

/** The same store on Postgres (`COMMERCE_DATABASE_URL`): its own migrations, generated from the Postgres half of `src/db/tables.ts`. */
export default defineConfig({ dialect: 'postgresql', schema: './src/db/tables-postgres.ts', out: './drizzle-pg' });
