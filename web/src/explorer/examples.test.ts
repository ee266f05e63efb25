import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, getOperationAST, parse, validate, type DocumentNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { describe, expect, it } from 'vitest';
import { A_YEAR_AGO, EXAMPLES, FRESH_KEY, TOMORROW, variablesFor } from './examples.ts';

/**
 * The public API, with the `@defer` directive the gateway adds to it (graphql-js 16 does not
 * know it; `schema/api.graphql` is what the subgraphs compose to, without it).
 */
const apiSchema = buildSchema(`${readFileSync(new URL('../../../schema/api.graphql', import.meta.url), 'utf8')}
directive @defer(label: String, if: Boolean! = true) on FRAGMENT_SPREAD | INLINE_FRAGMENT
`);

function operationsOf(document: DocumentNode) {
  return document.definitions.filter((definition) => definition.kind === 'OperationDefinition');
}

describe('explorer examples', () => {
  it('cover every walk-through the README and docs/ have, with unique ids', () => {
    expect(new Set(EXAMPLES.map((example) => example.walkthrough))).toEqual(new Set(['Quickstart', 'Acting as someone', 'Gifts', 'Small Gestures', 'Commerce', 'Merch feeds', 'Shoppable videos', 'LIVE room', 'Campaigns']));
    expect(new Set(EXAMPLES.map((example) => example.id)).size).toBe(EXAMPLES.length);
  });

  it('get a new idempotency key each time one is opened: every key is a variable, none is a fixed value a walk-through run would have spent', () => {
    // The keys the README and the manual in docs/ spend (the walk-throughs live in docs/).
    const docs = new URL('../../../docs/', import.meta.url);
    const written = [readFileSync(new URL('../../../README.md', import.meta.url), 'utf8'), ...readdirSync(docs).filter((name) => name.endsWith('.md')).map((name) => readFileSync(new URL(name, docs), 'utf8'))].join('\n');
    expect(written).toContain('idempotencyKey: "buy-0001"');
    const withKeys = EXAMPLES.filter((example) => example.query.includes('idempotencyKey'));
    expect(withKeys.length).toBeGreaterThan(5);
    for (const example of withKeys) {
      // Every idempotencyKey argument takes a variable, never a literal.
      expect(example.query, example.id).not.toMatch(/idempotencyKey:\s*"/);
      const keyVariables = [...example.query.matchAll(/idempotencyKey:\s*\$(\w+)/g)].map((match) => match[1]!);
      expect(keyVariables.length, example.id).toBeGreaterThan(0);
      for (const name of keyVariables) expect(example.variables?.[name], `${example.id}: $${name}`).toBe(FRESH_KEY);
      const [first, second] = [variablesFor(example)!, variablesFor(example)!];
      for (const name of keyVariables) {
        expect(first[name], `${example.id}: $${name}`).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
        expect(first[name]).not.toBe(second[name]);
        expect(written).not.toContain(`"${first[name] as string}"`);
      }
      if (keyVariables.length > 1) expect(new Set(keyVariables.map((name) => first[name])).size).toBe(keyVariables.length);
    }
  });

  it('fill a period around today, since the seed world is dated from its first start', () => {
    const dated = EXAMPLES.filter((example) => Object.values(example.variables ?? {}).some((value) => value === A_YEAR_AGO || value === TOMORROW));
    expect(dated.map((example) => example.id)).toContain('brand-runs-shop');
    for (const example of EXAMPLES) expect(example.query, `${example.id}: no fixed year in an example`).not.toMatch(/"20\d\d-\d\d-\d\d/);
    const now = Date.UTC(2028, 4, 2, 12);
    expect(variablesFor(EXAMPLES.find((example) => example.id === 'brand-runs-shop')!, () => 'x', now)).toEqual({ from: '2027-05-03T12:00:00.000Z', to: '2028-05-03T12:00:00.000Z' });
  });

  for (const example of EXAMPLES) {
    it(`${example.id} is valid against the API schema, with variables that coerce`, () => {
      const document = parse(example.query);
      expect(validate(apiSchema, document).map((error) => error.message)).toEqual([]);
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(0);
      for (const operation of operations) {
        expect(operation.name, 'every example operation is named').toBeDefined();
        const ast = getOperationAST(document, operation.name!.value)!;
        const declared = new Set((ast.variableDefinitions ?? []).map((definition) => definition.variable.name.value));
        const given = Object.fromEntries(Object.entries(variablesFor(example) ?? {}).filter(([name]) => declared.has(name)));
        const coerced = getVariableValues(apiSchema, ast.variableDefinitions ?? [], given);
        expect(coerced.errors?.map((error) => error.message) ?? []).toEqual([]);
      }
      // No variable is given that no operation of the example declares.
      const declaredAnywhere = new Set(operations.flatMap((operation) => (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value)));
      for (const name of Object.keys(example.variables ?? {})) expect(declaredAnywhere, `variable ${name}`).toContain(name);
    });
  }
});
