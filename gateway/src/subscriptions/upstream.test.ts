import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { resumeFrom } from './upstream.ts';

describe('resuming an upstream subscription after the last event id', () => {
  it('sets a variable `after` through the variables', () => {
    const query = 'subscription S($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id } }';
    expect(resumeFrom(query, { id: 'lst_1' }, '17')).toEqual({ query, variables: { id: 'lst_1', after: '17' } });
  });

  it('replaces a literal `after`, or adds one, on the root field only', () => {
    const literal = resumeFrom('subscription { liveGiftEvents(liveStreamId: "lst_1", after: "3") { id send { id } } }', {}, '17');
    expect(print(parse(literal.query))).toBe(print(parse('subscription { liveGiftEvents(liveStreamId: "lst_1", after: "17") { id send { id } } }')));
    const absent = resumeFrom('subscription Sub__gifts__0($liveStreamId: ID!) { liveGiftEvents(liveStreamId: $liveStreamId) { id } }', { liveStreamId: 'lst_1' }, '5');
    expect(print(parse(absent.query))).toContain('liveGiftEvents(liveStreamId: $liveStreamId, after: "5")');
    expect(absent.variables).toEqual({ liveStreamId: 'lst_1' });
  });
});
