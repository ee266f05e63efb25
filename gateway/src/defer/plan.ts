/**
 * Plans queries with `@defer` using the query planner's own support for it
 * (`incrementalDelivery.enableDefer`): the plan then has a `Defer` node with a primary part and
 * deferred parts, each with the fetches that complete it. `@apollo/gateway` plans and runs queries
 * without it (and asserts on a `Defer` node), so deferred queries are planned here, the way
 * subscriptions are (`subscriptions/plan.ts`), and run by `execute.ts`.
 */
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import {
  DirectiveLocation,
  getDirectiveValues,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLNonNull,
  GraphQLString,
  Kind,
  visit,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** `@defer` as graphql-js 17 and the query planner define it, for a schema that lacks it. */
export const GraphQLDeferDirective = new GraphQLDirective({
  name: 'defer',
  description: 'Delivers the fragment after the rest of the response, as a payload of its own (multipart/mixed;deferSpec=20220824).',
  locations: [DirectiveLocation.FRAGMENT_SPREAD, DirectiveLocation.INLINE_FRAGMENT],
  args: {
    label: { type: GraphQLString, description: 'Names the payload; unique in the document.' },
    if: { type: new GraphQLNonNull(GraphQLBoolean), defaultValue: true, description: 'Deferred only when true.' },
  },
});

/** A fragment carrying `@defer`, as it is written in the document. */
export type DeferredFragment = InlineFragmentNode | FragmentSpreadNode;

/** A document prepared for deferred execution: planned, every `@defer` on an inline fragment of its own, with a label of the gateway's. */
export interface PreparedOperation {
  /** The selected operation, fragment spreads that defer written out inline, and the fragments it still spreads. */
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  operationName: string | undefined;
  plan: QueryPlan;
  /** Each deferred fragment by the gateway's label, with the client's label (shown in its payloads) if it gave one. */
  deferrals: Map<string, { fragment: InlineFragmentNode; label: string | undefined }>;
}

/**
 * One part of the response: the primary part (label null) or a deferred fragment, with the fetches
 * that complete it once its parent's are done, and the fragments deferred inside it.
 */
export interface Part {
  label: string | null;
  /** Where in the response the fragment applies, by response names (lists are walked through). */
  queryPath: readonly string[];
  /** This part's own fetches; none when the parent's fetches already brought everything. */
  node: PlanNode | undefined;
  parent: Part | null;
  children: Part[];
  /** The deferred fragments whose data this part's view holds: its own and its ancestors'. */
  included: ReadonlySet<string>;
}

export const deferDirectiveOf = (node: { directives?: readonly DirectiveNode[] | undefined }): DirectiveNode | undefined =>
  node.directives?.find((directive) => directive.name.value === 'defer');

function labelOf(directive: DirectiveNode): string | undefined {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === 'label');
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** Whether a fragment is deferred with these variables: `@defer`, `@defer(if: true)` or `if:` a variable that is not false. */
export function isDeferred(node: DeferredFragment, directive: GraphQLDirective, variables: Record<string, unknown>): boolean {
  if (!deferDirectiveOf(node)) return false;
  return getDirectiveValues(directive, node, variables)?.if !== false;
}

/** Whether the operation defers anything, whatever the variables (a cheap test before any planning). */
export function mentionsDefer(source: string, document: DocumentNode): boolean {
  if (!source.includes('@defer')) return false;
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer') found = true;
    },
  });
  return found;
}

/** Resolves the plan's conditions (`@defer(if: $variable)`) with the request's variables. */
function resolved(node: PlanNode | undefined, variables: Record<string, unknown>): PlanNode | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'Condition':
      return resolved(variables[node.condition] === false ? node.elseClause : node.ifClause, variables);
    case 'Sequence':
    case 'Parallel': {
      const nodes = node.nodes.map((child) => resolved(child, variables)).filter((child): child is PlanNode => child !== undefined);
      return nodes.length === 0 ? undefined : { ...node, nodes };
    }
    case 'Flatten': {
      const inner = resolved(node.node, variables);
      return inner ? { ...node, node: inner } : undefined;
    }
    case 'Defer':
      return {
        ...node,
        primary: { ...node.primary, node: resolved(node.primary.node, variables) },
        deferred: node.deferred.map((deferred) => ({ ...deferred, node: resolved(deferred.node, variables) })),
      };
    default:
      return node;
  }
}

function containsDefer(node: PlanNode | undefined): boolean {
  if (!node) return false;
  switch (node.kind) {
    case 'Defer':
      return true;
    case 'Sequence':
    case 'Parallel':
      return node.nodes.some(containsDefer);
    case 'Flatten':
      return containsDefer(node.node);
    case 'Condition':
      return containsDefer(node.ifClause) || containsDefer(node.elseClause);
    default:
      return false;
  }
}

function fill(part: Part, node: PlanNode | undefined): void {
  if (node?.kind !== 'Defer') {
    if (containsDefer(node)) throw new Error('A deferred part is nested where the gateway does not expect one');
    part.node = node;
    return;
  }
  fill(part, node.primary.node);
  for (const deferred of node.deferred) {
    if (!deferred.label) throw new Error('The planner returned a deferred part without a label');
    const child: Part = { label: deferred.label, queryPath: deferred.queryPath, node: undefined, parent: part, children: [], included: new Set([...part.included, deferred.label]) };
    part.children.push(child);
    fill(child, deferred.node);
  }
}

/** The parts of the response for these variables: the primary part, the deferred ones under it. */
export function partsOf(plan: QueryPlan, variables: Record<string, unknown>): Part {
  const root: Part = { label: null, queryPath: [], node: undefined, parent: null, children: [], included: new Set() };
  const node = plan.node;
  if (node?.kind === 'Subscription') throw new Error('Subscriptions are not deferred');
  fill(root, resolved(node, variables));
  return root;
}

/** Every part under `part`, parents before children. */
export function descendantsOf(part: Part): Part[] {
  return part.children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/**
 * The operation with every fragment spread that defers something (or is deferred) written out
 * inline, and every `@defer` given a label of the gateway's own. The planner tells deferred parts
 * apart by label only: a fragment with a `@defer` spread in two places, or a label the client
 * did not give, would otherwise be one part (the second place would never be completed).
 */
function expanded(document: DocumentNode, operationName: string | null | undefined) {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw new Error('The operation to defer is not in the document');
  const definitions = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) definitions.set(definition.name.value, definition);

  const defers = new Map<string, boolean>();
  const fragmentDefers = (name: string): boolean => {
    const known = defers.get(name);
    if (known !== undefined) return known;
    defers.set(name, false);
    let found = false;
    visit(definitions.get(name) as FragmentDefinitionNode, {
      Directive: (node) => void (found ||= node.name.value === 'defer'),
      FragmentSpread: (node) => void (found ||= fragmentDefers(node.name.value)),
    });
    defers.set(name, found);
    return found;
  };

  const deferrals = new Map<string, { fragment: InlineFragmentNode; label: string | undefined }>();
  const deferrable = (node: InlineFragmentNode): InlineFragmentNode => {
    const directive = deferDirectiveOf(node);
    if (!directive) return node;
    const label = `d${deferrals.size}`;
    const others = (directive.arguments ?? []).filter((argument) => argument.name.value !== 'label');
    const relabelled = { ...directive, arguments: [...others, { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'label' }, value: { kind: Kind.STRING, value: label } }] } as DirectiveNode;
    const fragment = { ...node, directives: node.directives?.map((candidate) => (candidate === directive ? relabelled : candidate)) };
    deferrals.set(label, { fragment, label: labelOf(directive) });
    return fragment;
  };
  const expandSet = (selectionSet: SelectionSetNode): SelectionSetNode => ({ ...selectionSet, selections: selectionSet.selections.map(expand) });
  const expand = (selection: SelectionNode): SelectionNode => {
    if (selection.kind === Kind.FIELD) return selection.selectionSet ? { ...selection, selectionSet: expandSet(selection.selectionSet) } : selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) return deferrable({ ...selection, selectionSet: expandSet(selection.selectionSet) });
    const definition = definitions.get(selection.name.value);
    if (!definition || (!deferDirectiveOf(selection) && !fragmentDefers(selection.name.value))) return selection;
    return deferrable({ kind: Kind.INLINE_FRAGMENT, typeCondition: definition.typeCondition, directives: selection.directives, selectionSet: expandSet(definition.selectionSet) });
  };
  const written = { ...operation, selectionSet: expandSet(operation.selectionSet) };

  // The fragments still spread: none of them defers anything.
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  const keep = (node: { selectionSet: SelectionSetNode }) =>
    visit(node.selectionSet, {
      FragmentSpread(spread) {
        const definition = definitions.get(spread.name.value);
        if (!definition || fragments[spread.name.value]) return;
        fragments[spread.name.value] = definition;
        keep(definition);
      },
    });
  keep(written);
  return { document: { kind: Kind.DOCUMENT, definitions: [written, ...Object.values(fragments)] } as DocumentNode, operation: written, fragments, deferrals };
}

export class DeferPlanner {
  /** The API schema with `@defer`, as clients validate against it (graphql-js). */
  readonly apiSchema: GraphQLSchema;
  /** The same, as the planner's own schema type (what `executeQueryPlan` takes). */
  readonly plannerApiSchema: Schema;
  readonly supergraphSchema: GraphQLSchema;
  readonly deferDirective: GraphQLDirective;
  private readonly planner: QueryPlanner;
  private readonly prepared = new Map<string, PreparedOperation>();

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.plannerApiSchema = supergraph.apiSchema();
    this.apiSchema = this.plannerApiSchema.toGraphQLJSSchema({ includeDefer: true });
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.deferDirective = this.apiSchema.getDirective('defer') as GraphQLDirective;
    this.planner = new QueryPlanner(supergraph, { incrementalDelivery: { enableDefer: true } });
  }

  /** The validated document, labelled and planned; cached by its text, as clients send the same documents again and again. */
  prepare(document: DocumentNode, source: string, operationName: string | null | undefined): PreparedOperation {
    const key = `${operationName ?? ''}\n${source}`;
    const cached = this.prepared.get(key);
    if (cached) return cached;
    const written = expanded(document, operationName);
    const plan = this.planner.buildQueryPlan(operationFromDocument(this.plannerApiSchema, written.document, { operationName: operationName ?? undefined }));
    const prepared: PreparedOperation = { ...written, operationName: operationName ?? undefined, plan };
    if (this.prepared.size >= 500) this.prepared.delete(this.prepared.keys().next().value as string);
    this.prepared.set(key, prepared);
    return prepared;
  }
}
