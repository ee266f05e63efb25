/**
 * Migrations written for a set of tables that no subgraph owns yet, for the kit's own contract
 * suites: drizzle-kit's API generates the same DDL `drizzle-kit generate` would, into a folder
 * in drizzle's layout, one per engine. Subgraphs keep their generated, committed migrations.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDrizzleJson, generateMigration, generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import type { EngineName, TablesByEngine } from './tables.ts';

function writeFolder(dialect: 'sqlite' | 'postgresql', statements: string[]): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), `kit-migrations-${dialect}-`));
  mkdirSync(path.join(folder, 'meta'));
  const tag = '0000_tables';
  writeFileSync(path.join(folder, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect, entries: [{ idx: 0, version: dialect === 'sqlite' ? '6' : '7', when: 0, tag, breakpoints: true }] }));
  return folder;
}

export async function migrationsFor<T extends Record<string, unknown>>(tables: TablesByEngine<T>): Promise<Record<EngineName, string>> {
  const sqlite = await generateSQLiteMigration(await generateSQLiteDrizzleJson({}), await generateSQLiteDrizzleJson(tables.sqlite));
  const postgres = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(tables.postgres));
  return { sqlite: writeFolder('sqlite', sqlite), postgres: writeFolder('postgresql', postgres) };
}
