/**
 * What the entity cache makes of one subgraph operation the query planner wrote, worked out once
 * per operation text: a write (never kept), an entity fetch (each representation kept on its
 * own, per type's selection), a fetch at the root (kept whole, per variables), or something it
 * does not keep.
 */
import { createHash } from 'node:crypto';
import { isObjectType, Kind, OperationTypeNode, parse, print, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { TaggerCompiler, type Tagger } from './tags.ts';

export interface EntitySelection {
  /** Names what this operation selects of the type: equal keys, equal selections. */
  key: string;
  keyFields: readonly string[];
  /** Tags of the entities one answered object shows besides itself. */
  tags: Tagger;
}

export type FetchShape =
  | { kind: 'write' }
  | { kind: 'not-kept' }
  | { kind: 'root'; key: string; tags: Tagger }
  | { kind: 'entities'; selectionFor(typename: string): EntitySelection | null };

/** A short, stable name for a text (the same in every gateway process, so a shared store can use it). */
export function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

export function fetchShapes(schema: GraphQLSchema, entities: ReadonlyMap<string, readonly string[] | null>, max = 2_000): (query: string) => FetchShape {
  const shapes = new LRUCache<string, FetchShape>({ max });
  return (query) => {
    let shape = shapes.get(query);
    if (!shape) {
      shape = shapeOf(query, schema, entities);
      shapes.set(query, shape);
    }
    return shape;
  };
}

function shapeOf(query: string, schema: GraphQLSchema, entities: ReadonlyMap<string, readonly string[] | null>): FetchShape {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return { kind: 'not-kept' };
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return { kind: 'not-kept' };
  const operation = operations[0]!;
  if (operation.operation !== OperationTypeNode.QUERY) return { kind: 'write' };
  const fragmentList = document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION);
  const compiler = new TaggerCompiler(schema, entities, new Map(fragmentList.map((fragment) => [fragment.name.value, fragment])));
  // Named fragments a selection spreads are part of what it selects.
  const fragmentText = fragmentList.map((fragment) => print(fragment)).join('\n');
  const queryType = schema.getQueryType();
  if (!queryType) return { kind: 'not-kept' };
  const rootFields = compiler.fieldsFor(queryType, operation.selectionSet);
  const entitiesField = rootFields.get('_entities');
  if (!entitiesField) return { kind: 'root', key: digest(query), tags: compiler.object(queryType, rootFields, { lists: true }) };
  if (rootFields.size !== 1) return { kind: 'not-kept' };
  const selections = new Map<string, EntitySelection | null>();
  return {
    kind: 'entities',
    selectionFor(typename) {
      if (selections.has(typename)) return selections.get(typename)!;
      const type = schema.getType(typename);
      const keyFields = entities.get(typename);
      let selection: EntitySelection | null = null;
      if (type && isObjectType(type) && keyFields) {
        const fields = new Map<string, FieldNode[]>();
        for (const node of entitiesField) if (node.selectionSet) compiler.fieldsFor(type, node.selectionSet, fields);
        const text = [...fields.values()].flat().map((node) => print(node)).join(' ');
        selection = { key: digest(`${typename}{${text}}${fragmentText}`), keyFields, tags: compiler.object(type, fields, { lists: false, selfKnown: true }) };
      }
      selections.set(typename, selection);
      return selection;
    },
  };
}
