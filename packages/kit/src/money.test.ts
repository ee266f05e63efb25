import { describe, expect, it } from 'vitest';
import { formatMoney, money } from './money.ts';

describe('formatMoney', () => {
  it('shows minor units as the currency writes them, whichever currency came before', () => {
    expect(formatMoney(money(1299))).toBe('$12.99');
    expect(formatMoney(money(500, 'JPY'))).toBe('¥500');
    expect(formatMoney(money(1299, 'EUR'))).toBe('€12.99');
    expect(formatMoney(money(0))).toBe('$0.00');
    expect(formatMoney(money(123456789))).toBe('$1,234,567.89');
  });

  it('refuses an amount that is not whole minor units', () => {
    expect(() => money(12.5)).toThrow(RangeError);
  });
});
