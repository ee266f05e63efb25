import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useErrorFormatting } from './errors.ts';

const format = useErrorFormatting();
const formatted = (error: GraphQLError): GraphQLFormattedError => format(error.toJSON(), error);

describe('the gateway\'s error formatting', () => {
  it('passes public codes with their message and extensions, without a stack trace', () => {
    const error = new GraphQLError('Offer "x" was not found.', { path: ['offer'], extensions: { code: 'NOT_FOUND', id: 'x', stacktrace: ['at …'] } });
    expect(formatted(error)).toEqual({ message: 'Offer "x" was not found.', path: ['offer'], extensions: { code: 'NOT_FOUND', id: 'x' } });
  });

  it('masks anything without a public code, keeping only where it happened', () => {
    const error = new GraphQLError('SQLITE_ERROR: no such table: products (/srv/data/commerce.db)', { path: ['product'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatted(error)).toEqual({ message: 'Internal server error', path: ['product'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatted(new GraphQLError('boom'))).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('gives a refused limit its own code, also when Apollo Server wrapped the error that carries it', () => {
    const tagged = new GraphQLError('Query depth limit of 12 exceeded, found 13.', { extensions: { limitCode: 'MAX_DEPTH_EXCEEDED' } });
    const wrapped = new GraphQLError(tagged.message, { originalError: tagged, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatted(wrapped)).toEqual({ message: tagged.message, extensions: { code: 'MAX_DEPTH_EXCEEDED' } });
    const tokens = new GraphQLError('Syntax Error: Document contains more that 2000 tokens. Parsing aborted.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatted(tokens)).toEqual({ message: 'Document contains more that 2000 tokens. Parsing aborted.', extensions: { code: 'MAX_TOKENS_EXCEEDED' } });
  });
});
