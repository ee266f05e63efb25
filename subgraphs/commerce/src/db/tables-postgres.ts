/** The commerce store's Postgres tables by name, for drizzle-kit (`drizzle-pg.config.ts`): derived from `tables.ts`. */
import { commerceTables } from './tables.ts';

export const {
  brands,
  products,
  catalogs,
  catalogProducts,
  creatorCatalogs,
  showcaseItems,
  videoProducts,
  liveStreamPins,
  affiliateLinks,
  affiliateClicks,
  creatorCommissions,
  orders,
  orderLines,
  orderReturns,
  orderReturnLines,
  commissionPayouts,
  salesDays,
  creatorCommissionTotals,
  creatorCommissionDays,
  creatorCommissionLocks,
  idempotencyKeys,
  liveEvents,
  liveEventTopics,
  usedNonces,
} = commerceTables.postgres;
