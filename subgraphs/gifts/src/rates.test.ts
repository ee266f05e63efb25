import { describe, expect, it } from 'vitest';
import { coinsToDiamonds, creditedDiamonds, DEFAULT_RATES, diamondsForCents, diamondsToCents, parseShare, ratesFromEnv } from './rates.ts';

describe('LIVE gifting rates', () => {
  it('credits one diamond per two coins by default, rounding down per send', () => {
    const coins = [0, 1, 2, 3, 5, 30, 99, 29_999, 44_999];
    expect(coins.map((c) => coinsToDiamonds(c, DEFAULT_RATES))).toEqual([0, 0, 1, 1, 2, 15, 49, 14_999, 22_499]);
  });

  it('values 200 diamonds at one dollar, rounding down to a whole cent', () => {
    expect([0, 1, 2, 199, 200, 201, 399, 400, 15_031].map((d) => diamondsToCents(d, DEFAULT_RATES))).toEqual([0, 0, 1, 99, 100, 100, 199, 200, 7_515]);
  });

  it('takes the fewest diamonds worth a payout: exactly two per cent by default, rounded up at other rates', () => {
    expect([0, 1, 99, 1000, 1750].map((cents) => diamondsForCents(cents, DEFAULT_RATES))).toEqual([0, 2, 198, 2000, 3500]);
    const rates = { ...DEFAULT_RATES, diamondsPerDollar: 150 };
    // 1 cent is 1.5 diamonds: 2 diamonds pay for it, and 2 diamonds are worth 1 cent, not 2.
    for (const cents of [1, 2, 3, 199, 1001]) {
      const diamonds = diamondsForCents(cents, rates);
      expect(diamondsToCents(diamonds, rates)).toBe(cents);
      expect(diamondsToCents(diamonds - 1, rates)).toBe(cents - 1);
    }
  });

  it('reads other rates from the environment and applies the same rounding', () => {
    const rates = ratesFromEnv({ GIFT_DIAMONDS_PER_COIN: '2/5', GIFT_DIAMONDS_PER_DOLLAR: '150' });
    expect(rates).toEqual({ diamondsPerCoin: { diamonds: 2, coins: 5 }, diamondsPerDollar: 150 });
    // 7 coins × 2/5 = 2.8 diamonds → 2; 299 diamonds × 100/150 = 199.33 cents → 199.
    expect(coinsToDiamonds(7, rates)).toBe(2);
    expect(diamondsToCents(299, rates)).toBe(199);
    expect(ratesFromEnv({ GIFT_DIAMONDS_PER_COIN: '1' })).toEqual({ diamondsPerCoin: { diamonds: 1, coins: 1 }, diamondsPerDollar: 200 });
    expect(ratesFromEnv({})).toEqual(DEFAULT_RATES);
  });

  it('reads a creator share as a fraction or a percentage, and credits it rounded down per send', () => {
    expect(parseShare('53%', 'share')).toEqual({ diamonds: 53, coins: 100 });
    expect(parseShare('52.5%', 'share')).toEqual({ diamonds: 525, coins: 1000 });
    expect(parseShare('100%', 'share')).toEqual({ diamonds: 100, coins: 100 });
    expect(parseShare(' 53/100 ', 'share')).toEqual({ diamonds: 53, coins: 100 });
    // 299 coins at 53%: 158.47 diamonds → 158; at the default half, 149.
    expect(creditedDiamonds(299, { diamonds: 53, coins: 100 })).toBe(158);
    expect(coinsToDiamonds(299, DEFAULT_RATES)).toBe(149);
    for (const bad of ['0%', '101%', '53.123%', '-5%', '%', '53 %x', '0/1', '2/1']) expect(() => parseShare(bad, 'share'), bad).toThrow(/share/);
  });

  it('refuses malformed rates, and any rate crediting more diamonds than coins, at start', () => {
    for (const share of ['half', '0/2', '1/0', '3/2', '1/2/3', '-1/2', '1.5/3']) {
      expect(() => ratesFromEnv({ GIFT_DIAMONDS_PER_COIN: share }), share).toThrow(/GIFT_DIAMONDS_PER_COIN/);
    }
    for (const perDollar of ['0', '-200', '2e2', 'lots']) {
      expect(() => ratesFromEnv({ GIFT_DIAMONDS_PER_DOLLAR: perDollar }), perDollar).toThrow(/GIFT_DIAMONDS_PER_DOLLAR/);
    }
  });

  it('refuses fractional or negative amounts instead of rounding them silently', () => {
    expect(() => coinsToDiamonds(1.5, DEFAULT_RATES)).toThrow(RangeError);
    expect(() => diamondsToCents(-1, DEFAULT_RATES)).toThrow(RangeError);
  });
});
