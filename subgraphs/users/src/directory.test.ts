import { describe, expect, it } from 'vitest';
import { directoryFilter } from './directory.ts';

const refusal = (args: Parameters<typeof directoryFilter>[0]) => {
  try {
    directoryFilter(args);
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error(`${JSON.stringify(args)} was not refused`);
};

describe('the creators directory filter', () => {
  it('keeps the words of the text, lowercased, punctuation and operators only separators', () => {
    expect(directoryFilter({ text: 'Maya.Cooking "OR" -chef*' })).toMatchObject({ terms: ['maya', 'cooking', 'or', 'chef'] });
    expect(directoryFilter({})).toEqual({ terms: [], topic: null, minFollowers: null, maxFollowers: null, country: null });
    expect(directoryFilter({ topic: 'gaming', followers: { min: 10 }, country: 'US' })).toEqual({ terms: [], topic: 'gaming', minFollowers: 10, maxFollowers: null, country: 'US' });
  });

  it('refuses what it cannot honestly answer, naming the argument', () => {
    expect(refusal({ text: '?!' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    expect(refusal({ text: 'x'.repeat(101) })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    expect(refusal({ text: 'a b c d e f g h i' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text', max: 8 });
    expect(refusal({ followers: { min: 20, max: 10 } })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'followers' });
    expect(refusal({ followers: { min: -1 } })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'followers' });
    expect(refusal({ country: 'usa' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'country' });
  });
});
