import type { GraphQLFormattedError } from 'graphql';
import { maskErrors } from '@app/kit/subgraph';
import { limitCodeOf } from './limits.ts';

/**
 * graphql-js appends every suggestion it makes ("Did you mean "feed"?", "… the enum value
 * "FULL"?", "… "first" or "after"?") as one last sentence starting with these words, whether
 * it comes from validating a field, an argument, a type, a directive, an enum literal, or from
 * coercing a variable; subgraph errors pass through here too.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** A message without its suggestions: what production says, so a probe learns no hidden names. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export interface ErrorFormattingOptions {
  /** Production masks every suggestion; development keeps them, they help. */
  production: boolean;
}

/**
 * The gateway's `formatError`: what a client sees of every error. A refused operation limit
 * keeps its own code; anything without a public code is masked (logged elsewhere with the
 * request id); in production no message suggests a name.
 */
export function useErrorFormatting({ production }: ErrorFormattingOptions) {
  const format = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo Server rewraps validation errors; the limit's tag is on the error it wraps.
    const original = (error as { originalError?: { extensions?: Record<string, unknown> } }).originalError;
    const limitCode = limitCodeOf(formatted.extensions, formatted.message) ?? limitCodeOf(original?.extensions);
    if (limitCode) return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: limitCode } };
    return maskErrors(formatted, error, 'gateway');
  };
  if (!production) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shown = format(formatted, error);
    return { ...shown, message: withoutSuggestions(shown.message) };
  };
}
