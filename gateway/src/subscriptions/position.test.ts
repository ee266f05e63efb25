import { getOperationAST, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { splitPosition } from './position.ts';

const split = (source: string, variables: Record<string, unknown> = {}) => {
  const document: DocumentNode = parse(source);
  return splitPosition(document, getOperationAST(document) as OperationDefinitionNode, source, variables);
};

describe('a subscription’s start position, taken off what clients share', () => {
  it('reads `after` from a variable and drops the variable, so clients at any position share one operation', () => {
    const a = split('subscription S($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id } }', { id: 'lst_1', after: '17' });
    const b = split('subscription S($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id } }', { id: 'lst_1', after: '3' });
    expect(a.position).toBe('17');
    expect(b.position).toBe('3');
    expect(a.variables).toEqual({ id: 'lst_1' });
    expect(a.source).toBe(b.source);
    expect(a.source).toBe(print(parse('subscription S($id: ID!) { liveGiftEvents(liveStreamId: $id) { id } }')));
  });

  it('reads a literal `after` (a string or a number) and a variable’s default, and leaves a subscription without one as it is', () => {
    expect(split('subscription { liveGiftEvents(liveStreamId: "lst_1", after: "4") { id } }')).toMatchObject({ position: '4', source: print(parse('subscription { liveGiftEvents(liveStreamId: "lst_1") { id } }')) });
    expect(split('subscription { liveStreamUpdates(liveStreamId: "lst_1", after: 9) { id } }').position).toBe('9');
    expect(split('subscription ($after: ID = "5") { liveGiftEvents(liveStreamId: "lst_1", after: $after) { id } }').position).toBe('5');
    const plain = 'subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id) { id } }';
    expect(split(plain, { id: 'lst_1' })).toMatchObject({ position: null, source: plain, variables: { id: 'lst_1' } });
    expect(split('subscription ($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id } }', { id: 'lst_1' }).position).toBeNull();
  });

  it('keeps a variable that is used elsewhere too, taking off only the root field’s argument', () => {
    const both = split('subscription ($id: ID!, $after: ID) { liveGiftEvents(liveStreamId: $id, after: $after) { id stream { id } } } ', { id: 'lst_1', after: '2' });
    expect(both.variables).toEqual({ id: 'lst_1' });
    const reused = split('subscription ($id: ID!) { liveGiftEvents(liveStreamId: $id, after: $id) { id } }', { id: '7' });
    expect(reused.position).toBe('7');
    expect(reused.variables).toEqual({ id: '7' });
    expect(reused.source).toContain('liveStreamId: $id)');
  });
});
