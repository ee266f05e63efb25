import { readFileSync } from 'node:fs';
import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DeferPlanner } from './plan.ts';
import { DEFER_VALIDATION_RULES } from './rules.ts';

const { apiSchema } = new DeferPlanner(readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const errorsOf = (source: string) => validate(apiSchema, parse(source), [...specifiedRules, ...DEFER_VALIDATION_RULES]).map((error) => error.message);

describe('validating @defer', () => {
  it('accepts deferred fragments in a query, labelled or not', () => {
    expect(errorsOf('{ creator(handle: "maya") { ... @defer { bio } ...F @defer(label: "f") } } fragment F on Creator { videoCount }')).toEqual([]);
  });

  it('refuses a label given twice or through a variable', () => {
    expect(errorsOf('{ creator(handle: "maya") { ... @defer(label: "x") { bio } ... @defer(label: "x") { videoCount } } }')).toEqual([
      'The @defer label "x" is used twice; each deferred fragment needs its own.',
    ]);
    expect(errorsOf('query ($l: String) { creator(handle: "maya") { ... @defer(label: $l) { bio } } }')).toEqual(['A @defer label must be a string written in the document, not a variable.']);
  });

  it('refuses @defer in a mutation, also through a fragment, unless it is written off', () => {
    const refused = "@defer is served on queries only: a mutation's result comes in one payload. Remove @defer (or ask for the deferred fields with a query).";
    expect(errorsOf('mutation ($id: ID!) { follow(userId: $id) { ... @defer { viewerFollows } } }')).toEqual([refused]);
    expect(errorsOf('mutation ($id: ID!) { follow(userId: $id) { ...F } } fragment F on FollowPayload { ... @defer { viewerFollows } }')).toEqual([refused]);
    expect(errorsOf('mutation ($id: ID!) { follow(userId: $id) { ... @defer(if: false) { viewerFollows } } }')).toEqual([]);
  });

  it('refuses @defer in a subscription', () => {
    expect(errorsOf('subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id ... @defer { send { id } } } }')[0]).toMatch(/^@defer is served on queries only: a subscription's result/);
  });
});
