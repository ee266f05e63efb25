/**
 * Which entities a cached answer shows, so a write that names one drops every answer showing
 * it. An answer is tagged `Product:prd_1` for each entity object in it (found by walking the
 * answer along its selection and the supergraph's types), and, for answers at the root,
 * `Product[]` when it holds products in a list (a connection's edges, a plain list): a write that
 * adds a product to, or takes one out of, such lists names `Product` without an id. An answer showing an entity without its
 * key cannot be dropped when that entity changes, so it is not kept at all.
 */
import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** The tag of one entity: its type and the values of its key (one id in this graph). */
export function entityTag(typename: string, key: string): string {
  return `${typename}:${key}`;
}

/** The tag of every list of a type's entities. */
export function listTag(typename: string): string {
  return `${typename}[]`;
}

/**
 * The entity types of a supergraph and the key fields their tags use: the first flat key
 * (`id`, or `sku brand`) any subgraph declares; null for a type whose keys all nest, whose
 * objects are then never tagged (answers showing them are not kept).
 */
export function supergraphEntities(document: DocumentNode): Map<string, readonly string[] | null> {
  const entities = new Map<string, readonly string[] | null>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const keys = (definition.directives ?? [])
      .filter((directive) => directive.name.value === 'join__type')
      .map((directive) => directive.arguments?.find((argument) => argument.name.value === 'key')?.value)
      .flatMap((value) => (value?.kind === Kind.STRING ? [value.value.trim()] : []));
    if (keys.length === 0) continue;
    const flat = keys.find((key) => /^[_A-Za-z]\w*(\s+[_A-Za-z]\w*)*$/.test(key));
    entities.set(definition.name.value, flat ? flat.split(/\s+/) : null);
  }
  return entities;
}

/** The identity of an entity object or representation: its tag, or null without every key field. */
export function identityOf(typename: string, keyFields: readonly string[], value: Record<string, unknown>, responseKeys: readonly string[] = keyFields): string | null {
  const parts: string[] = [];
  for (const responseKey of responseKeys) {
    const part = value[responseKey];
    if (typeof part !== 'string' && typeof part !== 'number') return null;
    parts.push(String(part));
  }
  return parts.length === 0 ? null : entityTag(typename, parts.join('\u001f'));
}

/** Adds the tags of an answer object to `into`; false when it shows an entity it cannot tag. */
export type Tagger = (value: Record<string, unknown>, into: Set<string>) => boolean;

const untaggable: Tagger = () => false;

export interface TaggerOptions {
  /**
   * Tag the entities met inside lists (`Product[]` for the products of a connection's edges or
   * of a plain list): for answers at the root, whose lists no entity owns.
   */
  lists: boolean;
  /** The object's own identity comes from elsewhere (an entity fetch's representation). */
  selfKnown?: boolean;
  /** The object is an item of a list (or inside one). */
  inList?: boolean;
}

interface Step {
  responseKey: string;
  child: Tagger;
}

/** Compiles taggers for one operation's selections against the supergraph's types. */
export class TaggerCompiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly entities: ReadonlyMap<string, readonly string[] | null>,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ) {}

  /** The fields a selection asks of an object of `type`, by response key, fragments applied. */
  fieldsFor(type: GraphQLObjectType, selectionSet: SelectionSetNode, into = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const responseKey = selection.alias?.value ?? selection.name.value;
        into.set(responseKey, [...(into.get(responseKey) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (this.applies(selection.typeCondition?.name.value, type)) this.fieldsFor(type, selection.selectionSet, into);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (fragment && this.applies(fragment.typeCondition.name.value, type)) this.fieldsFor(type, fragment.selectionSet, into);
      }
    }
    return into;
  }

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition || condition === type.name) return true;
    const conditionType = this.schema.getType(condition);
    return !!conditionType && isAbstractType(conditionType) && this.schema.isSubType(conditionType, type);
  }

  /** A tagger for objects of `type` answered for these fields. */
  object(type: GraphQLObjectType, fields: Map<string, FieldNode[]>, options: TaggerOptions): Tagger {
    const keyFields = this.entities.get(type.name);
    let keyResponseKeys: string[] | null = null;
    if (keyFields !== undefined && !options.selfKnown) {
      if (keyFields === null) return untaggable;
      keyResponseKeys = [];
      for (const keyField of keyFields) {
        const found = [...fields.entries()].find(([, nodes]) => nodes[0]!.name.value === keyField && !nodes[0]!.arguments?.length);
        if (!found) return untaggable;
        keyResponseKeys.push(found[0]);
      }
    }
    const steps: Step[] = [];
    for (const [responseKey, nodes] of fields) {
      const name = nodes[0]!.name.value;
      if (name === '__typename') continue;
      const definition = type.getFields()[name];
      if (!definition) return untaggable;
      const named = getNamedType(definition.type);
      if (isLeafType(named)) continue;
      const merged: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: nodes.flatMap((node) => node.selectionSet?.selections ?? []) };
      steps.push({ responseKey, child: this.composite(named.name, merged, { lists: options.lists, inList: !!options.inList || holdsList(definition.type) }) });
    }
    const typename = type.name;
    const self = keyResponseKeys && keyFields ? { keyFields, keyResponseKeys } : null;
    const ownList = options.lists && options.inList && keyFields !== undefined ? listTag(typename) : null;
    return (value, into) => {
      if (self) {
        const tag = identityOf(typename, self.keyFields, value, self.keyResponseKeys);
        if (!tag) return false;
        into.add(tag);
      }
      if (ownList) into.add(ownList);
      for (const step of steps) {
        const child = value[step.responseKey];
        if (child === null || child === undefined) continue;
        if (!walk(child, step.child, into)) return false;
      }
      return true;
    };
  }

  private composite(typename: string, selectionSet: SelectionSetNode, options: TaggerOptions): Tagger {
    const type = this.schema.getType(typename);
    if (type && isObjectType(type)) return this.object(type, this.fieldsFor(type, selectionSet), options);
    if (!type || !isAbstractType(type)) return untaggable;
    // An interface or union: the object's own __typename says which type's fields it has.
    const byType = new Map<string, Tagger>();
    return (value, into) => {
      const runtime = value.__typename;
      if (typeof runtime !== 'string') return false;
      let tagger = byType.get(runtime);
      if (!tagger) {
        const runtimeType = this.schema.getType(runtime);
        tagger = runtimeType && isObjectType(runtimeType) ? this.object(runtimeType, this.fieldsFor(runtimeType, selectionSet), options) : untaggable;
        byType.set(runtime, tagger);
      }
      return tagger(value, into);
    };
  }
}

function holdsList(type: GraphQLOutputType): boolean {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isListType(inner);
}

function walk(value: unknown, tagger: Tagger, into: Set<string>): boolean {
  if (Array.isArray(value)) return value.every((item) => item === null || walk(item, tagger, into));
  return typeof value === 'object' && value !== null ? tagger(value as Record<string, unknown>, into) : true;
}
