import { readFileSync } from 'node:fs';
import { buildSchema, getOperationAST, parse, validate, type DocumentNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './examples.ts';

const apiSchema = buildSchema(readFileSync(new URL('../../../schema/api.graphql', import.meta.url), 'utf8'));

function operationsOf(document: DocumentNode) {
  return document.definitions.filter((definition) => definition.kind === 'OperationDefinition');
}

describe('explorer examples', () => {
  it('cover every walk-through the README has, with unique ids', () => {
    expect(new Set(EXAMPLES.map((example) => example.walkthrough))).toEqual(new Set(['Quickstart', 'Acting as someone', 'Gifts', 'Small Gestures', 'Commerce', 'Merch feeds', 'LIVE room']));
    expect(new Set(EXAMPLES.map((example) => example.id)).size).toBe(EXAMPLES.length);
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
        const given = Object.fromEntries(Object.entries(example.variables ?? {}).filter(([name]) => declared.has(name)));
        const coerced = getVariableValues(apiSchema, ast.variableDefinitions ?? [], given);
        expect(coerced.errors?.map((error) => error.message) ?? []).toEqual([]);
      }
      // No variable is given that no operation of the example declares.
      const declaredAnywhere = new Set(operations.flatMap((operation) => (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value)));
      for (const name of Object.keys(example.variables ?? {})) expect(declaredAnywhere, `variable ${name}`).toContain(name);
    });
  }
});
