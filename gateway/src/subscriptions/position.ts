/**
 * Where a client's subscription starts is the client's own: the root field's `after` (or SSE's
 * `Last-Event-ID`) is taken off the operation before it is shared, so every client of a stream
 * shares one upstream and one completion whatever position it resumes from, and the hub serves
 * each client the events after its own position.
 */
import { Kind, print, visit, type ArgumentNode, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';

export interface PositionSplit {
  /** The operation without the root field's `after` (and without its variable, if only `after` used it). */
  document: DocumentNode;
  source: string;
  variables: Record<string, unknown>;
  /** The event id the client resumes after, as it sent it; null to start with the next event. */
  position: string | null;
}

const POSITION_ARGUMENT = 'after';

/** The root field's `after` argument, if the root is a field (not a fragment spread). */
function positionArgument(operation: OperationDefinitionNode): { root: FieldNode; argument: ArgumentNode } | null {
  const [root] = operation.selectionSet.selections;
  if (root?.kind !== Kind.FIELD) return null;
  const argument = root.arguments?.find((candidate) => candidate.name.value === POSITION_ARGUMENT);
  return argument ? { root, argument } : null;
}

/**
 * Splits the start position off a validated subscription. `after` given as a literal or a
 * variable (a number is read as its digits; the subgraph checks it is an id its stream sent).
 */
export function splitPosition(document: DocumentNode, operation: OperationDefinitionNode, source: string, variables: Record<string, unknown>): PositionSplit {
  const found = positionArgument(operation);
  if (!found) return { document, source, variables, position: null };
  const { root, argument } = found;
  let position: unknown = null;
  let variableName: string | null = null;
  if (argument.value.kind === Kind.VARIABLE) {
    const name = argument.value.name.value;
    variableName = name;
    const declared = operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue;
    position = variables[name] ?? (declared?.kind === Kind.STRING || declared?.kind === Kind.INT ? declared.value : null);
  } else if (argument.value.kind === Kind.STRING || argument.value.kind === Kind.INT) {
    position = argument.value.value;
  }
  let otherUses = 0;
  if (variableName) {
    visit(document, {
      Variable(node, _key, parent) {
        if (node.name.value === variableName && parent !== argument) otherUses++;
      },
      VariableDefinition: () => false,
    });
  }
  const dropVariable = variableName !== null && otherUses === 0;
  const stripped = visit(document, {
    OperationDefinition(node) {
      if (node !== operation || !dropVariable) return undefined;
      return { ...node, variableDefinitions: node.variableDefinitions?.filter((definition) => definition.variable.name.value !== variableName) };
    },
    Field(node) {
      if (node !== root) return undefined;
      return { ...node, arguments: node.arguments?.filter((candidate) => candidate !== argument) };
    },
  });
  const rest = dropVariable ? Object.fromEntries(Object.entries(variables).filter(([name]) => name !== variableName)) : variables;
  return { document: stripped, source: print(stripped), variables: rest, position: position === null ? null : String(position) };
}
