import type { GraphQLFormattedError } from 'graphql';
import { maskErrors } from '@app/kit/subgraph';
import { limitCodeOf } from './limits.ts';

/**
 * The gateway's `formatError`: what a client sees of every error. A refused operation limit
 * keeps its own code; anything without a public code is masked (logged elsewhere with the
 * request id).
 */
export function useErrorFormatting() {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo Server rewraps validation errors; the limit's tag is on the error it wraps.
    const original = (error as { originalError?: { extensions?: Record<string, unknown> } }).originalError;
    const limitCode = limitCodeOf(formatted.extensions, formatted.message) ?? limitCodeOf(original?.extensions);
    if (limitCode) return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: limitCode } };
    return maskErrors(formatted);
  };
}
