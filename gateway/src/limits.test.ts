import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useErrorFormatting } from './errors.ts';
import { DEFAULT_LIMITS, LIMIT_CODES, limitCodeOf, maxRootFieldsRule, useOperationLimits } from './limits.ts';

const typeDefs = 'type Query { node(id: ID): Node, a: Int, b: Int, c: Int } type Node { id: ID, child: Node }';

describe('the root-field limit', () => {
  const schema = buildSchema(typeDefs);
  it('counts root fields through fragments, each fragment once, and not __typename', () => {
    const rule = maxRootFieldsRule(2);
    expect(validate(schema, parse('{ a b __typename }'), [rule])).toHaveLength(0);
    const errors = validate(schema, parse('{ a ...F ... on Query { c } } fragment F on Query { b }'), [rule]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions.limitCode).toBe(LIMIT_CODES.rootFields);
    expect(errors[0]?.message).toMatch(/at most 2 root fields; this one selects 3/);
  });
});

describe('limitCodeOf', () => {
  it('reads the tag a limit puts on its error, and graphql-js\'s own token message', () => {
    expect(limitCodeOf({ limitCode: 'MAX_DEPTH_EXCEEDED' })).toBe('MAX_DEPTH_EXCEEDED');
    expect(limitCodeOf({ code: 'GRAPHQL_PARSE_FAILED' }, 'Syntax Error: Document contains more that 10 tokens. Parsing aborted.')).toBe(LIMIT_CODES.tokens);
    expect(limitCodeOf({ code: 'GRAPHQL_PARSE_FAILED' }, 'Syntax Error: Unexpected "}".')).toBeNull();
    expect(limitCodeOf(undefined)).toBeNull();
  });
});

describe('operation limits in Apollo Server', () => {
  it('refuse each limit with its own code, and pass an operation within them', async () => {
    const limits = useOperationLimits({ ...DEFAULT_LIMITS, maxDepth: 3, maxAliases: 2, maxRootFields: 2, maxDirectives: 2, maxTokens: 40 });
    const server = new ApolloServer({
      typeDefs,
      resolvers: { Query: { a: () => 1, b: () => 2 } },
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      plugins: limits.plugins,
      formatError: useErrorFormatting({ production: false }),
    });
    await server.start();
    const codeOf = async (query: string) => {
      const response = await server.executeOperation({ query });
      return response.body.kind === 'single' ? (response.body.singleResult.errors?.[0]?.extensions?.code ?? 'none') : 'incremental';
    };
    try {
      expect(await codeOf('{ a b }')).toBe('none');
      expect(await codeOf('{ node { child { child { child { id } } } } }')).toBe('MAX_DEPTH_EXCEEDED');
      expect(await codeOf('{ x: a y: a z: a }')).toBe('MAX_ALIASES_EXCEEDED');
      expect(await codeOf('{ a b c }')).toBe('MAX_ROOT_FIELDS_EXCEEDED');
      expect(await codeOf('{ a @include(if: true) @include(if: true) @include(if: true) }')).toBe('MAX_DIRECTIVES_EXCEEDED');
      expect(await codeOf(`{ node { ${'id '.repeat(40)} } }`)).toBe('MAX_TOKENS_EXCEEDED');
    } finally {
      await server.stop();
    }
  });
});
