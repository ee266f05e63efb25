import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useErrorFormatting } from './errors.ts';

const format = useErrorFormatting({ production: false });
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

describe('suggestions', () => {
  const validation = (message: string) => new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  const messages = [
    'Cannot query field "fed" on type "Query". Did you mean "feed"?',
    'Value "FUL" does not exist in "ProductFeedMode" enum. Did you mean the enum value "FULL"?',
    'Variable "$feed" got invalid value "FUL" at "feed.mode"; Value "FUL" does not exist in "ProductFeedMode" enum. Did you mean the enum value "FULL" or "PARTIAL"?',
    'Unknown argument "frist" on field "Query.feed". Did you mean "first", "after", or "last"?',
    'Unknown type "Vdeo". Did you mean "Video"?',
  ];

  it('are masked in production, every shape of them, and the rest of the message kept', () => {
    const production = useErrorFormatting({ production: true });
    for (const message of messages) {
      const shown = production(validation(message).toJSON(), validation(message));
      expect(shown.message).not.toMatch(/Did you mean|FULL|"feed"|"first"|"Video"/);
      expect(shown.message.length).toBeGreaterThan(10);
      expect(shown.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const typo = validation(messages[0]!);
    expect(production(typo.toJSON(), typo).message).toBe('Cannot query field "fed" on type "Query".');
  });

  it('are kept in development, where they help', () => {
    const development = useErrorFormatting({ production: false });
    const typo = validation(messages[1]!);
    expect(development(typo.toJSON(), typo).message).toBe(messages[1]);
  });
});
