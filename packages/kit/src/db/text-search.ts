/**
 * Full-text search written once for both engines, each with its own index: SQLite's FTS5 (an
 * external-content table the base table's triggers keep in step) and Postgres' text search (a GIN
 * index on the document's `tsvector`). A text index is described once; its DDL for each engine's
 * migration and the match condition a statement puts in its `where` both come from that one
 * description, so the query always says the document the index was built on.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { EngineName } from './tables.ts';

export interface TextIndex {
  /** The index's name: the FTS5 table on SQLite, the GIN index on Postgres. */
  name: string;
  /** The table searched (a rowid table on SQLite). */
  table: string;
  /** The SQL names of the text columns searched, as one document. */
  columns: readonly string[];
  /**
   * A boolean column: only the rows where it is true are indexed (the creators of a directory
   * over all users), so a search reads its matches among them alone, not among every row. A
   * statement using the index says `<only> = true` itself: Postgres' partial index serves only a
   * query whose condition implies its predicate (a bound value does, as plans are made per call).
   * `textMatch` does not repeat it: the planner multiplies a repeated condition's selectivity,
   * and a hundredth of the creators made it walk them all testing each (68 ms for "maya").
   */
  only?: string;
}

/**
 * The words of a search's text, in order: lower-cased runs of letters and digits. Punctuation and
 * operators are not syntax here, so no text a client types can make a malformed query; a domain
 * decides how many words it takes and refuses text with none.
 */
export function searchWords(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Which words match as the start of a longer word: every one (a directory), the last (typing ahead), or none (whole words). */
export type PrefixMatch = 'every' | 'last' | 'none';

const isPrefix = (prefix: PrefixMatch, i: number, count: number) => prefix === 'every' || (prefix === 'last' && i === count - 1);

/** An FTS5 query requiring every word: each quoted (so never an operator), prefixes starred. */
export function ftsQuery(terms: readonly string[], prefix: PrefixMatch): string {
  return terms.map((term, i) => `"${term}"${isPrefix(prefix, i, terms.length) ? '*' : ''}`).join(' ');
}

/** A Postgres `to_tsquery` requiring every word (letters and digits only, so never an operator), prefixes `:*`. */
export function tsQuery(terms: readonly string[], prefix: PrefixMatch): string {
  return terms.map((term, i) => `${term}${isPrefix(prefix, i, terms.length) ? ':*' : ''}`).join(' & ');
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The document Postgres indexes and matches: the columns as one text, any non-alphanumeric a space (as FTS5's tokenizer splits). */
function pgDocument(index: TextIndex): string {
  const text = index.columns.map((column) => `coalesce(${quote(column)}, '')`).join(` || ' ' || `);
  return `to_tsvector('simple'::regconfig, regexp_replace(${text}, '[^[:alnum:]]+', ' ', 'g'))`;
}

/** `where` condition: the row's document holds every term as the start of one of its words. Give at least one term. */
export function textMatch(engine: EngineName, index: TextIndex, terms: readonly string[]): SQL {
  if (engine === 'sqlite') {
    return sql`${sql.identifier(index.table)}.rowid in (select rowid from ${sql.identifier(index.name)} where ${sql.identifier(index.name)} match ${ftsQuery(terms, 'every')})`;
  }
  return sql`${sql.raw(pgDocument(index))} @@ to_tsquery('simple'::regconfig, ${tsQuery(terms, 'every')})`;
}

/**
 * The statements a migration runs to make (and fill) the index on each engine. A store's custom
 * migration holds exactly these; its contract test checks that it still does.
 */
export function textIndexDdl(engine: EngineName, index: TextIndex): string[] {
  const { name, table, columns, only } = index;
  if (engine === 'postgres') return [`CREATE INDEX ${quote(name)} ON ${quote(table)} USING gin ((${pgDocument(index)}))${only ? ` WHERE ${quote(only)} = true` : ''};`];
  const list = columns.map(quote).join(', ');
  const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${quote(column)}`).join(', ');
  // With `only`, each trigger indexes or forgets a row by its value before and after, and the fill
  // reads those rows (an external-content table's 'rebuild' would index every row).
  const when = (row: 'new' | 'old') => (only ? ` WHEN ${row}.${quote(only)} = true` : '');
  const where = (row: 'new' | 'old') => (only ? ` WHERE ${row}.${quote(only)} = true` : '');
  return [
    `CREATE VIRTUAL TABLE ${quote(name)} USING fts5(${list}, content=${quote(table)}, content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');`,
    `CREATE TRIGGER ${quote(`${name}_insert`)} AFTER INSERT ON ${quote(table)}${when('new')} BEGIN INSERT INTO ${quote(name)}(rowid, ${list}) VALUES (new.rowid, ${values('new')}); END;`,
    `CREATE TRIGGER ${quote(`${name}_delete`)} AFTER DELETE ON ${quote(table)}${when('old')} BEGIN INSERT INTO ${quote(name)}(${quote(name)}, rowid, ${list}) VALUES ('delete', old.rowid, ${values('old')}); END;`,
    `CREATE TRIGGER ${quote(`${name}_update`)} AFTER UPDATE OF ${list}${only ? `, ${quote(only)}` : ''} ON ${quote(table)} BEGIN INSERT INTO ${quote(name)}(${quote(name)}, rowid, ${list}) SELECT 'delete', old.rowid, ${values('old')}${where('old')}; INSERT INTO ${quote(name)}(rowid, ${list}) SELECT new.rowid, ${values('new')}${where('new')}; END;`,
    only ? `INSERT INTO ${quote(name)}(rowid, ${list}) SELECT rowid, ${list} FROM ${quote(table)} WHERE ${quote(only)} = true;` : `INSERT INTO ${quote(name)}(${quote(name)}) VALUES ('rebuild');`,
  ];
}
