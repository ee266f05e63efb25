/**
 * `@apollo/gateway` caches each document's query plan, but its plan executor still turns the
 * request's operation into federation's own `Operation` on every request (`executeQueryPlan`
 * calls `operationFromDocument`, 40 to 130 µs for one of the bench's screens): work that depends
 * only on the document and the schema. This remembers that conversion per parsed operation.
 *
 * The executor hands it a new document object each time, built from the operation and fragment
 * nodes of the document Apollo Server parsed once and keeps in its document cache, so the
 * operation node is the key and the fragment nodes must be the very same ones. An `Operation`
 * is not changed by running it (the executor reads its selections and default values), so one
 * serves every request of that document. Only the executor's call is remembered (`validate:
 * false`, no operation name); any other caller (the @defer planner) converts as before.
 *
 * Import this module before the gateway runs a request. The executor reads
 * `operationFromDocument` from federation-internals' exports at each call, so replacing it in the
 * module that defines it reaches the executor without touching `@apollo/gateway`.
 */
import { createRequire } from 'node:module';
import type { Operation, Schema } from '@apollo/federation-internals';
import { Kind, type DefinitionNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';

type OperationFromDocument = (schema: Schema, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => Operation;

interface Converted {
  /** The definitions after the operation, which must be the same nodes for the same operation. */
  rest: readonly DefinitionNode[];
  operation: Operation;
}

function sameNodes(a: readonly DefinitionNode[], b: readonly DefinitionNode[], from: number): boolean {
  if (a.length !== b.length - from) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i + from]) return false;
  return true;
}

/** `convert` remembered per schema and operation node, for the plan executor's calls only. */
export function rememberedConversion(convert: OperationFromDocument): OperationFromDocument {
  const bySchema = new WeakMap<Schema, WeakMap<OperationDefinitionNode, Converted>>();
  return (schema, document, options) => {
    const first = document.definitions[0];
    if (options?.validate !== false || options.operationName !== undefined || first?.kind !== Kind.OPERATION_DEFINITION) return convert(schema, document, options);
    let byOperation = bySchema.get(schema);
    if (!byOperation) {
      byOperation = new WeakMap();
      bySchema.set(schema, byOperation);
    }
    const known = byOperation.get(first);
    if (known && sameNodes(known.rest, document.definitions, 1)) return known.operation;
    const operation = convert(schema, document, options);
    byOperation.set(first, { rest: document.definitions.slice(1), operation });
    return operation;
  };
}

// The module of federation-internals that @apollo/gateway loads (resolved from it, so the same copy).
const fromGateway = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
const operations = fromGateway('@apollo/federation-internals/dist/operations.js') as { operationFromDocument: OperationFromDocument };
operations.operationFromDocument = rememberedConversion(operations.operationFromDocument);
