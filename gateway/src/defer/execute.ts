/**
 * Runs a deferred query's plan part by part with `@apollo/gateway`'s own plan executor, so every
 * fetch takes the path any query's does (the same data sources: signing, entity cache, collapsed
 * reads, timeouts, coded errors for a subgraph that fails, partial data).
 *
 * Each part runs as one plan: its ancestors' fetches, then its own. Every part starts at once and
 * every fetch is made once per request (`FetchOnce`): a part's copy of its parent's fetches waits
 * for the same answers, so its own fetches start the moment the data they need is there, and
 * deferred parts run in parallel. A part's errors are those its own fetches added to its parent's.
 */
import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { PlanNode, QueryPlan } from '@apollo/query-planner';
import { GraphQLError } from 'graphql';
import { descendantsOf, partsOf, type DeferPlanner, type Part, type PreparedOperation } from './plan.ts';
import { placesOf, project, projectFragment, valueAt, viewDocument, type ResponsePath, type ViewScope } from './view.ts';

type Data = Record<string, unknown>;

export interface IncrementalItem {
  data: Data | null;
  path: ResponsePath;
  label?: string;
  errors?: readonly GraphQLError[];
}

/** One subsequent payload: the deferred fragments that completed together, and whether more will come. */
export interface SubsequentBatch {
  incremental: IncrementalItem[];
  hasNext: boolean;
}

export interface InitialResult {
  data?: Data | null;
  errors?: readonly GraphQLError[];
  extensions?: Data;
}

type Processed = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Makes each subgraph fetch once per request, whichever part's plan asks for it first; every
 * part gets its own copy of the answer, as the executor writes into what it is given.
 */
export class FetchOnce {
  private readonly answers = new Map<string, Promise<Processed>>();
  readonly serviceMap: ServiceMap;

  constructor(real: ServiceMap) {
    this.serviceMap = Object.fromEntries(
      Object.entries(real).map(([name, source]) => [
        name,
        {
          process: (options) => {
            const key = `${name}\n${options.request.query ?? ''}\n${JSON.stringify(options.request.variables ?? {})}`;
            let answer = this.answers.get(key);
            if (!answer) {
              answer = source.process(options);
              this.answers.set(key, answer);
            }
            return answer.then((processed) => ({ ...processed, data: structuredClone(processed.data) }));
          },
        } satisfies GraphQLDataSource,
      ]),
    );
  }

  /** How many different fetches were made. */
  get size(): number {
    return this.answers.size;
  }
}

interface PartRun {
  data: Data | null | undefined;
  errors: readonly GraphQLError[];
  extensions?: Data;
}

const errorKey = (error: GraphQLError) => `${error.message}\n${JSON.stringify(error.path ?? null)}\n${JSON.stringify(error.extensions ?? {})}`;

/** The errors of `all` that are not in `earlier` (each counted as often as it occurs). */
export function errorsAdded(all: readonly GraphQLError[], earlier: readonly GraphQLError[]): GraphQLError[] {
  const seen = new Map<string, number>();
  for (const error of earlier) seen.set(errorKey(error), (seen.get(errorKey(error)) ?? 0) + 1);
  return all.filter((error) => {
    const left = seen.get(errorKey(error)) ?? 0;
    if (left === 0) return true;
    seen.set(errorKey(error), left - 1);
    return false;
  });
}

const startsWith = (path: readonly (string | number)[] | undefined, prefix: ResponsePath) => !!path && prefix.every((key, index) => path[index] === key);

export interface DeferredExecutionOptions {
  planner: DeferPlanner;
  prepared: PreparedOperation;
  serviceMap: ServiceMap;
  requestContext: GatewayGraphQLRequestContext;
  /** The request's variables, coerced (defaults filled in): what `@defer(if:)` is read with. */
  variables: Record<string, unknown>;
}

export interface DeferredExecution {
  initial: InitialResult;
  /** The subsequent payloads; null when nothing is deferred after all (every `@defer` was off, or the primary part failed as a whole). */
  subsequent: AsyncIterable<SubsequentBatch> | null;
}

export async function executeDeferred(options: DeferredExecutionOptions): Promise<DeferredExecution> {
  const { planner, prepared, requestContext } = options;
  const root = partsOf(prepared.plan, options.variables);
  const scope: ViewScope = { schema: planner.apiSchema, deferDirective: planner.deferDirective, fragments: prepared.fragments, variables: options.variables };
  const fetches = new FetchOnce(options.serviceMap);

  const run = async (part: Part): Promise<PartRun> => {
    const nodes: PlanNode[] = [];
    for (let at: Part | null = part; at; at = at.parent) if (at.node) nodes.unshift(at.node);
    const plan: QueryPlan = { kind: 'QueryPlan', node: nodes.length <= 1 ? nodes[0] : { kind: 'Sequence', nodes } };
    try {
      const view = viewDocument(prepared.document, part.included, scope);
      const operationContext = buildOperationContext({ schema: planner.apiSchema, operationDocument: view, operationName: prepared.operationName });
      const result = await executeQueryPlan(plan, fetches.serviceMap, requestContext, operationContext, planner.supergraphSchema, planner.plannerApiSchema);
      return { data: result.data, errors: (result.errors ?? []) as GraphQLError[], ...(result.extensions ? { extensions: result.extensions } : {}) };
    } catch (error) {
      return { data: null, errors: [error instanceof GraphQLError ? error : new GraphQLError((error as Error).message, { originalError: error as Error })] };
    }
  };

  const deferred = descendantsOf(root);
  const runs = new Map<Part, Promise<PartRun>>([[root, run(root)], ...deferred.map((part) => [part, run(part)] as const)]);
  const primary = await (runs.get(root) as Promise<PartRun>);
  const initial: InitialResult = {
    data: primary.data === null || primary.data === undefined ? primary.data : (project(primary.data, prepared.operation.selectionSet, scope) as Data),
    ...(primary.errors.length > 0 ? { errors: primary.errors } : {}),
    ...(primary.extensions ? { extensions: primary.extensions } : {}),
  };
  if (deferred.length === 0 || !primary.data) return { initial, subsequent: null };

  const results = new Map<Part, PartRun>([[root, primary]]);
  const itemsOf = (part: Part, result: PartRun): IncrementalItem[] => {
    const parent = results.get(part.parent as Part) as PartRun;
    const deferral = prepared.deferrals.get(part.label as string);
    if (!deferral) return [];
    const label = deferral.label !== undefined ? { label: deferral.label } : {};
    const items: IncrementalItem[] = [];
    for (const path of placesOf(parent.data, part.queryPath, planner.apiSchema)) {
      const before = valueAt(parent.data, path) as Data;
      // The fragment's type condition, read off the object as the parent part has it.
      if (projectFragment(before, deferral.fragment, scope) === undefined) continue;
      const now = valueAt(result.data, path);
      // A non-null field of the fragment failed: null stops at the fragment (its errors say why).
      const data = now !== null && typeof now === 'object' ? (projectFragment(now as Data, deferral.fragment, scope) ?? null) : null;
      items.push({ data, path, ...label });
    }
    const errors = errorsAdded(result.errors, parent.errors);
    for (const error of errors) {
      const item = items.find((candidate) => startsWith(error.path, candidate.path)) ?? items[0];
      if (item) item.errors = [...(item.errors ?? []), error];
    }
    return items;
  };

  async function* subsequent(): AsyncGenerator<SubsequentBatch> {
    const done: Part[] = [];
    let wake: (() => void) | null = null;
    for (const part of deferred) {
      void (runs.get(part) as Promise<PartRun>).then((result) => {
        results.set(part, result);
        done.push(part);
        wake?.();
      });
    }
    const sent = new Set<Part>([root]);
    const waiting = new Set<Part>();
    while (sent.size <= deferred.length) {
      if (done.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      for (const part of done.splice(0)) waiting.add(part);
      // A fragment deferred inside another goes once its parent has: its place exists on the client.
      const incremental: IncrementalItem[] = [];
      for (let progressed = true; progressed; ) {
        progressed = false;
        for (const part of waiting) {
          if (!sent.has(part.parent as Part)) continue;
          incremental.push(...itemsOf(part, results.get(part) as PartRun));
          sent.add(part);
          waiting.delete(part);
          progressed = true;
        }
      }
      const hasNext = sent.size <= deferred.length;
      if (incremental.length > 0 || !hasNext) yield { incremental, hasNext };
    }
  }

  return { initial, subsequent: subsequent() };
}
