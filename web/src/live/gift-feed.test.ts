/**
 * The gift feed's wording: a combo says how many gifts and how many sends, from the numbers the
 * events carry, and the line under the rows says how many of the stream's gifts they leave out.
 */
import { describe, expect, it } from 'vitest';
import { comboNote, earlierNote, giftAmount, type GiftRun } from './gift-feed.ts';

const run = (quantities: number[], combo = quantities.length): GiftRun => ({ gift: 'Finger Heart', quantities, combo });

describe('a gift row', () => {
  it('names a single gift alone and several with their count', () => {
    expect(giftAmount(run([1]))).toBe('Finger Heart');
    expect(giftAmount(run([3]))).toBe('Finger Heart ×3');
    expect(comboNote(run([1]))).toBe('');
    expect(comboNote(run([3]))).toBe('');
  });

  it('says the gifts first and the sends after: 2 sends of 3 are 6 hearts, never "2 × … x3"', () => {
    expect(giftAmount(run([3, 3]))).toBe('Finger Heart ×6');
    expect(comboNote(run([3, 3]))).toBe('2 sends of 3');
    expect(giftAmount(run([1, 1, 1, 1]))).toBe('Finger Heart ×4');
    expect(comboNote(run([1, 1, 1, 1]))).toBe('4 sends of 1');
  });

  it('lists the quantities when the sends of a combo differ', () => {
    expect(giftAmount(run([2, 5]))).toBe('Finger Heart ×7');
    expect(comboNote(run([2, 5]))).toBe('2 sends: 2 + 5');
  });

  it('says which sends it shows when its combo began before the page saw it', () => {
    expect(comboNote(run([2], 5))).toBe('send 5 in a row');
    expect(comboNote(run([2, 2], 4))).toBe('sends 3–4 in a row, 2 each');
    expect(comboNote(run([1, 3], 4))).toBe('sends 3–4 in a row: 1 + 3');
  });
});

describe('the line under the gift rows', () => {
  it('invites a first gift only when the stream has none', () => {
    expect(earlierNote(0, 0, 0)).toBe('No gift yet. Send one!');
  });

  it('counts the gifts the rows leave out, so an empty feed never sits beside totals that count some', () => {
    expect(earlierNote(16, 0, 0)).toBe('16 gifts sent before the last few minutes; new ones show here.');
    expect(earlierNote(18, 2, 1)).toBe('…and 16 gifts sent before these.');
    expect(earlierNote(17, 16, 3)).toBe('…and 1 gift sent before these.');
    expect(earlierNote(20, 20, 4)).toBe('');
  });
});
