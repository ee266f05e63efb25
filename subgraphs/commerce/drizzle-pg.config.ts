import { defineConfig } from 'drizzle-kit';

/** The same store on Postgres (`COMMERCE_DATABASE_URL`): its own migrations, generated from its own schema. */
export default defineConfig({ dialect: 'postgresql', schema: './src/db/pg/schema.ts', out: './drizzle-pg' });
