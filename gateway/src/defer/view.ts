/**
 * What each part of a deferred response shows, read off the client's own document:
 *
 * - A part's *view* is the document with the fragments it includes (its own and its ancestors')
 *   inline, the fragments deferred elsewhere left out, and `__typename` in every selection set.
 *   The plan executor shapes the part's data with it, so a deferred field that has not been
 *   fetched yet is never shaped as a missing non-null value.
 * - What the client receives is that data *projected* through the document's selections: the
 *   whole operation without its deferred fragments for the initial payload, one deferred
 *   fragment's selection at each place it applies for a subsequent one.
 */
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLDirective,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { deferDirectiveOf, isDeferred, type DeferredFragment } from './plan.ts';

export type ResponsePath = (string | number)[];
type Data = Record<string, unknown>;

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

export interface ViewScope {
  schema: GraphQLSchema;
  deferDirective: GraphQLDirective;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/**
 * The document a part's data is shaped with: deferred fragments of `included` (and every
 * `@defer` that is off) inline without the directive, the other deferred fragments left out,
 * `__typename` added to every selection set.
 */
export function viewDocument(document: DocumentNode, included: ReadonlySet<string>, scope: Pick<ViewScope, 'deferDirective' | 'variables'>): DocumentNode {
  const decide = (node: DeferredFragment) => {
    const directive = deferDirectiveOf(node);
    if (!directive) return undefined;
    const label = getDirectiveValues(scope.deferDirective, node, scope.variables)?.label;
    if (isDeferred(node, scope.deferDirective, scope.variables) && !(typeof label === 'string' && included.has(label))) return null;
    return { ...node, directives: node.directives?.filter((candidate) => candidate !== directive) };
  };
  return visit(document, {
    InlineFragment: decide,
    FragmentSpread: decide,
    SelectionSet: { leave: (node) => ({ ...node, selections: [...node.selections, TYPENAME] }) },
  });
}

function included(node: { directives?: FieldNode['directives'] }, variables: Record<string, unknown>): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** Whether an object whose `__typename` is `typename` matches a fragment's type condition. */
export function typeApplies(schema: GraphQLSchema, condition: string | undefined, typename: unknown): boolean {
  if (!condition || typeof typename !== 'string') return true;
  if (condition === typename) return true;
  const conditionType = schema.getType(condition);
  const runtimeType = schema.getType(typename);
  return !!conditionType && isAbstractType(conditionType) && isObjectType(runtimeType) && schema.isSubType(conditionType, runtimeType);
}

/** Merges what two selections of one response name projected (`a { x } a { y }`). */
function merged(into: unknown, from: unknown): unknown {
  if (Array.isArray(into) && Array.isArray(from)) return into.map((item, index) => merged(item, from[index]));
  if (into && from && typeof into === 'object' && typeof from === 'object') {
    const out: Data = { ...(into as Data) };
    for (const [key, value] of Object.entries(from as Data)) out[key] = key in out ? merged(out[key], value) : value;
    return out;
  }
  return from === undefined ? into : from;
}

function collect(value: Data, selectionSet: SelectionSetNode, scope: ViewScope, out: Data): void {
  for (const selection of selectionSet.selections) {
    if (!included(selection, scope.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      if (!(key in value)) continue;
      const field = value[key];
      const shown = selection.selectionSet && field !== null && field !== undefined ? project(field, selection.selectionSet, scope) : field;
      out[key] = key in out ? merged(out[key], shown) : shown;
      continue;
    }
    // A fragment deferred here is another part's payload.
    if (isDeferred(selection, scope.deferDirective, scope.variables)) continue;
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : scope.fragments[selection.name.value];
    if (!fragment || !typeApplies(scope.schema, fragment.typeCondition?.name.value, value.__typename)) continue;
    collect(value, fragment.selectionSet, scope, out);
  }
}

/** The client's data: `value` (from a view) with only what `selectionSet` selects, deferred fragments left out. */
export function project(value: unknown, selectionSet: SelectionSetNode, scope: ViewScope): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => project(item, selectionSet, scope));
  if (typeof value !== 'object') return value;
  const out: Data = {};
  collect(value as Data, selectionSet, scope, out);
  return out;
}

/** What one deferred fragment shows of the object it applies to; undefined when it does not apply (its type condition, `@skip`/`@include`). */
export function projectFragment(value: Data, fragment: DeferredFragment, scope: ViewScope): Data | undefined {
  if (!included(fragment, scope.variables)) return undefined;
  const definition = fragment.kind === Kind.INLINE_FRAGMENT ? fragment : scope.fragments[fragment.name.value];
  if (!definition || !typeApplies(scope.schema, definition.typeCondition?.name.value, value.__typename)) return undefined;
  const out: Data = {};
  collect(value, definition.selectionSet, scope, out);
  return out;
}

/**
 * Every place a deferred fragment applies: the objects at `queryPath` (response names, and
 * `... on T` for a type condition on the way), walking through lists, skipping nulls.
 */
export function placesOf(data: unknown, queryPath: readonly string[], schema: GraphQLSchema): ResponsePath[] {
  let places: { path: ResponsePath; value: unknown }[] = [{ path: [], value: data }];
  const flattened = (path: ResponsePath, value: unknown): { path: ResponsePath; value: unknown }[] =>
    Array.isArray(value) ? value.flatMap((item, index) => flattened([...path, index], item)) : value !== null && typeof value === 'object' ? [{ path, value }] : [];
  for (const element of queryPath) {
    const condition = /^\.\.\.\s+on\s+(\w+)$/.exec(element)?.[1];
    places = condition
      ? places.filter(({ value }) => typeApplies(schema, condition, (value as Data).__typename))
      : places.flatMap(({ path, value }) => flattened([...path, element], (value as Data)[element]));
  }
  return places.flatMap(({ path, value }) => flattened(path, value)).map(({ path }) => path);
}

/** The value at a concrete response path, or undefined when something on the way is missing or null. */
export function valueAt(data: unknown, path: ResponsePath): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
