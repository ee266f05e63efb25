/**
 * The coin packages on sale, priced in USD cents. They are part of the code, not the store: a
 * purchase records the coins and price it was sold at, so changing a package never rewrites a
 * past purchase.
 */
export interface CoinPackage {
  id: string;
  coins: number;
  priceAmount: number;
  currency: 'USD';
}

const pkg = (coins: number, priceAmount: number): CoinPackage => ({ id: `cpk_${coins}`, coins, priceAmount, currency: 'USD' });

export const COIN_PACKAGES: readonly CoinPackage[] = [pkg(70, 99), pkg(350, 499), pkg(700, 999), pkg(1_400, 1_999), pkg(3_500, 4_999), pkg(7_000, 9_999), pkg(17_500, 24_999)];

export function coinPackageById(id: string): CoinPackage | null {
  return COIN_PACKAGES.find((candidate) => candidate.id === id) ?? null;
}
