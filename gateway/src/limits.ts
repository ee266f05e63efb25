import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';
import { DEFAULT_MAX_BODY_BYTES } from '@app/kit/config';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxBodyBytes: number;
  /** Operations in one batched HTTP request; 1 turns batching off. */
  maxBatch: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxRootFields: 10,
  maxDirectives: 20,
  maxTokens: 2_000,
  // One limit for the gateway and the subgraphs (MAX_BODY_BYTES): see the kit's config.
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
  maxBatch: 5,
};

/** The stable code a client sees for each refused limit. */
export const LIMIT_CODES = {
  depth: 'MAX_DEPTH_EXCEEDED',
  aliases: 'MAX_ALIASES_EXCEEDED',
  rootFields: 'MAX_ROOT_FIELDS_EXCEEDED',
  directives: 'MAX_DIRECTIVES_EXCEEDED',
  tokens: 'MAX_TOKENS_EXCEEDED',
  body: 'PAYLOAD_TOO_LARGE',
  batch: 'BATCH_TOO_LARGE',
} as const;

/** The limits checked while parsing and validating: a refused one is a request that could not run. */
export const VALIDATION_LIMIT_CODES = [LIMIT_CODES.depth, LIMIT_CODES.aliases, LIMIT_CODES.rootFields, LIMIT_CODES.directives, LIMIT_CODES.tokens];

/**
 * Reports a limit's refusal with the limit's own code. Armor's default reporter replaces the
 * error with a plain BAD_USER_INPUT (and Apollo Server then rewrites validation codes), so the
 * error carries a `limitCode` tag that the gateway's formatError turns back into the code.
 * Validation-phase limits report to the context; the token limit runs while parsing and throws.
 */
const refuseWith =
  (code: string): GraphQLArmorRejectCallback =>
  (context, error) => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { limitCode: code } }));
  };

const limit = (n: number, code: string) => ({ n, onReject: [refuseWith(code)], propagateOnRejection: false });

/** The limit a refused operation hit, from the tag on its error or graphql-js's own token message. */
export function limitCodeOf(extensions: Record<string, unknown> | undefined, message = ''): string | null {
  if (typeof extensions?.limitCode === 'string') return extensions.limitCode;
  // graphql-js words it "more that N tokens" (sic); match both spellings.
  if (extensions?.code === 'GRAPHQL_PARSE_FAILED' && /Document contains more tha[nt] \d+ tokens/.test(message)) return LIMIT_CODES.tokens;
  return null;
}

function countRootFields(selectionSet: SelectionSetNode, context: ValidationContext, seen: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countRootFields(selection.selectionSet, context, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, context, seen);
    }
  }
  return count;
}

/** Armor has no rule for the number of root fields; each one is a separate plan branch. */
export function maxRootFieldsRule(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const count = countRootFields(operation.selectionSet, context, new Set());
      if (count > max) {
        context.reportError(
          new GraphQLError(`An operation may select at most ${max} root fields; this one selects ${count}.`, {
            nodes: [operation],
            extensions: { limitCode: LIMIT_CODES.rootFields },
          }),
        );
      }
    },
  });
}

/** The operation limits, as Apollo Server plugins and validation rules. */
export function useOperationLimits(limits: OperationLimits) {
  const armor = new ApolloArmor({
    maxDepth: limit(limits.maxDepth, LIMIT_CODES.depth),
    maxAliases: limit(limits.maxAliases, LIMIT_CODES.aliases),
    maxDirectives: limit(limits.maxDirectives, LIMIT_CODES.directives),
    // graphql-js limits tokens itself (`parseOptions.maxTokens`), before any plugin could.
    maxTokens: { enabled: false },
    // Cost is the gateway's own (weighted by connection sizes, reported, rate-limited).
    costLimit: { enabled: false },
    // Suggestions are masked in production by the gateway's own error formatting, enum values
    // and variables included (Armor's mask knows one message shape).
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules: [...validationRules, maxRootFieldsRule(limits.maxRootFields)], parseOptions: { maxTokens: limits.maxTokens } };
}
