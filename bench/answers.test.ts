import { describe, expect, it } from 'vitest';
import { answersWith, dataOf, stringsIn } from './answers.ts';

const reference = JSON.stringify({ product: { id: 'prd_1', price: { amount: 1299 } } });

describe('answersWith', () => {
  it('accepts the reference data alone or followed by extensions, as both gateways write it', () => {
    expect(answersWith(`{"data":${reference}}`, reference)).toBe(true);
    expect(answersWith(`{"data":${reference}}\n`, reference)).toBe(true);
    expect(answersWith(`{"data":${reference},"extensions":{"cost":{"requested":3}}}`, reference)).toBe(true);
  });

  it('refuses a different value, an answer with errors, and data that only starts like the reference', () => {
    expect(answersWith(`{"data":${reference.replace('1299', '1300')}}`, reference)).toBe(false);
    expect(answersWith(`{"errors":[{"message":"boom"}],"data":${reference}}`, reference)).toBe(false);
    expect(answersWith(`{"data":${reference},"errors":[{"message":"late"}]}`, reference)).toBe(false);
    const prefix = JSON.stringify({ a: [1] }).slice(0, -2);
    expect(answersWith(`{"data":${JSON.stringify({ a: [1, 2] })}}`, prefix)).toBe(false);
  });
});

describe('stringsIn and dataOf', () => {
  it('collects every string an answer shows, however deep', () => {
    expect([...stringsIn({ a: [{ id: 'x' }, { b: { id: 'y', n: 3 } }], c: 'z' })].sort()).toEqual(['x', 'y', 'z']);
  });

  it('says why a body has no data to check', () => {
    expect(dataOf('{"data":{"a":1}}')).toEqual({ data: { a: 1 } });
    expect(dataOf('{"errors":[{"message":"no","extensions":{"code":"NOT_FOUND"}}],"data":null}')).toEqual({ problem: 'errors: NOT_FOUND no' });
    expect(dataOf('<html>')).toMatchObject({ problem: expect.stringContaining('not JSON') });
  });
});
