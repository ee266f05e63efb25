/**
 * `npm run documents`: writes schema/trusted-documents.json, the trusted documents manifest of the
 * operations the project's own clients send, in the shape clients and gateways expect: a JSON map
 * of id (the SHA-256 of the document's exact text, in hex, as Apollo's persisted queries hash it)
 * to the text. The gateway runs these by id and, with TRUSTED_DOCUMENTS_ONLY, nothing else.
 * `--check` fails when the committed file is stale or a document does not validate against the
 * API schema.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildASTSchema, parse, validate } from 'graphql';
import { SCREEN_OPERATIONS } from '../bench/screens.ts';
import { WRITE_OPERATIONS } from '../bench/writes.ts';

const root = new URL('../', import.meta.url);
const output = new URL('schema/trusted-documents.json', root);

/** Where the project's clients keep their operations; the explorer's examples join here. */
const SOURCES: Record<string, readonly string[]> = {
  'bench/screens.ts': SCREEN_OPERATIONS,
  'bench/writes.ts': WRITE_OPERATIONS,
};

export function manifest(): { text: string; problems: string[] } {
  const schema = buildASTSchema(parse(readFileSync(new URL('schema/api.graphql', root), 'utf8')));
  const documents: Record<string, string> = {};
  const problems: string[] = [];
  for (const [source, operations] of Object.entries(SOURCES)) {
    for (const text of operations) {
      const errors = validate(schema, parse(text));
      if (errors.length) problems.push(`${source}: ${text.slice(0, 60)}…: ${errors.map((error) => error.message).join('; ')}`);
      documents[createHash('sha256').update(text).digest('hex')] = text;
    }
  }
  const sorted = Object.fromEntries(Object.entries(documents).sort(([a], [b]) => a.localeCompare(b)));
  return { text: `${JSON.stringify(sorted, null, 2)}\n`, problems };
}

function main(check: boolean): number {
  const { text, problems } = manifest();
  for (const problem of problems) console.error(problem);
  if (problems.length) return 1;
  if (check) {
    let current = '';
    try {
      current = readFileSync(output, 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== text) {
      console.error(`${output.pathname} is stale: run \`npm run documents\` and commit the result.`);
      return 1;
    }
    console.log('trusted-documents.json matches the operations the project ships.');
    return 0;
  }
  writeFileSync(output, text);
  console.log(`Wrote schema/trusted-documents.json (${Object.keys(JSON.parse(text)).length} documents).`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.includes('--check'));
