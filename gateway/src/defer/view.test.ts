import { readFileSync } from 'node:fs';
import { Kind, parse, print, type FieldNode, type FragmentDefinitionNode, type InlineFragmentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DeferPlanner } from './plan.ts';
import { placesOf, project, projectFragment, valueAt, viewDocument, type ViewScope } from './view.ts';

const planner = new DeferPlanner(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const schema = planner.apiSchema;
const scopeOf = (source: string, variables: Record<string, unknown> = {}): ViewScope & { operation: OperationDefinitionNode } => {
  const document = parse(source);
  const fragments = Object.fromEntries(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return { schema, deferDirective: planner.deferDirective, fragments, variables, operation };
};
const compact = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('a part’s view of the document', () => {
  const source = '{ creator(handle: "maya") { handle ... @defer(label: "a") { bio } ... @defer(label: "b") { videoCount } ... @defer(label: "off", if: false) { verified } } }';

  it('keeps the fragments it includes, drops the others, and asks __typename everywhere', () => {
    const view = viewDocument(parse(source), new Set(['a']), { deferDirective: planner.deferDirective, variables: {} });
    expect(compact(print(view))).toBe('{ creator(handle: "maya") { handle ... { bio __typename } ... { verified __typename } __typename } __typename }');
  });

  it('of the primary part holds no deferred fragment', () => {
    const view = viewDocument(parse(source), new Set(), { deferDirective: planner.deferDirective, variables: {} });
    expect(print(view)).not.toMatch(/bio|videoCount|@defer/);
  });
});

describe('what the client sees of a view’s data', () => {
  it('is what the operation selects, aliases and @skip read, deferred fragments and added __typename left out', () => {
    const scope = scopeOf('query ($no: Boolean!) { c: creator(handle: "maya") { handle bio @skip(if: $no) ... @defer { videoCount } } }', { no: true });
    const data = { c: { __typename: 'Creator', handle: 'maya', bio: 'hi', videoCount: 3 } };
    expect(project(data, scope.operation.selectionSet, scope)).toEqual({ c: { handle: 'maya' } });
  });

  it('follows type conditions by __typename and merges a field selected twice', () => {
    const scope = scopeOf('{ node(id: "x") { ... on Product { title brand { name } } ... on Catalog { name } ...More } } fragment More on Product { brand { id } }');
    const data = { node: { __typename: 'Product', title: 'Skillet', name: 'not this one', brand: { __typename: 'Brand', id: 'b1', name: 'Forge' } } };
    expect(project(data, scope.operation.selectionSet, scope)).toEqual({ node: { title: 'Skillet', brand: { name: 'Forge', id: 'b1' } } });
  });

  it('of a deferred fragment is its own selection, nothing when its type condition does not match', () => {
    const scope = scopeOf('{ node(id: "x") { id ... on Product @defer { title } } }');
    const node = scope.operation.selectionSet.selections[0] as FieldNode;
    const fragment = node.selectionSet!.selections[1] as InlineFragmentNode;
    expect(projectFragment({ __typename: 'Product', id: 'x', title: 'Skillet' }, fragment, scope)).toEqual({ title: 'Skillet' });
    expect(projectFragment({ __typename: 'Catalog', id: 'x' }, fragment, scope)).toBeUndefined();
  });

  it('of a deferred fragment left out by @include is nothing', () => {
    const scope = scopeOf('query ($with: Boolean!) { creator(handle: "maya") { ... @defer @include(if: $with) { bio } } }', { with: false });
    const node = scope.operation.selectionSet.selections[0] as FieldNode;
    expect(projectFragment({ __typename: 'Creator', bio: 'hi' }, node.selectionSet!.selections[0] as InlineFragmentNode, scope)).toBeUndefined();
  });
});

describe('the places a deferred fragment applies', () => {
  const data = { feed: { edges: [{ node: { __typename: 'Video', id: 'v1' } }, { node: null }, { node: { __typename: 'Video', id: 'v3' } }] } };

  it('are found through lists, skipping nulls', () => {
    expect(placesOf(data, ['feed', 'edges', 'node'], schema)).toEqual([
      ['feed', 'edges', 0, 'node'],
      ['feed', 'edges', 2, 'node'],
    ]);
    expect(valueAt(data, ['feed', 'edges', 2, 'node', 'id'])).toBe('v3');
    expect(valueAt(data, ['feed', 'edges', 1, 'node', 'id'])).toBeUndefined();
  });

  it('keep to a type condition on the way', () => {
    const nodes = { node: { __typename: 'Product', brand: { __typename: 'Brand', id: 'b1' } } };
    expect(placesOf(nodes, ['node', '... on Product', 'brand'], schema)).toEqual([['node', 'brand']]);
    expect(placesOf(nodes, ['node', '... on Catalog', 'brand'], schema)).toEqual([]);
  });

  it('is the root for a fragment deferred at the top of the operation', () => {
    expect(placesOf({ liveGifts: [] }, [], schema)).toEqual([[]]);
  });
});
