import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Supergraph, type Operation, type Schema } from '@apollo/federation-internals';
import { Kind, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rememberedConversion } from './operation-cache.ts';

const schema = Supergraph.build(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8')).apiSchema();
const parsed = parse('query Feed($after: String) { feed(first: 2, after: $after) { edges { node { ...V } } } } fragment V on Video { id caption }');

/** What the plan executor passes: a new document object around the same nodes. */
const asTheExecutorBuildsIt = (document: DocumentNode): DocumentNode => ({ kind: Kind.DOCUMENT, definitions: [...document.definitions] });

function counting() {
  const calls: DocumentNode[] = [];
  const convert = (_schema: Schema, document: DocumentNode) => {
    calls.push(document);
    return { converted: calls.length } as unknown as Operation;
  };
  return { calls, convert };
}

describe('the plan executor operation conversion, remembered', () => {
  it('converts a parsed operation once, however many requests run it', () => {
    const { calls, convert } = counting();
    const remembered = rememberedConversion(convert);
    const first = remembered(schema, asTheExecutorBuildsIt(parsed), { validate: false });
    const second = remembered(schema, asTheExecutorBuildsIt(parsed), { validate: false });
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);
  });

  it('converts again when the same operation node comes with other fragment nodes', () => {
    const { calls, convert } = counting();
    const remembered = rememberedConversion(convert);
    const other = parse('fragment V on Video { id }').definitions;
    const first = remembered(schema, asTheExecutorBuildsIt(parsed), { validate: false });
    const second = remembered(schema, { kind: Kind.DOCUMENT, definitions: [parsed.definitions[0]!, ...other] }, { validate: false });
    expect(second).not.toBe(first);
    expect(calls).toHaveLength(2);
  });

  it('converts every time for a caller that validates or names the operation (the @defer planner)', () => {
    const { calls, convert } = counting();
    const remembered = rememberedConversion(convert);
    remembered(schema, parsed);
    remembered(schema, parsed);
    remembered(schema, parsed, { validate: false, operationName: 'Feed' });
    remembered(schema, parsed, { validate: false, operationName: 'Feed' });
    expect(calls).toHaveLength(4);
  });

  it('is what @apollo/gateway calls: federation-internals answers its executor from memory once imported', async () => {
    await import('./operation-cache.ts');
    const fromGateway = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
    const internals = fromGateway('@apollo/federation-internals') as { operationFromDocument: (schema: Schema, document: DocumentNode, options?: { validate?: boolean }) => Operation };
    const first = internals.operationFromDocument(schema, asTheExecutorBuildsIt(parsed), { validate: false });
    const second = internals.operationFromDocument(schema, asTheExecutorBuildsIt(parsed), { validate: false });
    expect(second).toBe(first);
    expect(first.toString()).toContain('feed(first: 2, after: $after)');
    // A validating call still converts afresh.
    expect(internals.operationFromDocument(schema, parsed)).not.toBe(first);
  });
});
