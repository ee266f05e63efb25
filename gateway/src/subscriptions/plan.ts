/**
 * Plans subscriptions with the same query planner that plans queries. `@apollo/gateway` plans
 * a subscription (a `primary` fetch to the subgraph owning the root field, and a `rest` that
 * completes each event from the other subgraphs) but refuses to execute it; `events.ts`
 * executes it. The planner is built from the same supergraph SDL as the gateway's own.
 */
import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { Kind, parse, TypeInfo, visit, visitWithTypeInfo, getNamedType, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

type OperationContext = ReturnType<typeof buildOperationContext>;

export interface SubscriptionPlan {
  /** The fetch whose answers are the events: a subscription to one subgraph. */
  primary: FetchNode;
  /** What completes each event from the other subgraphs (absent when the owner has it all). */
  rest?: PlanNode;
  operationContext: OperationContext;
  operation: OperationDefinitionNode;
  /**
   * Whether the answer can differ by viewer: the selection reaches a field (or type) carrying
   * `@auth` or `@scopes`. Authorization lives in the schema, so anything else reads the same for
   * every viewer, and every viewer can share one upstream subscription and one completion.
   */
  viewerDependent: boolean;
}

/** `Type.field` and `Type` names carrying the project's access directives in the supergraph. */
function accessControlled(supergraphSdl: string): Set<string> {
  const guarded = new Set<string>();
  const hasAccess = (directives: readonly { name: { value: string } }[] | undefined) => directives?.some((directive) => directive.name.value === 'auth' || directive.name.value === 'scopes') ?? false;
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    if (hasAccess(definition.directives)) guarded.add(definition.name.value);
    for (const field of definition.fields ?? []) if (hasAccess(field.directives)) guarded.add(`${definition.name.value}.${field.name.value}`);
  }
  return guarded;
}

export class SubscriptionPlanner {
  /** The API schema clients validate against (graphql-js). */
  readonly apiSchema: GraphQLSchema;
  /** The same, as the planner's own schema type (what `executeQueryPlan` takes). */
  readonly plannerApiSchema: Schema;
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly guarded: Set<string>;
  private readonly plans = new Map<string, SubscriptionPlan>();

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.plannerApiSchema = supergraph.apiSchema();
    this.apiSchema = this.plannerApiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
    this.guarded = accessControlled(supergraphSdl);
  }

  /**
   * The plan of a validated subscription document; cached by its text, as documents repeat
   * (every viewer of a LIVE room sends the same one).
   */
  plan(document: DocumentNode, source: string, operationName: string | null | undefined): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${source}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const operationContext = buildOperationContext({ schema: this.apiSchema, operationDocument: document, operationName: operationName ?? undefined });
    const operation = operationFromDocument(this.plannerApiSchema, document, { operationName: operationName ?? undefined });
    const queryPlan = this.planner.buildQueryPlan(operation);
    const node = queryPlan.node;
    if (node?.kind !== 'Subscription') throw new Error('Not a subscription operation');
    const plan: SubscriptionPlan = { primary: node.primary, rest: node.rest, operationContext, operation: operationContext.operation, viewerDependent: this.reachesGuardedField(document) };
    if (this.plans.size >= 500) this.plans.delete(this.plans.keys().next().value as string);
    this.plans.set(key, plan);
    return plan;
  }

  private reachesGuardedField(document: DocumentNode): boolean {
    const typeInfo = new TypeInfo(this.apiSchema);
    let guarded = false;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: () => {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field) return;
          const type = getNamedType(field.type);
          if (this.guarded.has(`${parent.name}.${field.name}`) || this.guarded.has(type.name)) guarded = true;
        },
      }),
    );
    return guarded;
  }
}
