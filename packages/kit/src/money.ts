/**
 * Money is integer minor units plus an ISO 4217 code everywhere; it becomes a decimal string
 * only for display.
 * Every subgraph that shows money declares the same `@shareable` `Money` type in its SDL:
 * `amount: Int!`, `currencyCode: String!`, `formatted: String!`.
 */
export interface Money {
  amount: number;
  currencyCode: string;
}

const MINOR_UNIT_DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

export function money(amount: number, currencyCode = 'USD'): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amounts are integer minor units, got ${amount}`);
  return { amount, currencyCode };
}

/**
 * One formatter per currency, made once: building an `Intl.NumberFormat` costs tens of
 * microseconds, and a page of products formats dozens of prices.
 */
const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney({ amount, currencyCode }: Money): string {
  const digits = MINOR_UNIT_DIGITS[currencyCode] ?? 2;
  let formatter = formatters.get(currencyCode);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency: currencyCode });
    formatters.set(currencyCode, formatter);
  }
  return formatter.format(amount / 10 ** digits);
}

export const moneyResolvers = {
  Money: {
    formatted: (value: Money) => formatMoney(value),
  },
};
