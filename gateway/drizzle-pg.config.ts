import { defineConfig } from 'drizzle-kit';

/** The gateway's store on Postgres (`GATEWAY_DATABASE_URL`): its own migrations, generated from `src/db/tables-postgres.ts`. */
export default defineConfig({ dialect: 'postgresql', schema: './src/db/tables-postgres.ts', out: './drizzle-pg' });
