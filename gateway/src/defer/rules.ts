/**
 * Validation of `@defer` beyond what graphql-js 16 knows (graphql-js 17 has the same rules):
 * labels are static strings, unique in the document (each deferred payload is told apart by its
 * label and path), and only queries defer. A mutation's or subscription's result comes whole: a
 * write is never split over parts, and an event is one payload.
 */
import { GraphQLError, Kind, type ASTVisitor, type DirectiveNode, type SelectionSetNode, type ValidationContext } from 'graphql';

export function deferLabelsRule(context: ValidationContext): ASTVisitor {
  const seen = new Set<string>();
  return {
    Directive(node) {
      if (node.name.value !== 'defer') return;
      const label = node.arguments?.find((argument) => argument.name.value === 'label');
      if (!label) return;
      if (label.value.kind !== Kind.STRING) {
        context.reportError(new GraphQLError('A @defer label must be a string written in the document, not a variable.', { nodes: [label] }));
        return;
      }
      if (seen.has(label.value.value)) {
        context.reportError(new GraphQLError(`The @defer label "${label.value.value}" is used twice; each deferred fragment needs its own.`, { nodes: [label] }));
      }
      seen.add(label.value.value);
    },
  };
}

/** `@defer(if: false)` written as such defers nothing. */
const defers = (directive: DirectiveNode) => {
  const condition = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
  return !(condition?.kind === Kind.BOOLEAN && condition.value === false);
};

function deferIn(selectionSet: SelectionSetNode): DirectiveNode | undefined {
  for (const selection of selectionSet.selections) {
    const own = selection.kind !== Kind.FIELD ? selection.directives?.find((directive) => directive.name.value === 'defer' && defers(directive)) : undefined;
    if (own) return own;
    const inner = selection.kind === Kind.FRAGMENT_SPREAD ? undefined : selection.selectionSet && deferIn(selection.selectionSet);
    if (inner) return inner;
  }
  return undefined;
}

export function deferInQueriesOnlyRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(operation) {
      if (operation.operation === 'query') return;
      const found = deferIn(operation.selectionSet) ?? context.getRecursivelyReferencedFragments(operation).map((fragment) => deferIn(fragment.selectionSet)).find(Boolean);
      if (!found) return;
      context.reportError(
        new GraphQLError(`@defer is served on queries only: a ${operation.operation}'s result comes in one payload. Remove @defer (or ask for the deferred fields with a query).`, {
          nodes: [found],
        }),
      );
    },
  };
}

export const DEFER_VALIDATION_RULES = [deferLabelsRule, deferInQueriesOnlyRule];
